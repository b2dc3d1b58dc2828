/* warning: what a check-in just saved warns of: the warning-sign rules
 * the journal's newest entry trips (judged against the whole journal, for
 * "higher than the day before"), and the one notification that says them
 * (rules_notification()). The same for `needlecare log` and the
 * check-in screen; send/alert.h delivers it. */
#ifndef NEEDLECARE_WARNING_H
#define NEEDLECARE_WARNING_H

#include <stddef.h>

#include "care/journal.h"
#include "care/rules.h"
#include "care/plan.h"

struct checkin_warning {
	const struct redflag **tripped; /* most urgent first; point into the plan's protocol */
	size_t n;                       /* 0: nothing to warn of, no notice */
	struct warning_notification notice;   /* n > 0: summary, body, urgency */
};

/* The warning of j's newest check-in (none for an empty journal). Free it
 * with warning_free(). */
void warning_compose(const struct plan *p, const struct journal *j,
                     struct checkin_warning *out);
void warning_free(struct checkin_warning *w);

#endif
