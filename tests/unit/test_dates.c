/* The calendar: strict parsers, elapsed and calendar steps, and local times
 * at the edges of DST changes in three zones (one of them with a 30-minute
 * change). Every expected moment is a fact written in UTC (from
 * `zdump -v -c 2026,2027 ZONE`), never the module's own output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/dates.h"

/* ---- helpers ---------------------------------------------------------- */

static time_t utc(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
	                .tm_hour = h, .tm_min = mi, .tm_sec = s};
	return timegm(&tm);
}

static void use_zone(const char *zone)
{
	if (zone)
		setenv("TZ", zone, 1);
	else
		unsetenv("TZ");
	dates_zone_changed();
}

static char *fmt_utc(time_t t, char *buf, size_t n)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm);
	return buf;
}

static char *fmt_wall(time_t t, char *buf, size_t n)
{
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm);
	return buf;
}

/* t is that UTC moment / shows that wall time in the current zone. */
#define ASSERT_UTC(t, s) do { char b_[40]; \
	assert_string_equal(fmt_utc((t), b_, sizeof b_), (s)); } while (0)
#define ASSERT_WALL(t, s) do { char b_[40]; \
	assert_string_equal(fmt_wall((t), b_, sizeof b_), (s)); } while (0)

static time_t resolve(int y, int mo, int d, int h, int mi)
{
	struct civil c = {y, mo, d, h, mi, 0};
	return dates_resolve(&c);
}

static struct offset off(long n, enum offset_unit u)
{
	return (struct offset){n, u};
}

/* Each test picks its zone; the group starts and ends with a known one. */
static int zone_reset(void **state)
{
	(void)state;
	use_zone("UTC");
	return 0;
}

/* ---- parsers ---------------------------------------------------------- */

/* A refusal must say why. */
static void check_refused(bool ok, const char *why, const char *input)
{
	if (ok || !*why)
		print_message("input \"%s\": ok=%d why=\"%s\"\n", input, ok, why);
	assert_false(ok);
	assert_true(strlen(why) > 0);
}

static void parse_date_accepts_real_dates(void **state)
{
	(void)state;
	char why[DATES_WHY] = "";
	struct civil c;
	assert_true(dates_parse_date("2026-12-02", &c, why, sizeof why));
	assert_int_equal(c.year, 2026);
	assert_int_equal(c.month, 12);
	assert_int_equal(c.day, 2);
	assert_int_equal(c.hour, 0);
	assert_int_equal(c.min, 0);
	assert_int_equal(c.sec, 0);
	/* Leap days: every 4 years, not every 100, but every 400. */
	assert_true(dates_parse_date("2024-02-29", &c, why, sizeof why));
	assert_int_equal(c.month, 2);
	assert_int_equal(c.day, 29);
	assert_true(dates_parse_date("2000-02-29", &c, why, sizeof why));
	assert_true(dates_parse_date("2026-01-31", &c, why, sizeof why));
	assert_true(dates_parse_date("2026-04-30", &c, why, sizeof why));
	assert_true(dates_parse_date("2026-12-31", &c, why, sizeof why));
}

static void parse_date_refuses_the_rest(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"2026-02-30", "2026-02-29", "2025-02-29", "2100-02-29", "2026-04-31",
		"2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "",
		"2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "20260101",
		" 2026-01-01", "2026-01-01 ", "2026-01-01x", "2026-01-01\n",
		"2026-12-02 10:30", "+2026-01-01", "2026-01-0a", "-2026-01-01",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char why[DATES_WHY] = "";
		struct civil c;
		check_refused(dates_parse_date(bad[i], &c, why, sizeof why), why, bad[i]);
	}
}

static void parse_clock_accepts_times_of_day(void **state)
{
	(void)state;
	static const struct { const char *s; int min; } good[] = {
		{"00:00", 0}, {"09:05", 545}, {"10:30", 630}, {"12:00", 720},
		{"23:59", 1439},
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		char why[DATES_WHY] = "";
		int m = -1;
		assert_true(dates_parse_clock(good[i].s, &m, why, sizeof why));
		assert_int_equal(m, good[i].min);
	}
}

static void parse_clock_refuses_the_rest(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"25:00", "24:00", "12:60", "9:30", "09:5", "0930", "09:30x", "09:30 ",
		" 09:30", "", "-1:00", "09-30", "09:3a", "09:30:00", "ab:cd", ":",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char why[DATES_WHY] = "";
		int m;
		check_refused(dates_parse_clock(bad[i], &m, why, sizeof why), why, bad[i]);
	}
}

static void parse_moment_accepts_date_and_time(void **state)
{
	(void)state;
	char why[DATES_WHY] = "";
	struct civil c;
	assert_true(dates_parse_moment("2026-12-02 10:30", false, &c, why, sizeof why));
	assert_int_equal(c.year, 2026);
	assert_int_equal(c.month, 12);
	assert_int_equal(c.day, 2);
	assert_int_equal(c.hour, 10);
	assert_int_equal(c.min, 30);
	assert_int_equal(c.sec, 0);
	/* Seconds when allowed, and still optional then. */
	assert_true(dates_parse_moment("2024-02-29 23:59:45", true, &c, why, sizeof why));
	assert_int_equal(c.day, 29);
	assert_int_equal(c.hour, 23);
	assert_int_equal(c.min, 59);
	assert_int_equal(c.sec, 45);
	assert_true(dates_parse_moment("2026-12-02 00:00", true, &c, why, sizeof why));
	assert_int_equal(c.hour, 0);
	assert_int_equal(c.sec, 0);
}

