#include "cmd/report.h"
#include "care/cache.h"
#include "send/due.h"
#include "care/plan.h"
#include "base/util.h"

#include <stdio.h>

static int report(int rc, struct diags *d)
{
	diags_print(d, stderr);
	diags_free(d);
	return rc;
}

int report_open_plan(struct plan *p, const struct plan_options *o, bool need_session,
                     bool cached)
{
	struct diags d = {0};
	return report(cached ? cache_open(p, o, need_session, &d)
	                     : plan_open(p, o, need_session, &d), &d);
}

int report_due_pass(const struct plan *p, time_t now, size_t *sent)
{
	struct diags d = {0};
	return report(due_pass(p, now, sent, &d), &d);
}
