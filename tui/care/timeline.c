#include "care/timeline.h"
#include "base/i18n.h"
#include "care/journal.h"

#include <stdlib.h>
#include <string.h>

static bool answered_yes(const struct plan_input *in, const char *name)
{
	for (size_t i = 0; i < in->nyes; i++)
		if (strcmp(in->yes[i], name) == 0)
			return true;
	return false;
}

static bool applies(const struct milestone *m, size_t session, size_t count)
{
	switch (m->applies) {
	case APPLIES_EVERY_SESSION:
		return true;
	case APPLIES_BETWEEN_SESSIONS:
		return session < count;
	case APPLIES_LAST_SESSION:
		return session == count;
	case APPLIES_COUNT:
		break;
	}
	return false;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct timeline_entry *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->session != y->session)
		return x->session < y->session ? -1 : 1;
	return (x->m > y->m) - (x->m < y->m);
}

static int cmp_event(const void *a, const void *b)
{
	const struct timeline_event *x = a, *y = b;
	if (x->when != y->when)
		return x->when < y->when ? -1 : 1;
	if (x->entry != y->entry)
		return x->entry < y->entry ? -1 : 1;
	return x->is_end - y->is_end;
}

static int cmp_time(const void *a, const void *b)
{
	const time_t *x = a, *y = b;
	return (*x > *y) - (*x < *y);
}

static int cmp_band(const void *a, const void *b)
{
	const struct timeline_band *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->session != y->session)
		return x->session < y->session ? -1 : 1;
	return (int)x->phase - (int)y->phase;
}

/* Phase bands of one session. The names say the hours after the session
 * (first 24 hours, 24 to 72 hours, first week); preparation and series
 * begin where the protocol's first such milestone does. */
static size_t session_bands(const struct timeline *t, unsigned s,
                            const time_t *earliest, struct timeline_band *b)
{
	time_t t0 = t->sessions[s - 1];
	size_t n = 0;
	time_t prep = earliest[PHASE_PREPARATION];
	time_t day_of = dates_day_start(t0), first = earliest[PHASE_DAY_OF];
	if (first && first < day_of)
		day_of = first;
	if (prep && prep < day_of)
		b[n++] = (struct timeline_band){s, PHASE_PREPARATION, prep};
	b[n++] = (struct timeline_band){s, PHASE_DAY_OF, day_of};
	b[n++] = (struct timeline_band){s, PHASE_FIRST_24H, t0};
	b[n++] = (struct timeline_band){s, PHASE_24_72H, t0 + 24 * 3600};
	b[n++] = (struct timeline_band){s, PHASE_FIRST_WEEK, t0 + 72 * 3600};
	struct civil c = dates_civil(t0);
	time_t remodel = dates_step(t0, (struct offset){7, UNIT_DAY}, c.hour * 60 + c.min);
	b[n++] = (struct timeline_band){s, PHASE_REMODELING, remodel};
	time_t series = earliest[PHASE_SERIES];
	if (series > remodel)
		b[n++] = (struct timeline_band){s, PHASE_SERIES, series};
	return n;
}

/* The bands of all sessions, cut where the next session's first begins:
 * from then on, this one's later bands no longer describe where the
 * patient is. */
static void build_bands(struct timeline *t)
{
	/* The earliest start of each phase's milestones, per session (0: none). */
	time_t (*earliest)[PHASE_COUNT] = xcalloc(t->nsessions, sizeof *earliest);
	for (size_t i = 0; i < t->count; i++) {
		const struct timeline_entry *e = &t->entries[i];
		time_t *best = &earliest[e->session - 1][e->m->phase];
		if (!*best || e->start < *best)
			*best = e->start;
	}
	t->bands = xcalloc(t->nsessions * 8, sizeof *t->bands);
	time_t next_first = 0;
	for (size_t s = t->nsessions; s >= 1; s--) {
		struct timeline_band b[8];
		size_t k = session_bands(t, (unsigned)s, earliest[s - 1], b);
		for (size_t i = 0; i < k; i++)
			if (!next_first || b[i].start < next_first)
				t->bands[t->nbands++] = b[i];
		next_first = b[0].start;
	}
	free(earliest);
	qsort(t->bands, t->nbands, sizeof *t->bands, cmp_band);
}

