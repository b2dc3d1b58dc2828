#include "care/warning.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

void warning_compose(const struct plan *p, const struct journal *j,
                     struct checkin_warning *out)
{
	memset(out, 0, sizeof *out);
	out->tripped = xcalloc(p->proto->nredflags + 1, sizeof *out->tripped);
	out->n = j->n ? rules_tripped(p, j, j->n - 1, out->tripped) : 0;
	if (out->n)
		rules_notification(out->tripped, out->n, &p->cfg, &out->notice);
}

void warning_free(struct checkin_warning *w)
{
	if (w->n)
		rules_notification_free(&w->notice);
	free(w->tripped);
	memset(w, 0, sizeof *w);
}
