/* The interval guard between the sessions of a course. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "care/course.h"

static time_t local(int y, int mo, int d, int h, int mi)
{
	struct civil c = {y, mo, d, h, mi, 0};
	return dates_resolve(&c);
}

static void days_count_on_the_calendar(void **state)
{
	(void)state;
	struct protocol p = {.name = "Test", .min_interval = {28, UNIT_DAY}};
	time_t first = local(2026, 12, 2, 18, 0);
	assert_false(course_gap_ok(&p, first, local(2026, 12, 29, 23, 59)));
	assert_true(course_gap_ok(&p, first, local(2026, 12, 30, 8, 0)));
	/* Across the spring change, 28 days are still 28 dates. */
	first = local(2026, 3, 10, 10, 0);
	assert_false(course_gap_ok(&p, first, local(2026, 4, 6, 10, 0)));
	assert_true(course_gap_ok(&p, first, local(2026, 4, 7, 9, 0)));
	/* Weeks too. */
	p.min_interval = (struct offset){4, UNIT_WEEK};
	assert_true(course_gap_ok(&p, first, local(2026, 4, 7, 9, 0)));
	assert_false(course_gap_ok(&p, first, local(2026, 4, 6, 23, 0)));
}

static void hours_count_elapsed(void **state)
{
	(void)state;
	struct protocol p = {.name = "At home", .min_interval = {72, UNIT_HOUR}};
	time_t first = local(2026, 12, 2, 21, 0);
	assert_false(course_gap_ok(&p, first, local(2026, 12, 5, 20, 59)));
	assert_true(course_gap_ok(&p, first, local(2026, 12, 5, 21, 0)));
}

static void neighbours_on_both_sides(void **state)
{
	(void)state;
	struct protocol p = {.name = "Microneedling", .min_interval = {28, UNIT_DAY}};
	struct config c;
	config_defaults(&c);
	struct civil a = {2026, 12, 2, 10, 30, 0}, b = {2027, 1, 27, 10, 30, 0};
	config_add_session(&c, &a, "Europe/Berlin", dates_resolve(&a), 0);
	config_add_session(&c, &b, "Europe/Berlin", dates_resolve(&b), 0);
	char *why = course_too_close(&p, &c, local(2026, 12, 29, 10, 30), SIZE_MAX);
	assert_non_null(why);
	assert_non_null(strstr(why, "27 days after the session of Wed 2 Dec 2026 10:30"));
	assert_non_null(strstr(why, "at least 28 days between sessions"));
	assert_null(strstr(why, "cannot"));
	free(why);
	assert_null(course_too_close(&p, &c, local(2026, 12, 30, 10, 30), SIZE_MAX));
	why = course_too_close(&p, &c, local(2027, 1, 1, 10, 30), SIZE_MAX);
	assert_non_null(why);
	free(why);
	/* Close to the session after it. */
	why = course_too_close(&p, &c, local(2026, 12, 31, 10, 30), 0);
	assert_non_null(strstr(why, "27 days before the session of Wed 27 Jan 2027 10:30"));
	free(why);
	/* Moving a session: it is not its own neighbour. */
	assert_null(course_too_close(&p, &c, local(2026, 12, 5, 10, 30), 0));
	config_free(&c);
}

/* What became of a session another process changed, in words that name
 * it. */
static void a_session_gone_is_named(void **state)
{
	(void)state;
	struct config before, now;
	config_defaults(&before);
	struct civil a = {2026, 12, 2, 10, 30, 0}, b = {2027, 1, 27, 10, 30, 0},
	             moved = {2026, 12, 3, 11, 0, 0};
	config_add_session(&before, &a, "Europe/Berlin", dates_resolve(&a), 0);
	config_add_session(&before, &b, "Europe/Berlin", dates_resolve(&b), 0);
	config_defaults(&now);
	config_add_session(&now, &b, "Europe/Berlin", dates_resolve(&b), 0);
	char *why = course_gone(&before, 0, &now);
	assert_string_equal(why, "the session on Wed 2 Dec 2026 10:30 was cancelled");
	free(why);
	config_add_session(&now, &moved, "Europe/Berlin", dates_resolve(&moved), 0);
	why = course_gone(&before, 0, &now);
	assert_string_equal(why, "the session on Wed 2 Dec 2026 10:30 was moved to "
	                    "Thu 3 Dec 2026 11:00");
	free(why);
	/* The other one went too: the changes no longer tell. */
	config_remove_session(&now, 1);
	why = course_gone(&before, 0, &now);
	assert_string_equal(why, "the session on Wed 2 Dec 2026 10:30 was moved or cancelled");
	free(why);
	config_free(&before);
	config_free(&now);
}

int main(void)
{
	setenv("TZ", "Europe/Berlin", 1);
	dates_zone_changed();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(days_count_on_the_calendar),
		cmocka_unit_test(hours_count_elapsed),
		cmocka_unit_test(neighbours_on_both_sides),
		cmocka_unit_test(a_session_gone_is_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