/* A moment of m moved out of the night, as its night key says. */
static time_t daytime(const struct milestone *m, struct offset o, time_t t)
{
	if (m->night == NIGHT_KEEP || (o.n == 0 && !dates_offset_is_calendar(o)))
		return t;
	struct civil c = dates_civil(t);
	int minute = c.hour * 60 + c.min;
	if (minute < NIGHT_START && minute >= NIGHT_END)
		return t;
	/* Which calendar day the night's morning is: today after midnight,
	 * tomorrow before it. */
	bool evening = minute >= NIGHT_START;
	int to = m->night == NIGHT_NEXT_MORNING ? NIGHT_END : NIGHT_EVENING;
	long shift = m->night == NIGHT_NEXT_MORNING ? evening : evening ? 0 : -1;
	return dates_step(t, (struct offset){shift, UNIT_DAY}, to);
}

void timeline_build(struct timeline *t, const struct plan_input *in,
                    struct diags *d)
{
	memset(t, 0, sizeof *t);
	const struct protocol *p = in->protocol;
	t->nsessions = in->nsessions;
	t->sessions = xcalloc(in->nsessions, sizeof *t->sessions);
	memcpy(t->sessions, in->sessions, in->nsessions * sizeof *t->sessions);
	qsort(t->sessions, t->nsessions, sizeof *t->sessions, cmp_time);
	t->entries = xcalloc(p->count * in->nsessions, sizeof *t->entries);
	/* The last entry of each milestone, so that a window that overlaps the
	 * same milestone's window of the session before joins it: one pause
	 * "until after your next session", never an end notice that the next
	 * session's pause contradicts. */
	size_t *last = xcalloc(p->count + 1, sizeof *last);
	for (size_t s = 0; s < t->nsessions; s++) {
		time_t t0 = t->sessions[s];
		for (size_t i = 0; i < p->count; i++) {
			const struct milestone *m = &p->milestones[i];
			if (!applies(m, s + 1, t->nsessions))
				continue;
			if (m->only_if && !answered_yes(in, m->only_if))
				continue;
			int tod = m->minute_of_day >= 0 ? m->minute_of_day : in->reminder_minute;
			struct timeline_entry *e = &t->entries[t->count];
			e->m = m;
			e->session = (unsigned)(s + 1);
			e->start = daytime(m, m->start, dates_step(t0, m->start, tod));
			e->end = m->window ? daytime(m, m->end, dates_step(t0, m->end, tod))
			                   : e->start;
			if (e->end < e->start) {
				char when[20];
				dates_format_iso(t0, when, sizeof when);
				diags_add(d, m->file, m->line, _("[%s] would end before it starts "
				            "for the session of %s: shown as a moment instead"),
				          m->id, when);
				e->end = e->start;
			}
			struct timeline_entry *before = last[i] ? &t->entries[last[i] - 1] : NULL;
			if (m->window && before && before->end >= e->start) {
				if (e->end > before->end)
					before->end = e->end;
				memset(e, 0, sizeof *e);
				continue;
			}
			last[i] = ++t->count;
		}
	}
	free(last);
	qsort(t->entries, t->count, sizeof *t->entries, cmp_entry);
	t->events = xcalloc(t->count * 2, sizeof *t->events);
	for (size_t i = 0; i < t->count; i++) {
		const struct timeline_entry *e = &t->entries[i];
		t->events[t->nevents++] = (struct timeline_event){e, false, e->start};
		if (timeline_end_told(e->m))
			t->events[t->nevents++] = (struct timeline_event){e, true, e->end};
	}
	qsort(t->events, t->nevents, sizeof *t->events, cmp_event);
	build_bands(t);
}

void timeline_free(struct timeline *t)
{
	free(t->entries);
	free(t->events);
	free(t->sessions);
	free(t->bands);
	memset(t, 0, sizeof *t);
}

bool timeline_end_told(const struct milestone *m)
{
	return m->window && (m->end_title || m->kind == KIND_RESTRICTION ||
	                     m->kind == KIND_TASK);
}

bool timeline_in_force(const struct timeline_entry *e, time_t now)
{
	return e->m->window && e->start <= now && now < e->end;
}

struct timeline_day timeline_day_of(time_t now)
{
	/* Midnight may not exist (a change at 00:00): dates_step() then lands
	 * on the first moment of the day, as it should here. */
	struct offset none = {0, UNIT_DAY}, one = {1, UNIT_DAY};
	return (struct timeline_day){now, dates_step(now, none, 0), dates_step(now, one, 0)};
}

static bool on_day(const struct timeline_day *d, time_t t)
{
	return d->start <= t && t < d->end;
}

