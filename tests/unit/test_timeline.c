/* Timeline assembly: dates for one session and for a course, which
 * milestones apply, the next event, and where a day stands in the course. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/protocol.h"
#include "care/timeline.h"

#define FIX "tests/fixtures/protocols/"

static time_t local(int y, int mo, int d, int h, int mi)
{
	struct civil c = {y, mo, d, h, mi, 0};
	return dates_resolve(&c);
}

static struct protocol *load(const char *path)
{
	struct diags d = {0};
	struct protocol *p = protocol_open(path, &d);
	if (!p)
		diags_print(&d, stderr);
	assert_non_null(p);
	diags_free(&d);
	return p;
}

static void build(struct timeline *t, const struct protocol *p,
                  const time_t *s, size_t n, const char *const *yes, size_t nyes)
{
	struct diags d = {0};
	struct plan_input in = {p, s, n, 9 * 60, yes, nyes};
	timeline_build(t, &in, &d);
	assert_int_equal(d.n, 0);
}

static const struct timeline_entry *get(const struct timeline *t, const char *id,
                               unsigned session)
{
	for (size_t i = 0; i < t->count; i++)
		if (strcmp(t->entries[i].m->id, id) == 0 && t->entries[i].session == session)
			return &t->entries[i];
	return NULL;
}

static void one_session_is_dated(void **state)
{
	(void)state;
	struct protocol *p = load(FIX "good.ini");
	time_t s = local(2026, 12, 2, 10, 30);
	struct timeline t;
	build(&t, p, &s, 1, NULL, 0);
	/* No cold sores: no antiviral. One session: it is the last, so the
	 * between-sessions milestone is absent and the last-session one is
	 * there. */
	assert_int_equal(t.count, 4);
	assert_null(get(&t, "antiviral", 1));
	assert_null(get(&t, "next", 1));
	const struct timeline_entry *r = get(&t, "stop-retinol", 1);
	assert_true(r->start == local(2026, 11, 25, 9, 0));
	assert_true(r->end == local(2026, 12, 9, 9, 0));
	assert_true(get(&t, "session", 1)->start == s);
	assert_true(get(&t, "session", 1)->end == s + 3600);
	assert_true(get(&t, "wash", 1)->start == local(2026, 12, 2, 18, 30));
	assert_true(get(&t, "wash", 1)->end == get(&t, "wash", 1)->start);
	assert_true(get(&t, "results", 1)->start == local(2027, 3, 2, 9, 0));
	for (size_t i = 1; i < t.count; i++)
		assert_true(t.entries[i - 1].start <= t.entries[i].start);
	/* Two windows, but the session's end is not news: five events, in
	 * time order. */
	assert_int_equal(t.nevents, 5);
	for (size_t i = 1; i < t.nevents; i++)
		assert_true(t.events[i - 1].when <= t.events[i].when);
	timeline_free(&t);
	protocol_free(p);
}

static void screening_answers_switch_milestones_on(void **state)
{
	(void)state;
	struct protocol *p = load(FIX "good.ini");
	time_t s = local(2026, 12, 2, 10, 30);
	const char *yes[] = {"cold-sores"};
	struct timeline t;
	build(&t, p, &s, 1, yes, 1);
	const struct timeline_entry *a = get(&t, "antiviral", 1);
	assert_non_null(a);
	/* Its own time of day, not the reminder time. */
	assert_true(a->start == local(2026, 12, 1, 8, 0));
	timeline_free(&t);
	protocol_free(p);
}

static void a_course_has_per_course_milestones(void **state)
{
	(void)state;
	struct protocol *p = load(FIX "good.ini");
	/* Given out of order: the timeline sorts them. */
	time_t s[] = {local(2027, 2, 3, 14, 0), local(2026, 12, 2, 10, 30),
	              local(2027, 1, 6, 10, 30)};
	struct timeline t;
	build(&t, p, s, 3, NULL, 0);
	assert_int_equal(t.nsessions, 3);
	assert_true(t.sessions[0] == s[1]);
	assert_non_null(get(&t, "next", 1));
	assert_non_null(get(&t, "next", 2));
	assert_null(get(&t, "next", 3));
	assert_null(get(&t, "results", 1));
	assert_null(get(&t, "results", 2));
	assert_true(get(&t, "results", 3)->start == local(2027, 5, 3, 9, 0));
	assert_true(get(&t, "next", 1)->start == local(2026, 12, 30, 9, 0));
	assert_true(get(&t, "wash", 3)->start == local(2027, 2, 3, 22, 0));
	/* 3 sessions x 3 + 2 x next + 1 x results */
	assert_int_equal(t.count, 12);
	timeline_free(&t);
	protocol_free(p);
}