static void parse_moment_refuses_the_rest(void **state)
{
	(void)state;
	static const struct { const char *s; bool secs; } bad[] = {
		{"", false}, {"", true},
		{"2026-12-02 10:30x", false}, {"2026-12-02 10:30x", true},
		{"2026-12-02  10:30", false}, {"2026-12-02T10:30", false},
		{"2026-12-02", false}, {"2026-12-02 ", false}, {" 2026-12-02 10:30", false},
		{"2026-12-02 10:30 ", false}, {"2026-02-30 10:00", false},
		{"2025-02-29 10:00", false}, {"2026-13-01 10:00", false},
		{"2026-12-02 25:00", false}, {"2026-12-02 10:60", false},
		{"2026-12-02 10:30:45", false}, /* seconds not allowed here */
		{"2026-12-02 10:30:60", true}, {"2026-12-02 10:30:", true},
		{"2026-12-02 10:30:5", true}, {"2026-12-02 10:30:45 ", true},
		{"2026-12-02 10:30:45:00", true}, {"2026-12-02 10", false},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char why[DATES_WHY] = "";
		struct civil c;
		check_refused(dates_parse_moment(bad[i].s, bad[i].secs, &c, why, sizeof why),
		              why, bad[i].s);
	}
}

static void parse_offset_accepts_every_unit(void **state)
{
	(void)state;
	static const struct { const char *s; long n; enum offset_unit u; } good[] = {
		{"-7d", -7, UNIT_DAY}, {"+24h", 24, UNIT_HOUR}, {"-30min", -30, UNIT_MIN},
		{"+6w", 6, UNIT_WEEK}, {"+3mo", 3, UNIT_MONTH}, {"0min", 0, UNIT_MIN},
		{"7d", 7, UNIT_DAY}, {"72h", 72, UNIT_HOUR}, {"-1mo", -1, UNIT_MONTH},
		{"+12mo", 12, UNIT_MONTH}, {"-2w", -2, UNIT_WEEK}, {"+90min", 90, UNIT_MIN},
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		char why[DATES_WHY] = "";
		struct offset o = {12345, UNIT_WEEK};
		if (!dates_parse_offset(good[i].s, &o, why, sizeof why))
			print_message("\"%s\" refused: %s\n", good[i].s, why);
		assert_true(dates_parse_offset(good[i].s, &o, why, sizeof why));
		assert_int_equal(o.n, good[i].n);
		assert_int_equal(o.unit, good[i].u);
	}
}

static void parse_offset_refuses_the_rest(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"+3y", "+3", "3", "+d", "d", "-min", "", "+", "-", "+3 d", " +3d", "+3d ",
		"+3D", "+3m", "+3mins", "+3dd", "++3d", "+-3d", "3.5h", "+3hmin",
		"+99999999999999999999d", "+9223372036854775808min",
		"-9223372036854775809min", "+1000000000h", "+100000000mo",
		"+1000000w", "+100000000000000000000000000000000000000min",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char why[DATES_WHY] = "";
		struct offset o;
		check_refused(dates_parse_offset(bad[i], &o, why, sizeof why), why, bad[i]);
	}
}

static void calendar_units_are_days_weeks_months(void **state)
{
	(void)state;
	assert_false(dates_offset_is_calendar(off(5, UNIT_MIN)));
	assert_false(dates_offset_is_calendar(off(5, UNIT_HOUR)));
	assert_true(dates_offset_is_calendar(off(5, UNIT_DAY)));
	assert_true(dates_offset_is_calendar(off(5, UNIT_WEEK)));
	assert_true(dates_offset_is_calendar(off(5, UNIT_MONTH)));
}

/* ---- steps ------------------------------------------------------------ */

static void elapsed_steps_are_exact_seconds(void **state)
{
	(void)state;
	use_zone("Europe/Berlin");
	time_t base = utc(2026, 12, 2, 9, 30, 15);
	/* minute_of_day is ignored by elapsed steps. */
	assert_int_equal(dates_step(base, off(24, UNIT_HOUR), 0), base + 24 * 3600);
	assert_int_equal(dates_step(base, off(-72, UNIT_HOUR), 600), base - 72 * 3600);
	assert_int_equal(dates_step(base, off(-30, UNIT_MIN), 600), base - 30 * 60);
	assert_int_equal(dates_step(base, off(90, UNIT_MIN), 0), base + 90 * 60);
	assert_int_equal(dates_step(base, off(0, UNIT_MIN), 0), base);
}

static void calendar_steps_land_at_the_time_of_day(void **state)
{
	(void)state;
	use_zone("Europe/Berlin"); /* CET, UTC+1, all winter */
	time_t base = utc(2026, 12, 2, 9, 30, 0); /* 10:30 local */
	ASSERT_UTC(dates_step(base, off(7, UNIT_DAY), 9 * 60), "2026-12-09 08:00:00");
	ASSERT_UTC(dates_step(base, off(-7, UNIT_DAY), 9 * 60), "2026-11-25 08:00:00");
	ASSERT_UTC(dates_step(base, off(1, UNIT_DAY), 0), "2026-12-02 23:00:00");
	ASSERT_UTC(dates_step(base, off(0, UNIT_DAY), 21 * 60), "2026-12-02 20:00:00");
	ASSERT_UTC(dates_step(base, off(6, UNIT_WEEK), 9 * 60), "2027-01-13 08:00:00");
	ASSERT_UTC(dates_step(base, off(-1, UNIT_WEEK), 23 * 60 + 59), "2026-11-25 22:59:00");
	ASSERT_UTC(dates_step(base, off(3, UNIT_MONTH), 10 * 60 + 30), "2027-03-02 09:30:00");
	ASSERT_UTC(dates_step(base, off(-12, UNIT_MONTH), 10 * 60 + 30), "2025-12-02 09:30:00");
	ASSERT_UTC(dates_step(base, off(1, UNIT_MONTH), 0), "2027-01-01 23:00:00");
}

/* The step starts from the local date, not the UTC one. */
static void calendar_steps_count_from_the_local_date(void **state)
{
	(void)state;
	use_zone("America/New_York"); /* EST, UTC-5 */
	time_t base = utc(2027, 1, 1, 4, 30, 0); /* 2026-12-31 23:30 local */
	ASSERT_UTC(dates_step(base, off(1, UNIT_DAY), 9 * 60), "2027-01-01 14:00:00");
	ASSERT_UTC(dates_step(base, off(1, UNIT_MONTH), 9 * 60), "2027-01-31 14:00:00");
	ASSERT_UTC(dates_step(base, off(-1, UNIT_WEEK), 9 * 60), "2026-12-24 14:00:00");
	use_zone("Asia/Tokyo"); /* UTC+9, no DST */
	base = utc(2026, 12, 31, 20, 0, 0); /* 2027-01-01 05:00 local */
	ASSERT_UTC(dates_step(base, off(-1, UNIT_DAY), 9 * 60), "2026-12-31 00:00:00");
}

