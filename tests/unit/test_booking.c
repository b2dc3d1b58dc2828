/* The booking use case (care/booking.h): the interval guard, the
 * past-date rule, the conflict refusal and a session changed meanwhile,
 * each a value; nothing is saved unless it is done. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fileio.h"
#include "care/booking.h"

static char *dir, *path;

static time_t local(int y, int mo, int d, int h, int mi)
{
	struct civil c = {y, mo, d, h, mi, 0};
	return dates_resolve(&c);
}

/* The configuration holds one session, on Sun 20 Dec 2026 10:00. */
static int fresh(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/nc-bookingXXXXXX";
	assert_non_null(mkdtemp(tmpl));
	dir = xstrdup(tmpl);
	path = xasprintf("%s/config.ini", dir);
	const char *text = "[course]\nprotocol = microneedling\n\n[session.1]\n"
	                   "start = 2026-12-20 10:00\nzone = Europe/Berlin\n";
	char *err = NULL;
	assert_int_equal(fileio_save(path, text, strlen(text), &err), 0);
	return 0;
}

static int cleanup(void **state)
{
	(void)state;
	char *lock = xasprintf("%s.lock", path);
	unlink(lock);
	unlink(path);
	rmdir(dir);
	free(lock);
	free(path);
	free(dir);
	return 0;
}

static void load(struct config *c)
{
	struct diags d = {0};
	assert_true(config_load(path, c, &d));
	diags_free(&d);
}

static struct booking_request add(const struct config *before, int y, int mo, int d)
{
	return (struct booking_request){.op = BOOKING_ADD, .before = before,
	                                .when = {y, mo, d, 10, 0, 0}, .answer = -1,
	                                .now = local(2026, 12, 5, 9, 0)};
}

static void too_close_is_refused_unless_forced(void **state)
{
	(void)state;
	struct config before;
	load(&before);
	struct booking_request r = add(&before, 2026, 12, 22);
	struct booking_result res;
	booking_run(&r, &res);
	assert_int_equal(res.status, BOOKING_TOO_CLOSE);
	assert_non_null(strstr(res.close, "2 days after the session of Sun 20 Dec 2026 10:00"));
	booking_result_free(&res);
	struct config now;
	load(&now);
	assert_int_equal(now.nsessions, 1);
	config_free(&now);

	r.force_close = true;
	booking_run(&r, &res);
	assert_int_equal(res.status, BOOKING_DONE);
	assert_non_null(res.close);
	assert_false(res.past);
	assert_int_equal(res.start, local(2026, 12, 22, 10, 0));
	assert_int_equal(res.cfg.nsessions, 2);
	booking_result_free(&res);
	load(&now);
	assert_int_equal(now.nsessions, 2);
	config_free(&now);
	config_free(&before);
}

static void a_past_date_is_a_session_done_only_when_forced(void **state)
{
	(void)state;
	struct config before;
	load(&before);
	struct booking_request r = add(&before, 2026, 11, 1);
	struct booking_result res;
	booking_run(&r, &res);
	assert_int_equal(res.status, BOOKING_PAST);
	assert_int_equal(res.start, local(2026, 11, 1, 10, 0));
	booking_result_free(&res);
	r.force_past = true;
	booking_run(&r, &res);
	assert_int_equal(res.status, BOOKING_DONE);
	assert_true(res.past);
	booking_result_free(&res);
	config_free(&before);
}

static void the_same_moment_twice_is_refused(void **state)
{
	(void)state;
	struct config before;
	load(&before);
	struct booking_request r = add(&before, 2026, 12, 20);
	struct booking_result res;
	booking_run(&r, &res);
	/* Not a question of interval: config_book() says what is wrong. */
	assert_int_equal(res.status, BOOKING_REFUSED);
	assert_null(res.close);
	assert_non_null(res.why);
	booking_result_free(&res);
	config_free(&before);
}

static void a_session_changed_meanwhile_is_gone(void **state)
{
	(void)state;
	struct config before;
	load(&before);
	/* Another needlecare cancels it. */
	struct booking_request r = {.op = BOOKING_CANCEL, .before = &before, .session = 0,
	                            .answer = -1, .now = local(2026, 12, 5, 9, 0)};
	struct booking_result res;
	booking_run(&r, &res);
	assert_int_equal(res.status, BOOKING_DONE);
	assert_int_equal(res.cfg.nsessions, 0);
	booking_result_free(&res);
	/* Moving it, from what was first read, finds it gone. */
	r.op = BOOKING_MOVE;
	r.when = (struct civil){2027, 1, 30, 10, 0, 0};
	booking_run(&r, &res);
	assert_int_equal(res.status, BOOKING_GONE);
	assert_string_equal(res.why, "the session on Sun 20 Dec 2026 10:00 was cancelled");
	booking_result_free(&res);
	config_free(&before);
}

static void the_protocol_and_an_answer_are_saved(void **state)
{
	(void)state;
	struct config before;
	load(&before);
	struct booking_request r = {.op = BOOKING_MOVE, .before = &before, .session = 0,
	                            .when = before.sessions[0].wall, .protocol = "prp",
	                            .answer = 0, .answer_value = 1, .keep_same = true,
	                            .now = local(2026, 12, 5, 9, 0)};
	struct booking_result res;
	booking_run(&r, &res);
	assert_int_equal(res.status, BOOKING_DONE);
	assert_true(res.same);
	assert_string_equal(res.interval->name, res.opened->name);
	booking_result_free(&res);
	struct config now;
	load(&now);
	assert_string_equal(now.protocol, "prp");
	assert_int_equal(now.answers[0], 1);
	assert_int_equal(now.nsessions, 1);
	config_free(&now);
	config_free(&before);
}

int main(void)
{
	setenv("TZ", "Europe/Berlin", 1);
	dates_zone_changed();
	setenv("XDG_DATA_HOME", "/nonexistent", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(too_close_is_refused_unless_forced, fresh, cleanup),
		cmocka_unit_test_setup_teardown(a_past_date_is_a_session_done_only_when_forced,
		                                fresh, cleanup),
		cmocka_unit_test_setup_teardown(the_same_moment_twice_is_refused, fresh, cleanup),
		cmocka_unit_test_setup_teardown(a_session_changed_meanwhile_is_gone, fresh, cleanup),
		cmocka_unit_test_setup_teardown(the_protocol_and_an_answer_are_saved, fresh, cleanup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