static void next_event_and_windows_in_force(void **state)
{
	(void)state;
	struct protocol *p = load(FIX "good.ini");
	time_t s = local(2026, 12, 2, 10, 30);
	struct timeline t;
	build(&t, p, &s, 1, NULL, 0);
	const struct timeline_event *e = timeline_next(&t, local(2026, 11, 20, 0, 0));
	assert_string_equal(e->entry->m->id, "stop-retinol");
	assert_false(e->is_end);
	/* The session's end is no event: the wash comes next. */
	e = timeline_next(&t, s + 60);
	assert_string_equal(e->entry->m->id, "wash");
	e = timeline_next(&t, local(2026, 12, 3, 0, 0));
	assert_string_equal(e->entry->m->id, "stop-retinol");
	assert_true(e->is_end);
	/* At the very moment of an event, that event is next. */
	e = timeline_next(&t, s);
	assert_true(e->when == s);
	assert_null(timeline_next(&t, local(2027, 3, 3, 0, 0)));

	const struct timeline_entry *r = get(&t, "stop-retinol", 1);
	assert_false(timeline_in_force(r, local(2026, 11, 25, 8, 59)));
	assert_true(timeline_in_force(r, local(2026, 11, 25, 9, 0)));
	assert_true(timeline_in_force(r, local(2026, 12, 9, 8, 59)));
	assert_false(timeline_in_force(r, local(2026, 12, 9, 9, 0)));
	assert_false(timeline_in_force(get(&t, "wash", 1), get(&t, "wash", 1)->start));
	timeline_free(&t);
	protocol_free(p);
}

static void position_follows_the_phases(void **state)
{
	(void)state;
	struct protocol *p = load(FIX "good.ini");
	time_t s[] = {local(2026, 12, 2, 10, 30), local(2027, 1, 6, 10, 30)};
	struct timeline t;
	build(&t, p, s, 2, NULL, 0);
	static const struct {
		int mo, d, h;
		unsigned session;
		enum milestone_phase phase;
		long day;
		bool before;
	} want[] = {
		{11, 20, 12, 1, PHASE_PREPARATION, -12, true},
		{11, 26, 12, 1, PHASE_PREPARATION, -6, true},
		{12, 2, 8, 1, PHASE_DAY_OF, 0, true},
		{12, 2, 12, 1, PHASE_FIRST_24H, 0, false},
		{12, 4, 8, 1, PHASE_24_72H, 2, false},
		{12, 6, 8, 1, PHASE_FIRST_WEEK, 4, false},
		{12, 12, 8, 1, PHASE_REMODELING, 10, false},
		/* Session 2's preparation begins 7 days before it. */
		{12, 30, 10, 2, PHASE_PREPARATION, -7, true},
		{1, 7, 8, 2, PHASE_FIRST_24H, 1, false},
		{1, 7, 11, 2, PHASE_24_72H, 1, false},
		{4, 20, 8, 2, PHASE_SERIES, 104, false},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct timeline_position pos;
		int year = want[i].mo >= 11 ? 2026 : 2027;
		assert_true(timeline_position(&t, local(year, want[i].mo, want[i].d, want[i].h, 0), &pos));
		if (pos.session != want[i].session || pos.phase != want[i].phase ||
		    pos.day != want[i].day || pos.before != want[i].before)
			fprintf(stderr, "case %zu: session %u phase %s day %ld before %d\n", i,
			        pos.session, protocol_phase_name(pos.phase), pos.day, pos.before);
		assert_int_equal(pos.session, want[i].session);
		assert_int_equal(pos.phase, want[i].phase);
		assert_int_equal(pos.day, want[i].day);
		assert_int_equal(pos.before, want[i].before);
		/* Before the first milestone the first phase is still ahead. */
		time_t at = local(year, want[i].mo, want[i].d, want[i].h, 0);
		assert_true(i == 0 ? pos.phase_start > at : pos.phase_start <= at);
		assert_true(pos.phase_end == 0 || pos.phase_end > at);
	}
	timeline_free(&t);
	protocol_free(p);
}

