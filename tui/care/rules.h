/* rules: the warning-sign rules of a protocol ([redflag.NAME] sections)
 * applied to the check-ins of a journal: which rules a check-in trips,
 * which warnings are still unread, and the one notification they make.
 * Above both the protocol that defines the rules and the journal that
 * keeps the check-ins. (Its functions keep their journal_ names.) */
#ifndef NEEDLECARE_RULES_H
#define NEEDLECARE_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "care/checkin.h"
#include "care/journal.h"
#include "care/protocol.h"

struct config;
struct plan;
struct state;

/* Whether rule f trips on check-in c; prev is the check-in before it (or
 * NULL), day the calendar days since the session (day_known false when no
 * session has been booked: then only the sign rules can trip), normal_max
 * the highest normal rating of f's rating on that day (-1: not known). */
bool redflag_trips(const struct redflag *f, const struct checkin *c,
                   const struct checkin *prev, long day, bool day_known,
                   int normal_max);

/* The warning-sign rules of p's protocol that check-in i of j trips, on
 * its day since the session and against the check-in before it that gave
 * the same rating, the most urgent first. Fills out (room for every rule)
 * and returns how many. */
size_t rules_tripped(const struct plan *p, const struct journal *j, size_t i,
                        const struct redflag **out);

/* The one notification of a check-in that tripped rules f[0..n), most
 * urgent first (as rules_tripped() orders them): its title leads the
 * summary, so an emergency says what to do in its first words; the body
 * gives its action, names the other rules and the clinic. In discreet
 * mode (c->discreet) no health detail. Strings allocated. */
struct warning_notification {
	char *summary, *body;
	int urgency; /* enum urgency */
};
void rules_notification(const struct redflag **f, size_t n,
                            const struct config *c, struct warning_notification *out);
void rules_notification_free(struct warning_notification *w);

/* Warnings waiting to be read: the rules tripped by the newest check-in
 * that has any not acknowledged in s (MARK_ACK under
 * rules_alert_session, key rules_alert_key()). Fills out (room for
 * every rule), sets *entry to that check-in's index, returns how many
 * (0: none). */
size_t rules_unread(const struct plan *p, const struct journal *j,
                      const struct state *s, size_t *entry,
                      const struct redflag **out);
extern const char rules_alert_session[];
/* "2026-12-06T08:00:00Z redness-late": one rule on one check-in.
 * Allocated. */
char *rules_alert_key(const struct checkin *c, const struct redflag *f);

/* What a check-in just saved warns of: the rules the journal's newest
 * entry trips (judged against the whole journal, for "higher than the day
 * before"), and the one notification that says them. The same for
 * `needlecare log` and the check-in screen; send/alert.h delivers it. */
struct checkin_warning {
	const struct redflag **tripped; /* most urgent first; point into the plan's protocol */
	size_t n;                       /* 0: nothing to warn of, no notice */
	struct warning_notification notice;   /* n > 0: summary, body, urgency */
};

/* The warning of j's newest check-in (none for an empty journal). Free it
 * with rules_warning_free(). */
void rules_warning_compose(const struct plan *p, const struct journal *j,
                     struct checkin_warning *out);
void rules_warning_free(struct checkin_warning *w);

#endif