enum today_group timeline_today(const struct timeline_entry *e, const struct timeline_day *d)
{
	bool ends_today = timeline_end_told(e->m) && e->end > e->start && on_day(d, e->end);
	if (e->m->kind == KIND_RESTRICTION && timeline_in_force(e, d->now))
		return TODAY_IN_FORCE;
	/* Not yet in force: what it will forbid comes before when it ends. */
	if (e->m->kind == KIND_RESTRICTION && e->m->window && e->start > d->now &&
	    on_day(d, e->start))
		return TODAY_STARTING;
	if (ends_today)
		return TODAY_ENDING;
	if (!timeline_in_force(e, d->now) && !on_day(d, e->start))
		return TODAY_NONE;
	switch (e->m->kind) {
	case KIND_TASK:
	case KIND_CHECKIN:
		return TODAY_TODO;
	case KIND_RESTRICTION: /* a moment */
	case KIND_EXPECTATION:
	case KIND_INFO:
	case KIND_COUNT:
		break;
	}
	return TODAY_EXPECT;
}

const struct timeline_event *timeline_next(const struct timeline *t, time_t now)
{
	/* Events are sorted: the first one not yet past. */
	size_t lo = 0, hi = t->nevents;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->events[mid].when < now)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->nevents ? &t->events[lo] : NULL;
}

bool timeline_position(const struct timeline *t, time_t now, struct timeline_position *p)
{
	memset(p, 0, sizeof *p);
	if (t->nbands == 0)
		return false;
	/* The last band begun by now, or the first when none has. */
	size_t lo = 1, hi = t->nbands;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->bands[mid].start <= now)
			lo = mid + 1;
		else
			hi = mid;
	}
	const struct timeline_band *b = &t->bands[lo - 1];
	p->session = b->session;
	p->phase = b->phase;
	p->phase_start = b->start;
	p->phase_end = lo < t->nbands ? t->bands[lo].start : 0;
	time_t t0 = t->sessions[p->session - 1];
	p->before = now < t0;
	p->day = dates_days_between(t0, now);
	return true;
}

/* A check-in is due until the next one starts, or until the end of the
 * second day after its own day: after that, asking for it would mislead. */
static time_t lapse_of(const struct timeline *t, const struct timeline_entry *e)
{
	time_t lapse = dates_step(e->start, (struct offset){3, UNIT_DAY}, 0);
	for (size_t i = 0; i < t->count; i++) {
		const struct timeline_entry *x = &t->entries[i];
		if (x->m->kind == KIND_CHECKIN && x->start > e->start && x->start < lapse)
			lapse = x->start;
	}
	return lapse;
}

static bool checked_in(const struct journal *j, time_t from)
{
	for (size_t i = 0; i < j->n; i++)
		if (j->v[i].when >= from)
			return true;
	return false;
}

/* The latest check-in milestone begun by now. */
static const struct timeline_entry *latest_checkin(const struct timeline *t, time_t now)
{
	const struct timeline_entry *e = NULL;
	for (size_t i = 0; i < t->count; i++) {
		const struct timeline_entry *x = &t->entries[i];
		if (x->m->kind == KIND_CHECKIN && x->start <= now && (!e || x->start >= e->start))
			e = x;
	}
	return e;
}

const struct timeline_entry *timeline_checkin_due(const struct timeline *t,
                                         const struct journal *j, time_t now)
{
	const struct timeline_entry *e = latest_checkin(t, now);
	if (!e || now >= lapse_of(t, e) || checked_in(j, e->start))
		return NULL;
	return e;
}

const struct timeline_entry *timeline_checkin_missed(const struct timeline *t,
                                            const struct journal *j, time_t now)
{
	for (size_t i = t->count; i-- > 0;) {
		const struct timeline_entry *e = &t->entries[i];
		if (e->m->kind != KIND_CHECKIN || e->start > now)
			continue;
		time_t lapse = lapse_of(t, e);
		if (lapse > now)
			continue;
		/* Said on the day it lapsed, and not again. */
		time_t told = dates_step(lapse, (struct offset){1, UNIT_DAY}, 0);
		if (now >= told)
			return NULL;
		return checked_in(j, e->start) ? NULL : e;
	}
	return NULL;
}

bool timeline_day(const struct timeline *t, time_t when, long *day,
                  unsigned *session)
{
	if (t->nsessions == 0)
		return false;
	size_t s = 0;
	while (s + 1 < t->nsessions && t->sessions[s + 1] <= when)
		s++;
	*session = (unsigned)(s + 1);
	*day = dates_days_between(t->sessions[s], when);
	return true;
}
