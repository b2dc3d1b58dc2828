/* What falls due when: quiet hours, booking moments, grouping, catch-up
 * summaries and discreet wording. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/due.h"

#define FIX "tests/fixtures/protocols/"

/* plan_open(), its problems dropped. */
static int open_quietly(struct plan *p, const struct plan_options *o, bool need)
{
	struct diags d = {0};
	int rc = plan_open(p, o, need, &d);
	diags_free(&d);
	return rc;
}

static time_t local(int y, int mo, int d, int h, int mi)
{
	struct civil c = {y, mo, d, h, mi, 0};
	return dates_resolve(&c);
}

/* A plan of the notification fixture for one session, booked at booked. */
static void open_plan(struct plan *p, time_t booked)
{
	struct plan_options o = {"/nonexistent/config.ini", FIX "notify.ini",
	                         "2026-12-02 10:30"};
	assert_int_equal(open_quietly(p, &o, true), STATUS_OK);
	p->booked[0] = booked;
}

static void quiet_hours_defer_to_their_end(void **state)
{
	(void)state;
	struct config c;
	config_defaults(&c); /* 22:00-08:00 */
	assert_true(due_time(&c, local(2026, 12, 2, 21, 59)) == local(2026, 12, 2, 21, 59));
	assert_true(due_time(&c, local(2026, 12, 2, 22, 0)) == local(2026, 12, 3, 8, 0));
	assert_true(due_time(&c, local(2026, 12, 2, 23, 30)) == local(2026, 12, 3, 8, 0));
	assert_true(due_time(&c, local(2026, 12, 3, 3, 0)) == local(2026, 12, 3, 8, 0));
	assert_true(due_time(&c, local(2026, 12, 3, 8, 0)) == local(2026, 12, 3, 8, 0));
	/* Over the autumn change the night is an hour longer, not the wait. */
	assert_true(due_time(&c, local(2026, 10, 24, 23, 0)) == local(2026, 10, 25, 8, 0));
	/* Quiet hours within one day. */
	c.quiet_start = 13 * 60;
	c.quiet_end = 14 * 60;
	assert_true(due_time(&c, local(2026, 12, 2, 13, 30)) == local(2026, 12, 2, 14, 0));
	assert_true(due_time(&c, local(2026, 12, 2, 22, 30)) == local(2026, 12, 2, 22, 30));
	c.quiet_start = c.quiet_end = 0; /* none */
	assert_true(due_time(&c, local(2026, 12, 2, 23, 0)) == local(2026, 12, 2, 23, 0));
	config_free(&c);
}

static const struct due *find(const struct due_list *l, const char *id, bool end)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].event->entry->m->id, id) == 0 && l->v[i].event->is_end == end)
			return &l->v[i];
	return NULL;
}

static void what_is_due_and_what_is_not(void **state)
{
	(void)state;
	struct plan p;
	open_plan(&p, local(2026, 11, 20, 10, 0));
	struct state s = {0};
	struct due_list l;
	due_collect(&p, &s, local(2026, 12, 2, 10, 30), &l);
	/* pause, prep1-4, begin, with */
	assert_int_equal(l.n, 7);
	assert_true(find(&l, "pause", false)->late);
	assert_true(find(&l, "prep4", false)->late); /* an hour ago */
	assert_false(find(&l, "begin", false)->late);
	assert_null(find(&l, "call", false));
	due_list_free(&l);

	/* Marked as sent: gone. */
	state_set(&s, MARK_SENT_START, plan_session_key(&p, 1), "pause", 0);
	due_collect(&p, &s, local(2026, 12, 2, 10, 30), &l);
	assert_int_equal(l.n, 6);
	assert_null(find(&l, "pause", false));
	due_list_free(&l);

	/* notify = no never falls due; quiet hours hold one back. */
	due_collect(&p, &s, local(2026, 12, 2, 23, 0), &l);
	assert_null(find(&l, "silent", false));
	assert_null(find(&l, "late-night", false));
	due_list_free(&l);
	due_collect(&p, &s, local(2026, 12, 3, 8, 0), &l);
	assert_non_null(find(&l, "late-night", false));
	assert_false(find(&l, "late-night", false)->late);
	due_list_free(&l);

	/* The next moment: the window's end, the critical one, ... */
	assert_true(due_next(&p, &s, local(2026, 12, 2, 10, 30)) == local(2026, 12, 2, 11, 30));
	assert_true(due_next(&p, &s, local(2026, 12, 2, 21, 0)) == local(2026, 12, 3, 8, 0));
	assert_true(due_next(&p, &s, local(2026, 12, 3, 9, 0)) == 0);
	state_free(&s);
	plan_free(&p);
}

static void nothing_past_at_booking_is_news(void **state)
{
	(void)state;
	struct plan p;
	/* Booked the evening before: the pause and prep1 were already past. */
	open_plan(&p, local(2026, 12, 1, 20, 0));
	struct state s = {0};
	struct due_list l;
	due_collect(&p, &s, local(2026, 12, 2, 10, 30), &l);
	assert_null(find(&l, "pause", false));
	assert_null(find(&l, "prep1", false));
	assert_null(find(&l, "prep2", false));
	assert_non_null(find(&l, "prep3", false));
	due_list_free(&l);
	/* but the end of the window is still ahead, and will be announced */
	due_collect(&p, &s, local(2026, 12, 3, 9, 0), &l);
	assert_non_null(find(&l, "pause", true));
	due_list_free(&l);
	plan_free(&p);
}

/* Late routine reminders wait for the end of the quiet hours as the ones
 * due inside them do; a critical one does not. */
