/* export: needlecare export --ics FILE. */
#include "cli.h"
#include "util.h"

int cli_export(const struct cli *c)
{
	(void)c;
	die(STATUS_FAIL, "export: not written yet");
}
