#include "course.h"
#include "format.h"

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
	static const char *const units[] = {"minutes", "hours", "days", "weeks", "months"};
	snprintf(buf, n, "%ld %s", o.n, units[o.unit]);
}

char *course_too_close(const struct protocol *p, const struct config *c,
                       time_t start, size_t skip)
{
	const struct session *before = NULL, *after = NULL;
	for (size_t i = 0; i < c->nsessions; i++) {
		if (i == skip)
			continue;
		const struct session *s = &c->sessions[i];
		if (s->start <= start && (!before || s->start > before->start))
			before = s;
		if (s->start > start && (!after || s->start < after->start))
			after = s;
	}
	const struct session *near = NULL;
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
	return xasprintf("this session would be %ld day%s %s the session of %s, and "
	                 "the %s protocol asks for at least %s between sessions. "
	                 "Skin needs that long to recover and rebuild; needling it "
	                 "again too soon is linked to lasting redness, dark "
	                 "patches and scarring. Ask your practitioner first",
	                 days, days == 1 ? "" : "s", near == before ? "after" : "before",
	                 when, p->name, gap);
}