static void late_ones_keep_the_quiet_hours(void **state)
{
	(void)state;
	struct plan p;
	open_plan(&p, local(2026, 11, 20, 10, 0));
	struct state s = {0};
	struct due_list l;
	due_collect(&p, &s, local(2026, 12, 2, 23, 30), &l);
	assert_non_null(find(&l, "call", false));
	assert_null(find(&l, "begin", false));
	assert_null(find(&l, "prep1", false));
	due_list_free(&l);
	state_set(&s, MARK_SENT_START, plan_session_key(&p, 1), "call", 0);
	assert_true(due_next(&p, &s, local(2026, 12, 2, 23, 30)) == local(2026, 12, 3, 8, 0));
	due_collect(&p, &s, local(2026, 12, 3, 8, 0), &l);
	assert_non_null(find(&l, "begin", false));
	assert_true(find(&l, "begin", false)->late);
	due_list_free(&l);
	state_free(&s);
	plan_free(&p);
}

/* Booked the day before: the pause that began two days before is already
 * in force, and says so with its end. */
static void a_late_booking_finds_pauses_in_force(void **state)
{
	(void)state;
	struct plan p;
	open_plan(&p, local(2026, 12, 1, 12, 0));
	time_t start = p.tl.sessions[0];
	struct civil wall = {2026, 12, 2, 10, 30, 0};
	config_add_session(&p.cfg, &wall, "Europe/Berlin", start, local(2026, 12, 1, 12, 0));
	struct due_notification m = due_booking_news(p.proto, &p.cfg, start, local(2026, 12, 1, 12, 0), false);
	assert_int_equal(m.count, 1);
	assert_string_equal(m.summary, "Booked: one pause already applies");
	assert_string_equal(m.body, "- Pause retinol, until Thu 3 Dec 09:00");
	free(m.summary);
	free(m.body);
	/* Booked in good time: nothing is in force yet. A past session: no news. */
	m = due_booking_news(p.proto, &p.cfg, start, local(2026, 11, 20, 12, 0), false);
	assert_int_equal(m.count, 0);
	assert_null(m.summary);
	m = due_booking_news(p.proto, &p.cfg, start, local(2026, 12, 5, 12, 0), false);
	assert_int_equal(m.count, 0);
	plan_free(&p);
}

static void messages_group_and_sum_up(void **state)
{
	(void)state;
	struct plan p;
	open_plan(&p, local(2026, 11, 20, 10, 0));
	struct state s = {0};
	struct due_list l;
	time_t now = local(2026, 12, 2, 10, 30);
	due_collect(&p, &s, now, &l);
	struct due_notification *m;
	size_t n = due_compose(&l, &p.cfg, now, &m);
	/* Five late ones in one summary, the two of 10:30 in one. */
	assert_int_equal(n, 2);
	assert_string_equal(m[0].summary, "5 care reminders while needlecare was not running");
	assert_int_equal(m[0].count, 5);
	assert_non_null(strstr(m[0].body, "- Mon 30 Nov 09:00: Pause retinol, until tomorrow 09:00\n"));
	assert_string_equal(m[1].summary, "2 care reminders");
	assert_string_equal(m[1].body, "- Session begins\n- Two at once");
	due_notifications_free(m, n);

	p.cfg.discreet = true;
	n = due_compose(&l, &p.cfg, now, &m);
	p.cfg.discreet = false;
	assert_string_equal(m[0].summary, "needlecare: 5 care reminders are due");
	assert_string_equal(m[0].body, "Open needlecare to read them.");
	assert_null(strstr(m[1].summary, "Session"));
	due_notifications_free(m, n);
	due_list_free(&l);

	/* A single one: its title and body; late, it says so; critical stays
	 * critical. */
	now = local(2026, 12, 2, 12, 0);
	for (size_t i = 0; i < p.tl.nevents; i++) {
		const struct timeline_event *e = &p.tl.events[i];
		if (e->when < local(2026, 12, 2, 11, 0))
			state_set(&s, e->is_end ? MARK_SENT_END : MARK_SENT_START,
			          plan_session_key(&p, 1), e->entry->m->id, now);
	}
	due_collect(&p, &s, now, &l);
	assert_int_equal(l.n, 1);
	n = due_compose(&l, &p.cfg, now, &m);
	assert_int_equal(n, 1);
	assert_string_equal(m[0].summary, "Call the clinic if it blisters");
	assert_string_equal(m[0].body, "Late: this was due today 11:30. "
	                               "Blisters near the lips need the clinic today.");
	assert_int_equal(m[0].urgency, URGENCY_CRITICAL);
	due_notifications_free(m, n);
	due_list_free(&l);

	/* A window's end speaks with its end text. */
	now = local(2026, 12, 3, 9, 0);
	due_collect(&p, &s, now, &l);
	const struct due *end = find(&l, "pause", true);
	assert_non_null(end);
	struct due_list one = {(struct due *)end, 1};
	n = due_compose(&one, &p.cfg, now, &m);
	assert_string_equal(m[0].summary, "Retinol may come back");
	assert_string_equal(m[0].body, "You can use retinol again tonight.");
	due_notifications_free(m, n);
	due_list_free(&l);
	state_free(&s);
	plan_free(&p);
}

int main(void)
{
	setenv("TZ", "Europe/Berlin", 1);
	dates_zone_changed();
	setenv("XDG_DATA_HOME", "/nonexistent", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quiet_hours_defer_to_their_end),
		cmocka_unit_test(what_is_due_and_what_is_not),
		cmocka_unit_test(nothing_past_at_booking_is_news),
		cmocka_unit_test(late_ones_keep_the_quiet_hours),
		cmocka_unit_test(a_late_booking_finds_pauses_in_force),
		cmocka_unit_test(messages_group_and_sum_up),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