static void month_steps_clamp_to_the_last_day(void **state)
{
	(void)state;
	use_zone("UTC");
	static const struct {
		int y, m, d; long n; const char *want;
	} cases[] = {
		{2026, 1, 31, 1, "2026-02-28 09:00:00"},
		{2024, 1, 31, 1, "2024-02-29 09:00:00"},
		{2026, 3, 31, -1, "2026-02-28 09:00:00"},
		{2024, 3, 31, -1, "2024-02-29 09:00:00"},
		{2024, 2, 29, 12, "2025-02-28 09:00:00"},
		{2024, 2, 29, -12, "2023-02-28 09:00:00"},
		{2024, 2, 29, 48, "2028-02-29 09:00:00"},
		{2026, 5, 31, 1, "2026-06-30 09:00:00"},
		{2026, 8, 31, 1, "2026-09-30 09:00:00"},
		{2026, 10, 31, -1, "2026-09-30 09:00:00"},
		{2026, 12, 15, 1, "2027-01-15 09:00:00"},
		{2026, 1, 15, -1, "2025-12-15 09:00:00"},
		{2026, 1, 31, 3, "2026-04-30 09:00:00"},
		{2026, 1, 31, 2, "2026-03-31 09:00:00"},
		{2099, 12, 31, 2, "2100-02-28 09:00:00"},
		{2026, 1, 30, 120, "2036-01-30 09:00:00"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		time_t base = utc(cases[i].y, cases[i].m, cases[i].d, 15, 0, 0);
		ASSERT_UTC(dates_step(base, off(cases[i].n, UNIT_MONTH), 9 * 60), cases[i].want);
	}
}

static void day_steps_know_leap_years(void **state)
{
	(void)state;
	use_zone("UTC");
	ASSERT_UTC(dates_step(utc(2024, 2, 28, 8, 0, 0), off(1, UNIT_DAY), 600), "2024-02-29 10:00:00");
	ASSERT_UTC(dates_step(utc(2024, 2, 28, 8, 0, 0), off(2, UNIT_DAY), 600), "2024-03-01 10:00:00");
	ASSERT_UTC(dates_step(utc(2026, 2, 28, 8, 0, 0), off(1, UNIT_DAY), 600), "2026-03-01 10:00:00");
	ASSERT_UTC(dates_step(utc(2100, 2, 28, 8, 0, 0), off(1, UNIT_DAY), 600), "2100-03-01 10:00:00");
	ASSERT_UTC(dates_step(utc(2000, 2, 28, 8, 0, 0), off(1, UNIT_DAY), 600), "2000-02-29 10:00:00");
	ASSERT_UTC(dates_step(utc(2024, 3, 1, 8, 0, 0), off(-1, UNIT_DAY), 600), "2024-02-29 10:00:00");
	ASSERT_UTC(dates_step(utc(2024, 1, 1, 8, 0, 0), off(366, UNIT_DAY), 600), "2025-01-01 10:00:00");
	ASSERT_UTC(dates_step(utc(2024, 2, 22, 8, 0, 0), off(1, UNIT_WEEK), 600), "2024-02-29 10:00:00");
	ASSERT_UTC(dates_step(utc(2026, 12, 31, 8, 0, 0), off(1, UNIT_DAY), 600), "2027-01-01 10:00:00");
}

/* ---- DST, zone by zone ------------------------------------------------- */

/* Europe/Berlin: 2026-03-29 02:00 CET -> 03:00 CEST at 01:00Z;
 * 2026-10-25 03:00 CEST -> 02:00 CET at 01:00Z. */
static void berlin_resolves_gap_and_repeat(void **state)
{
	(void)state;
	use_zone("Europe/Berlin");
	ASSERT_UTC(resolve(2026, 7, 1, 12, 0), "2026-07-01 10:00:00");
	ASSERT_UTC(resolve(2026, 12, 2, 10, 30), "2026-12-02 09:30:00");
	struct civil s = {2026, 12, 2, 10, 30, 15};
	ASSERT_UTC(dates_resolve(&s), "2026-12-02 09:30:15");
	/* The gap: moved forward by its length, one hour. */
	ASSERT_UTC(resolve(2026, 3, 29, 1, 59), "2026-03-29 00:59:00");
	ASSERT_UTC(resolve(2026, 3, 29, 2, 0), "2026-03-29 01:00:00");
	ASSERT_UTC(resolve(2026, 3, 29, 2, 30), "2026-03-29 01:30:00");
	ASSERT_WALL(resolve(2026, 3, 29, 2, 30), "2026-03-29 03:30:00");
	ASSERT_UTC(resolve(2026, 3, 29, 2, 59), "2026-03-29 01:59:00");
	ASSERT_UTC(resolve(2026, 3, 29, 3, 0), "2026-03-29 01:00:00");
	/* The repeat: its first occurrence, still in summer time. */
	ASSERT_UTC(resolve(2026, 10, 25, 1, 59), "2026-10-24 23:59:00");
	ASSERT_UTC(resolve(2026, 10, 25, 2, 0), "2026-10-25 00:00:00");
	ASSERT_UTC(resolve(2026, 10, 25, 2, 30), "2026-10-25 00:30:00");
	ASSERT_UTC(resolve(2026, 10, 25, 2, 59), "2026-10-25 00:59:00");
	ASSERT_UTC(resolve(2026, 10, 25, 3, 0), "2026-10-25 02:00:00");
}

static void berlin_steps_across_changes(void **state)
{
	(void)state;
	use_zone("Europe/Berlin");
	/* Spring: 09:00 CET on the 28th. */
	time_t sat = utc(2026, 3, 28, 8, 0, 0);
	ASSERT_WALL(sat, "2026-03-28 09:00:00");
	ASSERT_UTC(dates_step(sat, off(1, UNIT_DAY), 540), "2026-03-29 07:00:00");
	ASSERT_WALL(dates_step(sat, off(1, UNIT_DAY), 540), "2026-03-29 09:00:00");
	ASSERT_WALL(dates_step(utc(2026, 3, 25, 8, 0, 0), off(7, UNIT_DAY), 540), "2026-04-01 09:00:00");
	ASSERT_WALL(dates_step(utc(2026, 3, 25, 8, 0, 0), off(1, UNIT_WEEK), 540), "2026-04-01 09:00:00");
	ASSERT_WALL(dates_step(utc(2026, 4, 1, 7, 0, 0), off(-7, UNIT_DAY), 540), "2026-03-25 09:00:00");
	ASSERT_WALL(dates_step(utc(2026, 3, 15, 8, 0, 0), off(1, UNIT_MONTH), 540), "2026-04-15 09:00:00");
	/* 24 elapsed hours are 23 h + the hour the clock skips. */
	ASSERT_UTC(dates_step(sat, off(24, UNIT_HOUR), 540), "2026-03-29 08:00:00");
	ASSERT_WALL(dates_step(sat, off(24, UNIT_HOUR), 540), "2026-03-29 10:00:00");
	/* 01:30 CET + 60 min is 03:30 CEST. */
	ASSERT_WALL(dates_step(utc(2026, 3, 29, 0, 30, 0), off(60, UNIT_MIN), 0), "2026-03-29 03:30:00");
	/* A calendar step into the gap moves forward with it. */
	ASSERT_UTC(dates_step(sat, off(1, UNIT_DAY), 150), "2026-03-29 01:30:00");
	/* Autumn: 09:00 CEST on the 24th. */
	time_t oct = utc(2026, 10, 24, 7, 0, 0);
	ASSERT_WALL(oct, "2026-10-24 09:00:00");
	ASSERT_UTC(dates_step(oct, off(1, UNIT_DAY), 540), "2026-10-25 08:00:00");
	ASSERT_WALL(dates_step(oct, off(1, UNIT_DAY), 540), "2026-10-25 09:00:00");
	ASSERT_WALL(dates_step(utc(2026, 10, 21, 7, 0, 0), off(7, UNIT_DAY), 540), "2026-10-28 09:00:00");
	ASSERT_UTC(dates_step(oct, off(24, UNIT_HOUR), 540), "2026-10-25 07:00:00");
	ASSERT_WALL(dates_step(oct, off(24, UNIT_HOUR), 540), "2026-10-25 08:00:00");
	/* 02:30 CEST + 60 min is 02:30 CET, the second one. */
	ASSERT_UTC(dates_step(utc(2026, 10, 25, 0, 30, 0), off(60, UNIT_MIN), 0), "2026-10-25 01:30:00");
	ASSERT_WALL(dates_step(utc(2026, 10, 25, 0, 30, 0), off(60, UNIT_MIN), 0), "2026-10-25 02:30:00");
	/* A calendar step into the repeat lands on its first occurrence. */
	ASSERT_UTC(dates_step(oct, off(1, UNIT_DAY), 150), "2026-10-25 00:30:00");
}

/* America/New_York: 2026-03-08 02:00 EST -> 03:00 EDT at 07:00Z;
 * 2026-11-01 02:00 EDT -> 01:00 EST at 06:00Z. */
static void new_york_resolves_gap_and_repeat(void **state)
{
	(void)state;
	use_zone("America/New_York");
	ASSERT_UTC(resolve(2026, 12, 2, 10, 30), "2026-12-02 15:30:00");
	ASSERT_UTC(resolve(2026, 7, 1, 10, 30), "2026-07-01 14:30:00");
	ASSERT_UTC(resolve(2026, 3, 8, 1, 59), "2026-03-08 06:59:00");
	ASSERT_UTC(resolve(2026, 3, 8, 2, 0), "2026-03-08 07:00:00");
	ASSERT_UTC(resolve(2026, 3, 8, 2, 30), "2026-03-08 07:30:00");
	ASSERT_WALL(resolve(2026, 3, 8, 2, 30), "2026-03-08 03:30:00");
	ASSERT_UTC(resolve(2026, 3, 8, 3, 0), "2026-03-08 07:00:00");
	ASSERT_UTC(resolve(2026, 11, 1, 0, 59), "2026-11-01 04:59:00");
	ASSERT_UTC(resolve(2026, 11, 1, 1, 0), "2026-11-01 05:00:00");
	ASSERT_UTC(resolve(2026, 11, 1, 1, 30), "2026-11-01 05:30:00");
	ASSERT_UTC(resolve(2026, 11, 1, 2, 0), "2026-11-01 07:00:00");
}

static void new_york_steps_across_changes(void **state)
{
	(void)state;
	use_zone("America/New_York");
	time_t sat = utc(2026, 3, 7, 14, 0, 0);
	ASSERT_WALL(sat, "2026-03-07 09:00:00");
	ASSERT_UTC(dates_step(sat, off(1, UNIT_DAY), 540), "2026-03-08 13:00:00");
	ASSERT_WALL(dates_step(utc(2026, 3, 4, 14, 0, 0), off(7, UNIT_DAY), 540), "2026-03-11 09:00:00");
	ASSERT_UTC(dates_step(sat, off(24, UNIT_HOUR), 540), "2026-03-08 14:00:00");
	ASSERT_WALL(dates_step(sat, off(24, UNIT_HOUR), 540), "2026-03-08 10:00:00");
	time_t oct = utc(2026, 10, 31, 13, 0, 0);
	ASSERT_WALL(oct, "2026-10-31 09:00:00");
	ASSERT_UTC(dates_step(oct, off(1, UNIT_DAY), 540), "2026-11-01 14:00:00");
	ASSERT_WALL(dates_step(utc(2026, 10, 28, 13, 0, 0), off(7, UNIT_DAY), 540), "2026-11-04 09:00:00");
	ASSERT_WALL(dates_step(utc(2026, 10, 28, 13, 0, 0), off(1, UNIT_WEEK), 540), "2026-11-04 09:00:00");
	ASSERT_UTC(dates_step(oct, off(24, UNIT_HOUR), 540), "2026-11-01 13:00:00");
	ASSERT_WALL(dates_step(oct, off(24, UNIT_HOUR), 540), "2026-11-01 08:00:00");
	ASSERT_UTC(dates_step(oct, off(-72, UNIT_HOUR), 540), "2026-10-28 13:00:00");
}

/* Australia/Lord_Howe changes by 30 minutes: 2026-10-04 02:00 +1030 ->
 * 02:30 +11 at 2026-10-03 15:30Z; 2026-04-05 02:00 +11 -> 01:30 +1030 at
 * 2026-04-04 15:00Z. */
static void lord_howe_resolves_gap_and_repeat(void **state)
{
	(void)state;
	use_zone("Australia/Lord_Howe");
	ASSERT_UTC(resolve(2026, 7, 1, 12, 0), "2026-07-01 01:30:00");
	ASSERT_UTC(resolve(2026, 12, 2, 12, 0), "2026-12-02 01:00:00");
	/* The gap is half an hour long. */
	ASSERT_UTC(resolve(2026, 10, 4, 1, 59), "2026-10-03 15:29:00");
	ASSERT_UTC(resolve(2026, 10, 4, 2, 0), "2026-10-03 15:30:00");
	ASSERT_UTC(resolve(2026, 10, 4, 2, 15), "2026-10-03 15:45:00");
	ASSERT_WALL(resolve(2026, 10, 4, 2, 15), "2026-10-04 02:45:00");
	ASSERT_UTC(resolve(2026, 10, 4, 2, 29), "2026-10-03 15:59:00");
	ASSERT_UTC(resolve(2026, 10, 4, 2, 30), "2026-10-03 15:30:00");
	/* 01:30-02:00 happens twice; the first is at +11. */
	ASSERT_UTC(resolve(2026, 4, 5, 1, 29), "2026-04-04 14:29:00");
	ASSERT_UTC(resolve(2026, 4, 5, 1, 30), "2026-04-04 14:30:00");
	ASSERT_UTC(resolve(2026, 4, 5, 1, 45), "2026-04-04 14:45:00");
	ASSERT_UTC(resolve(2026, 4, 5, 2, 0), "2026-04-04 15:30:00");
}

static void lord_howe_steps_across_changes(void **state)
{
	(void)state;
	use_zone("Australia/Lord_Howe");
	time_t sat = utc(2026, 10, 2, 22, 30, 0);
	ASSERT_WALL(sat, "2026-10-03 09:00:00");
	ASSERT_UTC(dates_step(sat, off(1, UNIT_DAY), 540), "2026-10-03 22:00:00");
	ASSERT_WALL(dates_step(sat, off(1, UNIT_DAY), 540), "2026-10-04 09:00:00");
	ASSERT_WALL(dates_step(utc(2026, 9, 29, 22, 30, 0), off(7, UNIT_DAY), 540), "2026-10-07 09:00:00");
	ASSERT_UTC(dates_step(sat, off(24, UNIT_HOUR), 540), "2026-10-03 22:30:00");
	ASSERT_WALL(dates_step(sat, off(24, UNIT_HOUR), 540), "2026-10-04 09:30:00");
	/* 01:45 +1030 + 30 min is 02:45 +11. */
	ASSERT_WALL(dates_step(utc(2026, 10, 3, 15, 15, 0), off(30, UNIT_MIN), 0), "2026-10-04 02:45:00");
	time_t apr = utc(2026, 4, 3, 22, 0, 0);
	ASSERT_WALL(apr, "2026-04-04 09:00:00");
	ASSERT_UTC(dates_step(apr, off(1, UNIT_DAY), 540), "2026-04-04 22:30:00");
	ASSERT_WALL(dates_step(apr, off(1, UNIT_DAY), 540), "2026-04-05 09:00:00");
	ASSERT_WALL(dates_step(utc(2026, 3, 31, 22, 0, 0), off(7, UNIT_DAY), 540), "2026-04-08 09:00:00");
	ASSERT_UTC(dates_step(apr, off(24, UNIT_HOUR), 540), "2026-04-04 22:00:00");
	ASSERT_WALL(dates_step(apr, off(24, UNIT_HOUR), 540), "2026-04-05 08:30:00");
}

/* Where the change is at midnight, midnight itself does not exist. */
static void midnight_gaps(void **state)
{
	(void)state;
	/* America/Havana: 2026-03-08 00:00 CST -> 01:00 CDT at 05:00Z. */
	use_zone("America/Havana");
	ASSERT_UTC(resolve(2026, 3, 8, 0, 30), "2026-03-08 05:30:00");
	ASSERT_UTC(dates_day_start(utc(2026, 3, 8, 17, 0, 0)), "2026-03-08 05:00:00");
	ASSERT_WALL(dates_day_start(utc(2026, 3, 8, 17, 0, 0)), "2026-03-08 01:00:00");
	/* America/Santiago: 2026-09-06 00:00 -04 -> 01:00 -03 at 04:00Z. */
	use_zone("America/Santiago");
	ASSERT_UTC(resolve(2026, 9, 6, 0, 0), "2026-09-06 04:00:00");
	ASSERT_UTC(dates_day_start(utc(2026, 9, 6, 15, 0, 0)), "2026-09-06 04:00:00");
	ASSERT_UTC(dates_step(utc(2026, 9, 5, 15, 0, 0), off(1, UNIT_DAY), 0), "2026-09-06 04:00:00");
}

/* Pacific/Apia skipped the whole of 2011-12-30 (-10 -> +14 at
 * 2011-12-30 10:00Z): its times move forward by the gap, 24 hours. */
static void a_skipped_day_moves_forward(void **state)
{
	(void)state;
	use_zone("Pacific/Apia");
	ASSERT_UTC(resolve(2011, 12, 29, 23, 0), "2011-12-30 09:00:00");
	ASSERT_UTC(resolve(2011, 12, 31, 10, 0), "2011-12-30 20:00:00");
	ASSERT_UTC(resolve(2011, 12, 30, 10, 0), "2011-12-30 20:00:00");
	ASSERT_WALL(resolve(2011, 12, 30, 10, 0), "2011-12-31 10:00:00");
	ASSERT_WALL(dates_step(utc(2011, 12, 29, 19, 0, 0), off(1, UNIT_DAY), 540),
	            "2011-12-31 09:00:00");
}

/* ---- days, formats, zones, clock -------------------------------------- */

static void days_between_counts_local_dates(void **state)
{
	(void)state;
	use_zone("Europe/Berlin");
	assert_int_equal(dates_days_between(utc(2026, 12, 1, 23, 0, 0), utc(2026, 12, 2, 22, 59, 0)), 0);
	assert_int_equal(dates_days_between(utc(2026, 12, 2, 22, 59, 0), utc(2026, 12, 2, 23, 0, 0)), 1);
	assert_int_equal(dates_days_between(utc(2026, 12, 2, 23, 0, 0), utc(2026, 12, 2, 22, 59, 0)), -1);
	assert_int_equal(dates_days_between(utc(2026, 12, 2, 9, 0, 0), utc(2026, 12, 9, 8, 0, 0)), 7);
	assert_int_equal(dates_days_between(utc(2026, 12, 9, 8, 0, 0), utc(2026, 12, 2, 9, 0, 0)), -7);
	assert_int_equal(dates_days_between(utc(2026, 12, 31, 12, 0, 0), utc(2027, 1, 1, 0, 0, 0)), 1);
	assert_int_equal(dates_days_between(utc(2024, 1, 1, 12, 0, 0), utc(2025, 1, 1, 12, 0, 0)), 366);
	/* The 23-hour day and the 25-hour day. */
	assert_int_equal(dates_days_between(utc(2026, 3, 28, 23, 0, 0), utc(2026, 3, 29, 22, 0, 0)), 1);
	assert_int_equal(dates_days_between(utc(2026, 3, 28, 23, 0, 0), utc(2026, 3, 29, 21, 59, 0)), 0);
	assert_int_equal(dates_days_between(utc(2026, 10, 24, 22, 0, 0), utc(2026, 10, 25, 22, 59, 0)), 0);
	assert_int_equal(dates_days_between(utc(2026, 10, 24, 22, 0, 0), utc(2026, 10, 25, 23, 0, 0)), 1);
	/* Same UTC date, two local dates. */
	use_zone("America/New_York");
	assert_int_equal(dates_days_between(utc(2026, 12, 3, 4, 0, 0), utc(2026, 12, 3, 6, 0, 0)), 1);
	assert_int_equal(dates_days_between(utc(2026, 12, 3, 6, 0, 0), utc(2026, 12, 3, 4, 59, 0)), -1);
	assert_int_equal(dates_days_between(utc(2026, 12, 3, 4, 59, 0), utc(2026, 12, 3, 5, 0, 0)), 1);
}

static void day_start_is_local_midnight(void **state)
{
	(void)state;
	use_zone("Europe/Berlin");
	ASSERT_UTC(dates_day_start(utc(2026, 12, 2, 9, 30, 0)), "2026-12-01 23:00:00");
	ASSERT_UTC(dates_day_start(utc(2026, 12, 1, 23, 0, 0)), "2026-12-01 23:00:00");
	ASSERT_UTC(dates_day_start(utc(2026, 12, 1, 22, 59, 59)), "2026-11-30 23:00:00");
	ASSERT_UTC(dates_day_start(utc(2026, 3, 29, 14, 0, 0)), "2026-03-28 23:00:00");
	ASSERT_UTC(dates_day_start(utc(2026, 3, 30, 14, 0, 0)), "2026-03-29 22:00:00");
	ASSERT_UTC(dates_day_start(utc(2026, 10, 25, 14, 0, 0)), "2026-10-24 22:00:00");
	use_zone("Australia/Lord_Howe");
	ASSERT_UTC(dates_day_start(utc(2026, 7, 1, 1, 30, 0)), "2026-06-30 13:30:00");
	use_zone("UTC");
	ASSERT_UTC(dates_day_start(utc(2026, 12, 2, 23, 59, 59)), "2026-12-02 00:00:00");
}

static void format_iso_is_local_wall_time(void **state)
{
	(void)state;
	char buf[17];
	use_zone("Europe/Berlin");
	dates_format_iso(utc(2026, 12, 2, 9, 30, 59), buf, sizeof buf);
	assert_string_equal(buf, "2026-12-02 10:30");
	dates_format_iso(utc(2026, 12, 31, 23, 5, 0), buf, sizeof buf);
	assert_string_equal(buf, "2027-01-01 00:05");
	use_zone("America/New_York");
	dates_format_iso(utc(2026, 12, 2, 9, 30, 0), buf, sizeof buf);
	assert_string_equal(buf, "2026-12-02 04:30");
	use_zone("Australia/Lord_Howe");
	dates_format_iso(utc(2026, 7, 1, 1, 30, 0), buf, sizeof buf);
	assert_string_equal(buf, "2026-07-01 12:00");
}

static void format_civil_pads_fields(void **state)
{
	(void)state;
	char buf[32];
	struct civil c = {2026, 1, 5, 7, 3, 9};
	dates_format_civil(&c, false, buf, sizeof buf);
	assert_string_equal(buf, "2026-01-05 07:03");
	dates_format_civil(&c, true, buf, sizeof buf);
	assert_string_equal(buf, "2026-01-05 07:03:09");
}

static void civil_reads_local_fields(void **state)
{
	(void)state;
	use_zone("Asia/Tokyo");
	struct civil c = dates_civil(utc(2026, 12, 31, 20, 15, 7));
	assert_int_equal(c.year, 2027);
	assert_int_equal(c.month, 1);
	assert_int_equal(c.day, 1);
	assert_int_equal(c.hour, 5);
	assert_int_equal(c.min, 15);
	assert_int_equal(c.sec, 7);
}

/* 2026-12-02 10:30 in Berlin is 09:30Z whatever the current zone; the
 * current zone is left as it was. */
static void resolve_in_zone_ignores_and_keeps_tz(void **state)
{
	(void)state;
	static const char *const zones[] = {
		"America/New_York", "Europe/Berlin", ":Europe/Berlin", "Asia/Tokyo",
		"UTC", "Australia/Lord_Howe", NULL,
	};
	struct civil c = {2026, 12, 2, 10, 30, 0};
	for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
		use_zone(zones[i]);
		time_t before_wall = resolve(2026, 6, 1, 12, 0);
		time_t t = 0;
		assert_true(dates_resolve_in_zone(&c, "Europe/Berlin", &t));
		ASSERT_UTC(t, "2026-12-02 09:30:00");
		if (zones[i])
			assert_string_equal(getenv("TZ"), zones[i]);
		else
			assert_null(getenv("TZ"));
		/* The process still works in its own zone afterwards. */
		assert_int_equal(resolve(2026, 6, 1, 12, 0), before_wall);
	}
	use_zone("America/New_York");
	time_t t = 0;
	assert_true(dates_resolve_in_zone(&c, "Asia/Tokyo", &t));
	ASSERT_UTC(t, "2026-12-02 01:30:00");
	ASSERT_WALL(t, "2026-12-01 20:30:00");
	/* Its DST gap, not the current zone's. */
	struct civil gap = {2026, 3, 29, 2, 30, 0};
	assert_true(dates_resolve_in_zone(&gap, "Europe/Berlin", &t));
	ASSERT_UTC(t, "2026-03-29 01:30:00");
	assert_string_equal(getenv("TZ"), "America/New_York");
	/* An unknown zone is refused and changes nothing. */
	assert_false(dates_resolve_in_zone(&c, "Mars/Olympus", &t));
	assert_false(dates_resolve_in_zone(&c, "../etc/passwd", &t));
	assert_string_equal(getenv("TZ"), "America/New_York");
}

