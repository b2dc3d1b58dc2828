/* The wording of times: countdowns, "today/tomorrow" and long dates, all in
 * the local zone, with expected moments written in UTC. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "care/format.h"
#include "care/protocol.h"
#include "care/timeline.h"

static time_t utc(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
	                .tm_hour = h, .tm_min = mi, .tm_sec = s};
	return timegm(&tm);
}

static void use_zone(const char *zone)
{
	setenv("TZ", zone, 1);
	dates_zone_changed();
}

static int berlin(void **state)
{
	(void)state;
	use_zone("Europe/Berlin");
	return 0;
}

#define COUNTDOWN(when, now, want) do { char b_[64]; \
	format_countdown((when), (now), b_, sizeof b_); \
	assert_string_equal(b_, (want)); } while (0)
#define WHEN(when, now, want) do { char b_[64]; \
	format_when((when), (now), b_, sizeof b_); \
	assert_string_equal(b_, (want)); } while (0)

static void countdown_minutes_and_hours(void **state)
{
	(void)state;
	time_t now = utc(2026, 12, 2, 9, 0, 0);
	COUNTDOWN(now, now, "now");
	COUNTDOWN(now + 59, now, "now");
	COUNTDOWN(now - 59, now, "now");
	COUNTDOWN(now + 60, now, "in 1 min");
	COUNTDOWN(now + 20 * 60 + 30, now, "in 20 min");
	COUNTDOWN(now - 20 * 60, now, "20 min ago");
	COUNTDOWN(now + 3599, now, "in 59 min");
	COUNTDOWN(now + 3600, now, "in 1 h");
	COUNTDOWN(now + 3 * 3600, now, "in 3 h");
	COUNTDOWN(now - 5 * 3600, now, "5 h ago");
	COUNTDOWN(now + 24 * 3600 - 1, now, "in 23 h");
}

static void countdown_days_follow_the_calendar(void **state)
{
	(void)state;
	time_t now = utc(2026, 12, 2, 9, 0, 0); /* Wed 10:00 CET */
	COUNTDOWN(now + 24 * 3600, now, "in 1 day");
	COUNTDOWN(now + 6 * 24 * 3600, now, "in 6 days");
	COUNTDOWN(now - 2 * 24 * 3600, now, "2 days ago");
	COUNTDOWN(now - 24 * 3600, now, "1 day ago");
	/* Monday 21:00 to Wednesday 08:00 is 35 hours, and "in 2 days". */
	COUNTDOWN(utc(2026, 12, 2, 7, 0, 0), utc(2026, 11, 30, 20, 0, 0), "in 2 days");
	COUNTDOWN(utc(2026, 11, 30, 20, 0, 0), utc(2026, 12, 2, 7, 0, 0), "2 days ago");
	/* From two months on, weeks. */
	COUNTDOWN(now + 59 * 24 * 3600, now, "in 59 days");
	COUNTDOWN(now + 60 * 24 * 3600, now, "in 8 weeks");
	COUNTDOWN(now - 70 * 24 * 3600, now, "10 weeks ago");
}

/* The autumn day has 25 hours: 00:10 to 23:50 on 2026-10-25 is 24 h 40 min
 * on one calendar day. It is not "in 0 days". */
static void countdown_on_the_long_day(void **state)
{
	(void)state;
	time_t now = utc(2026, 10, 24, 22, 10, 0);  /* 00:10 CEST */
	time_t when = utc(2026, 10, 25, 22, 50, 0); /* 23:50 CET */
	COUNTDOWN(when, now, "in 24 h");
	COUNTDOWN(now, when, "24 h ago");
}

static void when_names_near_days(void **state)
{
	(void)state;
	time_t now = utc(2026, 12, 2, 9, 0, 0); /* Wed 2 Dec 10:00 CET */
	WHEN(now, now, "today 10:00");
	WHEN(utc(2026, 12, 2, 22, 59, 0), now, "today 23:59");
	WHEN(utc(2026, 12, 1, 23, 0, 0), now, "today 00:00");
	WHEN(utc(2026, 12, 3, 8, 0, 0), now, "tomorrow 09:00");
	WHEN(utc(2026, 12, 1, 20, 0, 0), now, "yesterday 21:00");
	WHEN(utc(2026, 12, 9, 8, 0, 0), now, "Wed 9 Dec 09:00");
	WHEN(utc(2026, 12, 2, 8, 0, 0), utc(2026, 11, 30, 9, 0, 0), "Wed 2 Dec 09:00");
	WHEN(utc(2027, 1, 2, 8, 0, 0), now, "Sat 2 Jan 2027 09:00");
	WHEN(utc(2025, 12, 31, 8, 0, 0), now, "Wed 31 Dec 2025 09:00");
	/* Local dates: 23:30 and 00:30 are a day apart, though one UTC day. */
	WHEN(utc(2026, 12, 2, 23, 30, 0), utc(2026, 12, 2, 22, 30, 0), "tomorrow 00:30");
	/* Across the spring change, the 23-hour day. */
	WHEN(utc(2026, 3, 29, 22, 0, 0), utc(2026, 3, 28, 23, 0, 0), "tomorrow 00:00");
	WHEN(utc(2026, 3, 29, 21, 59, 0), utc(2026, 3, 28, 23, 0, 0), "today 23:59");
}

/* A buffer too small gets the text cut, and always ended, as snprintf()
 * would leave it. */
