/* export: needlecare export --ics FILE. */
#include "cmd/cli.h"
#include "base/fileio.h"
#include "care/ics.h"
#include "care/plan.h"
#include "cmd/report.h"
#include "base/i18n.h"
#include "base/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "-" is standard output, for scripts (a file of that name is "./-"); the
 * calendar is then all that is printed. */
static int write_stdout(const struct ics_text *ics)
{
	if (fwrite(ics->data, 1, ics->len, stdout) != ics->len || fflush(stdout) != 0) {
		warn(_("cannot write the calendar to standard output: %s"), strerror(errno));
		return STATUS_FAIL;
	}
	return STATUS_OK;
}

int cli_export(const struct cli *c)
{
	const char *file = c->ics_file;
	if (!*file) {
		warn("export --ics: %s", _("the file name is empty (use - for standard output)"));
		return STATUS_USAGE;
	}
	struct plan p;
	struct plan_options o = {c->config_path, c->protocol, c->session};
	/* Not the cache: an export is rare, and should not write one. */
	int rc = report_open_plan(&p, &o, true, false);
	if (rc != STATUS_OK)
		return rc;
	struct ics_text ics;
	ics_build(&p.tl, p.now, &ics);
	plan_free(&p);
	if (strcmp(file, "-") == 0) {
		rc = write_stdout(&ics);
	} else {
		char *err;
		if (fileio_save(file, ics.data, ics.len, &err) != 0) {
			warn("%s", err);
			free(err);
			rc = STATUS_FAIL;
		} else {
			char *events = xasprintf(P_("%zu event", "%zu events", ics.nevents),
			                         ics.nevents);
			char *alarms = xasprintf(P_("%zu reminder", "%zu reminders", ics.nalarms),
			                         ics.nalarms);
			/* TRANSLATORS: "12 events", "9 reminders", then the file. */
			printf(_("Wrote %s (%s) to %s."), events, alarms, file);
			putchar('\n');
			free(events);
			free(alarms);
		}
	}
	free(ics.data);
	return rc;
}