static void civil_in_zone_reads_that_zone(void **state)
{
	(void)state;
	use_zone("America/New_York");
	time_t t = utc(2026, 12, 2, 9, 30, 0);
	struct civil c = dates_civil_in_zone(t, "Europe/Berlin");
	assert_int_equal(c.year, 2026);
	assert_int_equal(c.month, 12);
	assert_int_equal(c.day, 2);
	assert_int_equal(c.hour, 10);
	assert_int_equal(c.min, 30);
	c = dates_civil_in_zone(t, "Australia/Lord_Howe");
	assert_int_equal(c.hour, 20);
	assert_int_equal(c.min, 30);
	c = dates_civil_in_zone(utc(2026, 12, 2, 16, 0, 0), "Asia/Tokyo");
	assert_int_equal(c.day, 3);
	assert_int_equal(c.hour, 1);
	c = dates_civil_in_zone(t, "America/New_York");
	assert_int_equal(c.hour, 4);
	assert_string_equal(getenv("TZ"), "America/New_York");
	ASSERT_WALL(t, "2026-12-02 04:30:00");
	use_zone(NULL);
	(void)dates_civil_in_zone(t, "Asia/Tokyo");
	assert_null(getenv("TZ"));
}

static void zone_known_checks_names(void **state)
{
	(void)state;
	assert_true(dates_zone_known("Europe/Berlin"));
	assert_true(dates_zone_known("America/New_York"));
	assert_true(dates_zone_known("Australia/Lord_Howe"));
	assert_true(dates_zone_known("UTC"));
	assert_false(dates_zone_known("Mars/Olympus"));
	assert_false(dates_zone_known("Europe/Berlinn"));
	assert_false(dates_zone_known("../etc/passwd"));
	assert_false(dates_zone_known("Europe/../../../../etc/passwd"));
	assert_false(dates_zone_known("/etc/passwd"));
	assert_false(dates_zone_known(""));
	assert_false(dates_zone_known(NULL));
}