static void short_buffers_get_the_text_cut(void **state)
{
	(void)state;
	time_t now = utc(2026, 12, 2, 9, 0, 0);
	const time_t whens[] = {now, utc(2027, 1, 2, 8, 0, 0), now - 70 * 24 * 3600,
	                        now + 20 * 60};
	for (size_t i = 0; i < sizeof whens / sizeof *whens; i++)
		for (int kind = 0; kind < 2; kind++) {
			char full[64], cut[64], want[64];
			void (*f)(time_t, time_t, char *, size_t) =
				kind ? format_when : format_countdown;
			f(whens[i], now, full, sizeof full);
			size_t len = strlen(full);
			assert_true(len > 2);
			for (size_t n = 1; n <= len + 1; n++) {
				memset(cut, 'x', sizeof cut);
				f(whens[i], now, cut, n);
				snprintf(want, n, "%s", full);
				assert_string_equal(cut, want);
				assert_int_equal(cut[n], 'x');
			}
			f(whens[i], now, cut, 0); /* writes nothing */
		}
}

static void long_form_is_local(void **state)
{
	(void)state;
	char buf[64];
	format_long(utc(2026, 12, 2, 9, 30, 0), buf, sizeof buf);
	assert_string_equal(buf, "Wed 2 Dec 2026 10:30");
	use_zone("America/New_York");
	format_long(utc(2026, 12, 2, 9, 30, 0), buf, sizeof buf);
	assert_string_equal(buf, "Wed 2 Dec 2026 04:30");
	use_zone("Asia/Tokyo");
	format_long(utc(2026, 12, 31, 20, 0, 0), buf, sizeof buf);
	assert_string_equal(buf, "Fri 1 Jan 2027 05:00");
	use_zone("Europe/Berlin");
}

static void event_titles(void **state)
{
	(void)state;
	struct milestone m = {.title = "Retinoids paused"};
	struct timeline_entry en = {.m = &m, .session = 1};
	struct timeline_event start = {.entry = &en, .is_end = false};
	struct timeline_event end = {.entry = &en, .is_end = true};
	char *s = format_event_title(&start);
	assert_string_equal(s, "Retinoids paused");
	free(s);
	s = format_event_title(&end);
	assert_string_equal(s, "End: Retinoids paused");
	free(s);
	m.end_title = "Retinoids allowed again";
	s = format_event_title(&end);
	assert_string_equal(s, "Retinoids allowed again");
	free(s);
	s = format_event_title(&start);
	assert_string_equal(s, "Retinoids paused");
	free(s);
}

static void countdown_long_is_elapsed_time(void **state)
{
	(void)state;
	char buf[64];
	time_t now = 1796000000;
	format_countdown_long(now + 4 * 86400 + 3 * 3600 + 59, now, buf, sizeof buf);
	assert_string_equal(buf, "in 4 days 3 h");
	format_countdown_long(now + 86400, now, buf, sizeof buf);
	assert_string_equal(buf, "in 1 day");
	format_countdown_long(now + 3 * 3600 + 20 * 60, now, buf, sizeof buf);
	assert_string_equal(buf, "in 3 h 20 min");
	format_countdown_long(now + 7200, now, buf, sizeof buf);
	assert_string_equal(buf, "in 2 h");
	format_countdown_long(now + 300, now, buf, sizeof buf);
	assert_string_equal(buf, "in 5 min");
	format_countdown_long(now - 2 * 86400 - 5 * 3600, now, buf, sizeof buf);
	assert_string_equal(buf, "2 days 5 h ago");
	format_countdown_long(now + 30, now, buf, sizeof buf);
	assert_string_equal(buf, "now");
}

/* Every byte a title could hold comes out as JSON that parses back to it:
 * the escapes by hand here, jq in tests/cli. */
static void json_strings_escape_what_they_must(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"", "\"\""},
		{"plain", "\"plain\""},
		{"say \"no\"", "\"say \\\"no\\\"\""},
		{"C:\\serums\\", "\"C:\\\\serums\\\\\""},
		{"a\nb\tc", "\"a\\nb\\tc\""},
		{"bell\a esc\x1b del\x7f", "\"bell\\u0007 esc\\u001b del\\u007f\""},
		{"\x01\x1f", "\"\\u0001\\u001f\""},
		{"café ☀ 日本 \xf0\x9f\x92\x89", "\"café ☀ 日本 \xf0\x9f\x92\x89\""},
		/* Not UTF-8: a stray byte, a cut sequence, an overlong slash, a
		 * surrogate, past U+10FFFF. Each bad byte is U+FFFD. */
		{"a\xff" "b", "\"a\xef\xbf\xbd" "b\""},
		{"\xe2\x98", "\"\xef\xbf\xbd\xef\xbf\xbd\""},
		{"\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\""},
		{"\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
		{"\xf4\x90\x80\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *j = format_json_string(cases[i].in);
		assert_string_equal(j, cases[i].out);
		free(j);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(countdown_minutes_and_hours),
		cmocka_unit_test(countdown_days_follow_the_calendar),
		cmocka_unit_test(countdown_on_the_long_day),
		cmocka_unit_test(when_names_near_days),
		cmocka_unit_test(short_buffers_get_the_text_cut),
		cmocka_unit_test(long_form_is_local),
		cmocka_unit_test(event_titles),
		cmocka_unit_test(countdown_long_is_elapsed_time),
		cmocka_unit_test(json_strings_escape_what_they_must),
	};
	return cmocka_run_group_tests_name("format", tests, berlin, NULL);
}
