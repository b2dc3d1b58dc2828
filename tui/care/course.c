#include "care/course.h"
#include "base/i18n.h"
#include "care/format.h"

#include <stdint.h>
#include <stdlib.h>

bool course_gap_ok(const struct protocol *p, time_t earlier, time_t later)
{
	/* Days count on the calendar: a session on the 2nd and one on the
	 * 30th of a 30-day month are 28 days apart whatever the hours. */
	if (dates_offset_is_calendar(p->min_interval))
		return dates_step(earlier, p->min_interval, 0) <= dates_day_start(later);
	return dates_step(earlier, p->min_interval, 0) <= later;
}

static void describe(const struct offset o, char *buf, size_t n)
{
	/* TRANSLATORS: the least gap between two sessions, as in "at least
	 * 4 weeks between sessions". */
	const char *f = o.unit == UNIT_MIN    ? P_("%ld minute", "%ld minutes", o.n)
	                : o.unit == UNIT_HOUR ? P_("%ld hour", "%ld hours", o.n)
	                : o.unit == UNIT_DAY  ? P_("%ld day", "%ld days", o.n)
	                : o.unit == UNIT_WEEK ? P_("%ld week", "%ld weeks", o.n)
	                                      : P_("%ld month", "%ld months", o.n);
	snprintf(buf, n, f, o.n);
}

char *course_too_close(const struct protocol *p, const struct config *c,
                       time_t start, size_t skip)
{
	const struct config_session *before = NULL, *after = NULL;
	for (size_t i = 0; i < c->nsessions; i++) {
		if (i == skip)
			continue;
		const struct config_session *s = &c->sessions[i];
		if (s->start <= start && (!before || s->start > before->start))
			before = s;
		if (s->start > start && (!after || s->start < after->start))
			after = s;
	}
	const struct config_session *near = NULL;
	long days = 0;
	if (before && !course_gap_ok(p, before->start, start)) {
		near = before;
		days = dates_days_between(before->start, start);
	} else if (after && !course_gap_ok(p, start, after->start)) {
		near = after;
		days = dates_days_between(start, after->start);
	}
	if (!near)
		return NULL;
	char when[40], gap[40];
	format_long(near->start, when, sizeof when);
	describe(p->min_interval, gap, sizeof gap);
	/* TRANSLATORS: the second %s is a protocol's name ("the microneedling
	 * protocol"), the last a gap such as "4 weeks". */
	const char *f = near == before
		? P_("this session would be %ld day after the session of %s, and "
		     "the %s protocol asks for at least %s between sessions. "
		     "Skin needs that long to recover and rebuild; needling it "
		     "again too soon is linked to lasting redness, dark "
		     "patches and scarring. Ask your practitioner first",
		     "this session would be %ld days after the session of %s, and "
		     "the %s protocol asks for at least %s between sessions. "
		     "Skin needs that long to recover and rebuild; needling it "
		     "again too soon is linked to lasting redness, dark "
		     "patches and scarring. Ask your practitioner first", days)
		: P_("this session would be %ld day before the session of %s, and "
		     "the %s protocol asks for at least %s between sessions. "
		     "Skin needs that long to recover and rebuild; needling it "
		     "again too soon is linked to lasting redness, dark "
		     "patches and scarring. Ask your practitioner first",
		     "this session would be %ld days before the session of %s, and "
		     "the %s protocol asks for at least %s between sessions. "
		     "Skin needs that long to recover and rebuild; needling it "
		     "again too soon is linked to lasting redness, dark "
		     "patches and scarring. Ask your practitioner first", days);
	return xasprintf(f, days, when, p->name, gap);
}

char *course_gone(const struct config *before, size_t i, const struct config *now)
{
	/* Cancelled: every other session is still there, and none is new.
	 * Moved: one is new, and the others are there. */
	size_t kept = 0, added = SIZE_MAX, nadded = 0;
	for (size_t k = 0; k < before->nsessions; k++)
		kept += k != i && config_find_session(now, &before->sessions[k].wall,
		                                      before->sessions[k].zone) != SIZE_MAX;
	for (size_t k = 0; k < now->nsessions; k++)
		if (config_find_session(before, &now->sessions[k].wall,
		                        now->sessions[k].zone) == SIZE_MAX) {
			added = k;
			nadded++;
		}
	char when[40], to[40];
	format_long(before->sessions[i].start, when, sizeof when);
	bool others = kept + 1 == before->nsessions;
	if (others && nadded == 0)
		return xasprintf(_("the session on %s was cancelled"), when);
	if (others && nadded == 1) {
		format_long(now->sessions[added].start, to, sizeof to);
		return xasprintf(_("the session on %s was moved to %s"), when, to);
	}
	return xasprintf(_("the session on %s was moved or cancelled"), when);
}