/* A folder of zones is not a zone: with TZ=Europe the C library silently
 * falls back to UTC. */
static void zone_known_refuses_folders(void **state)
{
	(void)state;
	assert_false(dates_zone_known("Europe"));
	assert_false(dates_zone_known("America/"));
}

/* The header promises POSIX TZ strings, transition times ("/3") included. */
static void zone_known_takes_posix_strings(void **state)
{
	(void)state;
	assert_true(dates_zone_known("EST5EDT,M3.2.0,M11.1.0"));
	assert_true(dates_zone_known("CET-1CEST,M3.5.0,M10.5.0/3"));
	use_zone("Asia/Tokyo");
	struct civil c = {2026, 12, 2, 10, 30, 0};
	time_t t = 0;
	assert_true(dates_resolve_in_zone(&c, "CET-1CEST,M3.5.0,M10.5.0/3", &t));
	ASSERT_UTC(t, "2026-12-02 09:30:00");
}

static void current_zone_follows_tz(void **state)
{
	(void)state;
	static const struct { const char *tz, *want; } cases[] = {
		{"Europe/Berlin", "Europe/Berlin"},
		{":Europe/Berlin", "Europe/Berlin"},
		{":America/New_York", "America/New_York"},
		{"/usr/share/zoneinfo/Asia/Tokyo", "Asia/Tokyo"},
		{":/usr/share/zoneinfo/Australia/Lord_Howe", "Australia/Lord_Howe"},
		{"", "UTC"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		use_zone(cases[i].tz);
		char *z = dates_current_zone();
		assert_non_null(z);
		assert_string_equal(z, cases[i].want);
		free(z);
	}
	use_zone(NULL);
	char *z = dates_current_zone();
	assert_non_null(z);
	assert_true(strlen(z) > 0);
	assert_true(z[0] != ':');
	free(z);
}

static void set_now_moves_the_clock(void **state)
{
	(void)state;
	time_t t = utc(2030, 6, 1, 12, 0, 0);
	dates_set_now(t);
	time_t n = dates_now();
	assert_true(n >= t && n <= t + 1);
	t = utc(2001, 1, 1, 0, 0, 0);
	dates_set_now(t);
	n = dates_now();
	assert_true(n >= t && n <= t + 1);
}

/* The conversions are remembered: a change of zone must reach them, and so
 * must a moment that shares a slot with another. */
static void civil_follows_a_change_of_zone(void **state)
{
	(void)state;
	time_t t = utc(2026, 12, 2, 9, 30, 0);
	use_zone("Europe/Berlin");
	assert_int_equal(dates_civil(t).hour, 10);
	use_zone("America/New_York");
	assert_int_equal(dates_civil(t).hour, 4);
	use_zone("Asia/Kolkata");
	struct civil c = dates_civil(t);
	assert_int_equal(c.hour, 15);
	assert_int_equal(c.min, 0);
	use_zone("Europe/Berlin");
}

static void civil_agrees_with_localtime_over_years(void **state)
{
	(void)state;
	use_zone("America/New_York");
	char b[40];
	/* Every 7 hours 13 minutes for ten years, twice over: the second pass
	 * is answered from what is remembered. */
	for (int pass = 0; pass < 2; pass++)
		for (time_t t = utc(2024, 1, 1, 0, 0, 0); t < utc(2034, 1, 1, 0, 0, 0);
		     t += 7 * 3600 + 13 * 60) {
			struct civil c = dates_civil(t);
			struct tm tm;
			localtime_r(&t, &tm);
			if (c.year != tm.tm_year + 1900 || c.month != tm.tm_mon + 1 ||
			    c.day != tm.tm_mday || c.hour != tm.tm_hour ||
			    c.min != tm.tm_min || c.sec != tm.tm_sec ||
			    dates_weekday(&c) != tm.tm_wday)
				fail_msg("%s: %04d-%02d-%02d %02d:%02d weekday %d", fmt_wall(t, b, sizeof b),
				         c.year, c.month, c.day, c.hour, c.min, dates_weekday(&c));
		}
	use_zone("Europe/Berlin");
}

static void weekday_of_known_dates(void **state)
{
	(void)state;
	struct civil thu = {1970, 1, 1, 0, 0, 0}, sun = {2000, 2, 27, 0, 0, 0},
	             tue = {2000, 2, 29, 0, 0, 0}, wed = {2026, 11, 25, 0, 0, 0},
	             sat = {2200, 12, 31, 0, 0, 0};
	assert_int_equal(dates_weekday(&thu), 4);
	assert_int_equal(dates_weekday(&sun), 0);
	assert_int_equal(dates_weekday(&tue), 2);
	assert_int_equal(dates_weekday(&wed), 3);
	assert_int_equal(dates_weekday(&sat), 3);
}

int main(void)
{
	const struct CMUnitTest parsers[] = {
		cmocka_unit_test(parse_date_accepts_real_dates),
		cmocka_unit_test(parse_date_refuses_the_rest),
		cmocka_unit_test(parse_clock_accepts_times_of_day),
		cmocka_unit_test(parse_clock_refuses_the_rest),
		cmocka_unit_test(parse_moment_accepts_date_and_time),
		cmocka_unit_test(parse_moment_refuses_the_rest),
		cmocka_unit_test(parse_offset_accepts_every_unit),
		cmocka_unit_test(parse_offset_refuses_the_rest),
		cmocka_unit_test(calendar_units_are_days_weeks_months),
	};
	const struct CMUnitTest steps[] = {
		cmocka_unit_test(elapsed_steps_are_exact_seconds),
		cmocka_unit_test(calendar_steps_land_at_the_time_of_day),
		cmocka_unit_test(calendar_steps_count_from_the_local_date),
		cmocka_unit_test(month_steps_clamp_to_the_last_day),
		cmocka_unit_test(day_steps_know_leap_years),
	};
	const struct CMUnitTest dst[] = {
		cmocka_unit_test(berlin_resolves_gap_and_repeat),
		cmocka_unit_test(berlin_steps_across_changes),
		cmocka_unit_test(new_york_resolves_gap_and_repeat),
		cmocka_unit_test(new_york_steps_across_changes),
		cmocka_unit_test(lord_howe_resolves_gap_and_repeat),
		cmocka_unit_test(lord_howe_steps_across_changes),
		cmocka_unit_test(midnight_gaps),
		cmocka_unit_test(a_skipped_day_moves_forward),
	};
	const struct CMUnitTest local[] = {
		cmocka_unit_test(days_between_counts_local_dates),
		cmocka_unit_test(day_start_is_local_midnight),
		cmocka_unit_test(format_iso_is_local_wall_time),
		cmocka_unit_test(format_civil_pads_fields),
		cmocka_unit_test(civil_reads_local_fields),
	};
	const struct CMUnitTest zones[] = {
		cmocka_unit_test(resolve_in_zone_ignores_and_keeps_tz),
		cmocka_unit_test(civil_in_zone_reads_that_zone),
		cmocka_unit_test(zone_known_checks_names),
		cmocka_unit_test(zone_known_refuses_folders),
		cmocka_unit_test(zone_known_takes_posix_strings),
		cmocka_unit_test(current_zone_follows_tz),
		cmocka_unit_test(set_now_moves_the_clock),
		cmocka_unit_test(civil_follows_a_change_of_zone),
		cmocka_unit_test(civil_agrees_with_localtime_over_years),
		cmocka_unit_test(weekday_of_known_dates),
	};
	int failed = 0;
	failed += cmocka_run_group_tests_name("parsers", parsers, zone_reset, zone_reset);
	failed += cmocka_run_group_tests_name("steps", steps, zone_reset, zone_reset);
	failed += cmocka_run_group_tests_name("dst", dst, zone_reset, zone_reset);
	failed += cmocka_run_group_tests_name("local", local, zone_reset, zone_reset);
	failed += cmocka_run_group_tests_name("zones", zones, zone_reset, zone_reset);
	return failed ? 1 : 0;
}
