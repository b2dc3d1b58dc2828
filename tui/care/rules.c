#include "care/rules.h"
#include "base/i18n.h"
#include "care/config.h"
#include "care/format.h"
#include "care/plan.h"
#include "care/state.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool redflag_trips(const struct redflag *f, const struct checkin *c,
                   const struct checkin *prev, long day, bool day_known,
                   int normal_max)
{
	if (f->from_day != INT_MIN || f->until_day >= 0 || f->rating >= 0) {
		/* A rating, or a day limit, means something only against the days
		 * since a session. */
		if (!day_known)
			return false;
		if (f->from_day != INT_MIN && day < f->from_day)
			return false;
		if (f->until_day >= 0 && day > f->until_day)
			return false;
	}
	if (f->sign == SIGN_COUNT) {
		for (int i = 0; i < SIGN_COUNT; i++)
			if (c->sign[i] == 1)
				return true;
		return false;
	}
	if (f->sign >= 0)
		return c->sign[f->sign] == 1;
	int v = c->rating[f->rating];
	if (v < 0)
		return false;
	if (f->at_least >= 0 && v < f->at_least)
		return false;
	/* A rating inside the day's normal range is healing as expected, even
	 * when it is higher than the day before. */
	if ((f->above_normal || f->rising) && normal_max >= 0 && v <= normal_max)
		return false;
	if (f->above_normal && normal_max < 0)
		return false;
	if (f->rising) {
		int before = prev ? prev->rating[f->rating] : -1;
		return before >= 0 && v > before;
	}
	return true;
}

/* The check-in before index i that gives rating r, or NULL. */
static const struct checkin *previous_rating(const struct journal *j, size_t i,
                                             enum rating r)
{
	while (i-- > 0)
		if (j->v[i].rating[r] >= 0)
			return &j->v[i];
	return NULL;
}

size_t rules_tripped(const struct plan *p, const struct journal *j, size_t i,
                        const struct redflag **out)
{
	long day = 0;
	unsigned s;
	bool known = timeline_day(&p->tl, j->v[i].when, &day, &s);
	size_t n = 0;
	for (size_t k = 0; k < p->proto->nredflags; k++) {
		const struct redflag *f = &p->proto->redflags[k];
		const struct checkin *prev = f->rating >= 0 ? previous_rating(j, i, f->rating) : NULL;
		int normal = f->rating >= 0 && known
		             ? protocol_normal_max(p->proto, (enum rating)f->rating, day) : -1;
		if (!redflag_trips(f, &j->v[i], prev, day, known, normal))
			continue;
		/* Most urgent first, the file's order among equals. */
		size_t at = n++;
		while (at > 0 && out[at - 1]->urgency < f->urgency) {
			out[at] = out[at - 1];
			at--;
		}
		out[at] = f;
	}
	return n;
}

void rules_notification(const struct redflag **f, size_t n,
                            const struct config *c, struct warning_notification *out)
{
	out->urgency = n ? f[0]->urgency : URGENCY_LOW;
	if (c->discreet) {
		out->summary = xstrdup(out->urgency == URGENCY_EMERGENCY
		                       ? _("needlecare: open needlecare now")
		                       : _("needlecare: please open needlecare"));
		out->body = xstrdup(_("A check-in needs your attention."));
		return;
	}
	out->summary = n > 1 ? xasprintf(P_("%s (and %zu more)", "%s (and %zu more)", n - 1), f[0]->title,
	                               n - 1)
	                     : xstrdup(f[0]->title);
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		die(STATUS_FAIL, "out of memory");
	fputs(f[0]->action, m);
	for (size_t i = 1; i < n; i++)
		fprintf(m, "%s%s", i == 1 ? _("\nAlso: ") : "; ", f[i]->title);
	if (n > 1)
		/* TRANSLATORS: "needlecare journal" is the command to type. */
		fputs(_(". See needlecare journal."), m);
	char *who = format_clinic(c);
	if (!who)
		who = format_no_phone(c);
	fprintf(m, "\n%s", who);
	free(who);
	if (fclose(m) != 0)
		die(STATUS_FAIL, "out of memory");
	out->body = text;
}

const char rules_alert_session[] = "journal";

char *rules_alert_key(const struct checkin *c, const struct redflag *f)
{
	struct tm tm;
	char when[32] = "";
	if (gmtime_r(&c->when, &tm))
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xasprintf("%s %s", when, f->id);
}

size_t rules_unread(const struct plan *p, const struct journal *j,
                      const struct state *s, size_t *entry,
                      const struct redflag **out)
{
	if (!p->proto || p->proto->nredflags == 0)
		return 0;
	const struct redflag **all = xcalloc(p->proto->nredflags, sizeof *all);
	size_t k = 0;
	for (size_t i = j->n; i-- > 0 && k == 0;) {
		size_t n = rules_tripped(p, j, i, all);
		for (size_t r = 0; r < n; r++) {
			char *key = rules_alert_key(&j->v[i], all[r]);
			if (!state_find(s, MARK_ACK, rules_alert_session, key))
				out[k++] = all[r];
			free(key);
		}
		if (k)
			*entry = i;
	}
	free(all);
	return k;
}

void rules_notification_free(struct warning_notification *w)
{
	free(w->summary);
	free(w->body);
	w->summary = w->body = NULL;
}

void rules_warning_compose(const struct plan *p, const struct journal *j,
                     struct checkin_warning *out)
{
	memset(out, 0, sizeof *out);
	out->tripped = xcalloc(p->proto->nredflags + 1, sizeof *out->tripped);
	out->n = j->n ? rules_tripped(p, j, j->n - 1, out->tripped) : 0;
	if (out->n)
		rules_notification(out->tripped, out->n, &p->cfg, &out->notice);
}

void rules_warning_free(struct checkin_warning *w)
{
	if (w->n)
		rules_notification_free(&w->notice);
	free(w->tripped);
	memset(w, 0, sizeof *w);
}