static void calendar_days_keep_the_clock_across_dst(void **state)
{
	(void)state;
	struct protocol *p = load(FIX "good.ini");
	/* Europe/Berlin springs forward on 29 March 2026. */
	time_t s = local(2026, 3, 27, 10, 0);
	struct timeline t;
	build(&t, p, &s, 1, NULL, 0);
	struct civil end = dates_civil(get(&t, "stop-retinol", 1)->end);
	assert_int_equal(end.day, 3);
	assert_int_equal(end.month, 4);
	assert_int_equal(end.hour, 9);
	/* +8h is elapsed time: 18:00 the same day, no change involved. */
	struct civil w = dates_civil(get(&t, "wash", 1)->start);
	assert_int_equal(w.hour, 18);
	timeline_free(&t);
	protocol_free(p);
}

static void a_window_that_would_end_first_is_reported(void **state)
{
	(void)state;
	struct protocol *p = load(FIX "mixed-units.ini");
	struct diags d = {0};
	/* 10:30 + 20 h = 06:30 the next day, before 09:00: fine. */
	time_t ok = local(2026, 12, 2, 10, 30);
	struct plan_input in = {p, &ok, 1, 9 * 60, NULL, 0};
	struct timeline t;
	timeline_build(&t, &in, &d);
	assert_int_equal(d.n, 0);
	timeline_free(&t);
	/* 14:00 + 20 h = 10:00 the next day, after 09:00: reported, and kept
	 * as a moment rather than a window that runs backwards. */
	time_t late = local(2026, 12, 2, 14, 0);
	in.sessions = &late;
	timeline_build(&t, &in, &d);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "would end before it starts"));
	assert_true(t.entries[0].end == t.entries[0].start);
	timeline_free(&t);
	diags_free(&d);
	protocol_free(p);
}

static void zone(const char *tz)
{
	setenv("TZ", tz, 1);
	dates_zone_changed();
}

/* Today is the local calendar day: 23 hours when the clocks go forward,
 * from 01:00 where midnight itself is skipped; a milestone belongs to it
 * up to its last second and not from the next day's first. */
static void today_is_the_calendar_day(void **state)
{
	(void)state;
	struct timeline_day d = timeline_day_of(local(2026, 3, 29, 12, 0));
	assert_true(d.start == local(2026, 3, 29, 0, 0));
	assert_int_equal(d.end - d.start, 23 * 3600);
	struct milestone task = {.id = (char *)"t", .kind = KIND_TASK};
	struct timeline_entry e = {&task, 1, d.end - 1, d.end - 1};
	assert_int_equal(timeline_today(&e, &d), TODAY_TODO);
	e.start = e.end = d.end;
	assert_int_equal(timeline_today(&e, &d), TODAY_NONE);
	e.start = e.end = d.start;
	assert_int_equal(timeline_today(&e, &d), TODAY_TODO);
	e.start = e.end = d.start - 1;
	assert_int_equal(timeline_today(&e, &d), TODAY_NONE);
	struct milestone stop = {.id = (char *)"r", .kind = KIND_RESTRICTION, .window = true};
	struct timeline_entry w = {&stop, 1, d.start - 7 * 86400, d.end - 60};
	assert_int_equal(timeline_today(&w, &d), TODAY_IN_FORCE);
	w.end = d.start + 3600; /* ended at 01:00, before noon */
	assert_int_equal(timeline_today(&w, &d), TODAY_ENDING);
	zone("America/Havana"); /* 2026-03-08: 00:00 becomes 01:00 */
	d = timeline_day_of(local(2026, 3, 8, 12, 0));
	struct civil first = dates_civil(d.start);
	assert_int_equal(first.day, 8);
	assert_int_equal(first.hour, 1);
	assert_int_equal(d.end - d.start, 23 * 3600);
	assert_int_equal(dates_civil(d.start - 1).day, 7);
	zone("Europe/Berlin");
}

int main(void)
{
	setenv("TZ", "Europe/Berlin", 1);
	dates_zone_changed();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_session_is_dated),
		cmocka_unit_test(screening_answers_switch_milestones_on),
		cmocka_unit_test(a_course_has_per_course_milestones),
		cmocka_unit_test(next_event_and_windows_in_force),
		cmocka_unit_test(position_follows_the_phases),
		cmocka_unit_test(calendar_days_keep_the_clock_across_dst),
		cmocka_unit_test(a_window_that_would_end_first_is_reported),
		cmocka_unit_test(today_is_the_calendar_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
