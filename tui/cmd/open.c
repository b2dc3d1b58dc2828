/* open: how the commands open the plan. The engine returns its problems
 * as values; a command prints them on standard error, as they always
 * were. */
#include "cmd/cli.h"
#include "care/cache.h"
#include "care/plan.h"
#include "base/util.h"

#include <stdio.h>

int cli_open_plan(struct plan *p, const struct plan_options *o, bool need_session,
                  bool cached)
{
	struct diags d = {0};
	int rc = cached ? cache_open(p, o, need_session, &d)
	                : plan_open(p, o, need_session, &d);
	diags_print(&d, stderr);
	diags_free(&d);
	return rc;
}
