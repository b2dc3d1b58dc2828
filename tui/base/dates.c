#include "base/dates.h"
#include "base/i18n.h"
#include "base/util.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(long y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * algorithm), so that date steps need no time zone at all. */
static long days_from_civil(long y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Reads exactly n digits. */
static bool digits(const char **s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*s)[i]))
			return false;
		v = v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	*out = v;
	return true;
}

static bool date_part(const char **p, struct civil *c, char *why, size_t n,
                      const char *whole)
{
	const char *s = *p;
	if (!digits(&s, 4, &c->year) || *s++ != '-' || !digits(&s, 2, &c->month) ||
	    *s++ != '-' || !digits(&s, 2, &c->day)) {
		snprintf(why, n, _("expected a date as YYYY-MM-DD, such as 2026-12-02, "
		           "but found \"%s\""), whole);
		return false;
	}
	if (c->year < 1970 || c->year > 2200) {
		snprintf(why, n, _("the year %04d is out of range: expected 1970-2200"),
		         c->year);
		return false;
	}
	if (c->month < 1 || c->month > 12) {
		snprintf(why, n, _("there is no month %02d in \"%s\": expected a month "
		           "01-12"), c->month, whole);
		return false;
	}
	if (c->day < 1 || c->day > month_days(c->year, c->month)) {
		snprintf(why, n, _("\"%s\" does not exist: expected a day 01-%d for "
		           "that month"), whole, month_days(c->year, c->month));
		return false;
	}
	*p = s;
	return true;
}

static bool clock_part(const char **p, int *h, int *m, char *why, size_t n,
                       const char *whole)
{
	const char *s = *p;
	if (!digits(&s, 2, h) || *s++ != ':' || !digits(&s, 2, m)) {
		/* The time itself, not the date before it. */
		int len = (int)strcspn(*p, " ");
		if (len == 0)
			snprintf(why, n, _("expected a time as HH:MM, such as 10:30, after "
			           "the date in \"%s\""), whole);
		else
			snprintf(why, n, _("expected a time as HH:MM, such as 10:30, "
			           "but found \"%.*s\""), len, *p);
		return false;
	}
	if (*h > 23 || *m > 59) {
		snprintf(why, n, _("\"%s\" is not a time of day: expected 00:00 to "
		           "23:59"), whole);
		return false;
	}
	*p = s;
	return true;
}

bool dates_parse_date(const char *s, struct civil *c, char *why, size_t n)
{
	const char *p = s;
	memset(c, 0, sizeof *c);
	if (!date_part(&p, c, why, n, s))
		return false;
	if (*p) {
		snprintf(why, n, _("expected only a date as YYYY-MM-DD, but \"%s\" "
		           "has more after it"), s);
		return false;
	}
	return true;
}

bool dates_parse_clock(const char *s, int *minutes, char *why, size_t n)
{
	const char *p = s;
	int h, m;
	if (!clock_part(&p, &h, &m, why, n, s))
		return false;
	if (*p) {
		snprintf(why, n, _("expected a time as HH:MM, but \"%s\" has more "
		           "after it"), s);
		return false;
	}
	*minutes = h * 60 + m;
	return true;
}

bool dates_parse_moment(const char *s, bool allow_seconds, struct civil *c,
                        char *why, size_t n)
{
	const char *p = s;
	memset(c, 0, sizeof *c);
	const char *form = allow_seconds ? "YYYY-MM-DD HH:MM[:SS]" : "YYYY-MM-DD HH:MM";
	if (!*s) {
		snprintf(why, n, _("expected a date and time as %s, but found nothing"), form);
		return false;
	}
	if (!date_part(&p, c, why, n, s))
		return false;
	if (*p != ' ') {
		snprintf(why, n, _("expected a date and time as %s, such as "
		           "2026-12-02 10:30, but found \"%s\""), form, s);
		return false;
	}
	p++;
	if (!clock_part(&p, &c->hour, &c->min, why, n, s))
		return false;
	if (allow_seconds && *p == ':') {
		p++;
		if (!digits(&p, 2, &c->sec) || c->sec > 59) {
			snprintf(why, n, _("expected seconds 00-59 after the minutes in \"%s\""), s);
			return false;
		}
	}
	if (*p) {
		snprintf(why, n, _("expected a date and time as %s, but \"%s\" has "
		           "more after it"), form, s);
		return false;
	}
	return true;
}

bool dates_parse_offset(const char *s, struct offset *o, char *why, size_t n)
{
	static const struct { const char *name; enum offset_unit unit; long max; } units[] = {
		{"min", UNIT_MIN, 60L * 24 * 3660},
		{"h", UNIT_HOUR, 24L * 3660},
		{"d", UNIT_DAY, 3660},
		{"w", UNIT_WEEK, 523},
		{"mo", UNIT_MONTH, 120},
	};
	const char *p = s;
	int sign = 1;
	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if (!isdigit((unsigned char)*p)) {
		snprintf(why, n, _("expected an offset such as -7d, +24h, -30min, +6w "
		           "or +3mo, but found \"%s\""), s);
		return false;
	}
	long v = 0;
	while (isdigit((unsigned char)*p)) {
		if (v > 1000000) {
			snprintf(why, n, _("the offset \"%s\" is too large"), s);
			return false;
		}
		v = v * 10 + (*p++ - '0');
	}
	for (size_t i = 0; i < ARRAY_LEN(units); i++) {
		if (strcmp(p, units[i].name) != 0)
			continue;
		if (v > units[i].max) {
			snprintf(why, n, _("the offset \"%s\" is more than ten years"), s);
			return false;
		}
		o->n = sign * v;
		o->unit = units[i].unit;
		return true;
	}
	snprintf(why, n, _("unknown unit \"%s\" in \"%s\": expected min, h, d, w or mo"),
	         p, s);
	return false;
}

bool dates_offset_is_calendar(struct offset o)
{
	return o.unit == UNIT_DAY || o.unit == UNIT_WEEK || o.unit == UNIT_MONTH;
}

/* localtime_r() costs some 700 instructions, and one screen asks for the
 * same few moments again and again ("now" above all): the last conversions
 * are remembered, by moment. glibc changes its idea of the zone only in
 * tzset() and mktime(), and both are called here alone, each followed by
 * memo_clear(). */
#define MEMO_SIZE 64
static struct memo {
	time_t t;
	bool used;
	struct civil c;
} memo[MEMO_SIZE];

static void memo_clear(void)
{
	memset(memo, 0, sizeof memo);
}

void dates_zone_changed(void)
{
	tzset();
	memo_clear();
}

static time_t local_mktime(struct tm *tm)
{
	time_t t = mktime(tm);
	memo_clear();
	return t;
}

struct civil dates_civil(time_t t)
{
	/* Milestones fall on whole minutes: the minute picks the slot. */
	uint64_t k = (uint64_t)(t / 60) * 0x9e3779b97f4a7c15u;
	struct memo *m = &memo[k >> 58];
	if (m->used && m->t == t)
		return m->c;
	struct tm tm;
	localtime_r(&t, &tm);
	struct civil c = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	                  tm.tm_hour, tm.tm_min, tm.tm_sec};
	*m = (struct memo){t, true, c};
	return c;
}

int dates_weekday(const struct civil *c)
{
	long d = days_from_civil(c->year, c->month, c->day);
	/* 1970-01-01 was a Thursday. */
	return (int)(((d % 7) + 7 + 4) % 7);
}

static bool same_wall(time_t t, const struct civil *c)
{
	struct civil w = dates_civil(t);
	return w.year == c->year && w.month == c->month && w.day == c->day &&
	       w.hour == c->hour && w.min == c->min && w.sec == c->sec;
}

static long wall_key(const struct civil *c)
{
	return days_from_civil(c->year, c->month, c->day) * 86400L +
	       c->hour * 3600L + c->min * 60L + c->sec;
}

/* The zone's offset from UTC at t, in seconds. */
static long offset_at(time_t t)
{
	struct civil w = dates_civil(t);
	return wall_key(&w) - (long)t;
}

time_t dates_resolve(const struct civil *c)
{
	/* mktime() guesses differently per libc at the edges of a change, and
	 * not at all across a skipped day: ask it for each reading of the wall
	 * time, add the readings under the offsets in force two days either
	 * side, and keep those that give the wall time back. */
	long want = wall_key(c);
	/* Nearly always the offset is the same two days either side: the wall
	 * time then has one reading, and no mktime() is needed to find it. */
	long before = offset_at((time_t)(want - 2 * 86400));
	long after = offset_at((time_t)(want + 2 * 86400));
	if (before == after && same_wall((time_t)(want - before), c))
		return (time_t)(want - before);
	time_t cand[5];
	int ncand = 0;
	static const int dst[] = {-1, 0, 1};
	for (int i = 0; i < 3; i++) {
		struct tm tm = {
			.tm_year = c->year - 1900, .tm_mon = c->month - 1,
			.tm_mday = c->day, .tm_hour = c->hour, .tm_min = c->min,
			.tm_sec = c->sec, .tm_isdst = dst[i],
		};
		time_t t = local_mktime(&tm);
		if (t != (time_t)-1 || same_wall(t, c))
			cand[ncand++] = t;
	}
	cand[ncand++] = (time_t)(want - before);
	cand[ncand++] = (time_t)(want - after);
	time_t best = 0;
	bool found = false;
	for (int i = 0; i < ncand; i++)
		if (same_wall(cand[i], c) && (!found || cand[i] < best)) {
			best = cand[i];
			found = true;
		}
	if (found)
		return best;
	/* The wall time does not exist: of the readings, the one that shows
	 * the earliest wall time after it is the one moved forward by the gap. */
	long best_key = 0;
	for (int i = 0; i < ncand; i++) {
		struct civil w = dates_civil(cand[i]);
		long k = wall_key(&w);
		if (k > want && (!found || k < best_key)) {
			best = cand[i];
			best_key = k;
			found = true;
		}
	}
	return found ? best : cand[0];
}

static const char *zone_dir(void)
{
	const char *d = getenv("TZDIR");
	return d && *d ? d : "/usr/share/zoneinfo";
}

bool dates_zone_known(const char *zone)
{
	if (!zone || !*zone || strlen(zone) > 200)
		return false;
	/* A POSIX TZ string ("CET-1CEST,M3.5.0,M10.5.0/3") carries its own
	 * rules: a name, then an offset, before any '/' of its rules. */
	size_t head = strcspn(zone, ",");
	if (strpbrk(zone, "<") || (strcspn(zone, "0123456789") < head &&
	                           !memchr(zone, '/', head) && isalpha((unsigned char)zone[0])))
		return true;
	if (zone[0] == '/' || strstr(zone, ".."))
		return false;
	/* A folder or a table such as zone.tab is no zone: glibc would quietly
	 * use UTC. Zone files begin with "TZif". */
	char *path = xasprintf("%s/%s", zone_dir(), zone);
	FILE *f = fopen(path, "rb");
	free(path);
	char magic[4] = {0};
	bool ok = f && fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0;
	if (f)
		fclose(f);
	return ok || strcmp(zone, "UTC") == 0;
}

/* Switches the process to zone; returns what to give zone_leave(). */
static char *zone_enter(const char *zone, bool *switched)
{
	char *here = dates_current_zone();
	*switched = strcmp(here, zone) != 0;
	free(here);
	if (!*switched)
		return NULL;
	const char *old = getenv("TZ");
	char *saved = old ? xstrdup(old) : NULL;
	setenv("TZ", zone, 1);
	dates_zone_changed();
	return saved;
}

static void zone_leave(char *saved, bool switched)
{
	if (!switched)
		return;
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	dates_zone_changed();
	free(saved);
}

bool dates_resolve_in_zone(const struct civil *c, const char *zone, time_t *out)
{
	if (!dates_zone_known(zone))
		return false;
	bool switched;
	char *saved = zone_enter(zone, &switched);
	*out = dates_resolve(c);
	zone_leave(saved, switched);
	return true;
}

struct civil dates_civil_in_zone(time_t t, const char *zone)
{
	bool switched;
	char *saved = zone_enter(zone, &switched);
	struct civil c = dates_civil(t);
	zone_leave(saved, switched);
	return c;
}

static char *zone_from_path(const char *path)
{
	const char *z = strstr(path, "zoneinfo/");
	if (!z)
		return NULL;
	z += strlen("zoneinfo/");
	/* Debian also ships the same zones under posix/ and right/. */
	if (strncmp(z, "posix/", 6) == 0)
		z += 6;
	return *z ? xstrdup(z) : NULL;
}

char *dates_current_zone(void)
{
	const char *tz = getenv("TZ");
	if (tz) {
		if (*tz == ':')
			tz++;
		if (!*tz)
			return xstrdup("UTC");
		if (*tz == '/') {
			char *z = zone_from_path(tz);
			return z ? z : xstrdup(tz);
		}
		return xstrdup(tz);
	}
	char link[512];
	ssize_t n = readlink("/etc/localtime", link, sizeof link - 1);
	if (n > 0) {
		link[n] = '\0';
		char *z = zone_from_path(link);
		if (z)
			return z;
	}
	FILE *f = fopen("/etc/timezone", "r");
	if (f) {
		char line[256];
		char *got = fgets(line, sizeof line, f);
		fclose(f);
		if (got) {
			line[strcspn(line, " \t\r\n")] = '\0';
			if (*line)
				return xstrdup(line);
		}
	}
	return xstrdup("UTC");
}

time_t dates_step(time_t base, struct offset o, int minute_of_day)
{
	switch (o.unit) {
	case UNIT_MIN:
		return base + (time_t)o.n * 60;
	case UNIT_HOUR:
		return base + (time_t)o.n * 3600;
	case UNIT_DAY:
	case UNIT_WEEK:
	case UNIT_MONTH:
		break;
	}
	struct civil c = dates_civil(base);
	long y = c.year;
	int m = c.month, d = c.day;
	if (o.unit == UNIT_MONTH) {
		long months = y * 12 + (m - 1) + o.n;
		y = months / 12;
		m = (int)(months % 12) + 1;
		int last = month_days(y, m);
		if (d > last)
			d = last;
	} else {
		long days = days_from_civil(y, m, d) + o.n * (o.unit == UNIT_WEEK ? 7 : 1);
		civil_from_days(days, &y, &m, &d);
	}
	struct civil t = {(int)y, m, d, minute_of_day / 60, minute_of_day % 60, 0};
	return dates_resolve(&t);
}

long dates_days_between(time_t a, time_t b)
{
	struct civil ca = dates_civil(a), cb = dates_civil(b);
	return days_from_civil(cb.year, cb.month, cb.day) -
	       days_from_civil(ca.year, ca.month, ca.day);
}

time_t dates_day_start(time_t t)
{
	struct civil c = dates_civil(t);
	c.hour = c.min = c.sec = 0;
	return dates_resolve(&c);
}

void dates_format_iso(time_t t, char *buf, size_t n)
{
	struct civil c = dates_civil(t);
	dates_format_civil(&c, false, buf, n);
}

static char *two_digits(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

void dates_format_civil(const struct civil *c, bool seconds, char *buf, size_t n)
{
	/* The timeline prints hundreds of these: digits by hand when they fit
	 * the fields, which is what snprintf() below would print. */
	if (n >= 20 && c->year >= 0 && c->year <= 9999 && c->month >= 0 &&
	    c->month <= 99 && c->day >= 0 && c->day <= 99 && c->hour >= 0 &&
	    c->hour <= 99 && c->min >= 0 && c->min <= 99 && c->sec >= 0 && c->sec <= 99) {
		char *p = two_digits(two_digits(buf, c->year / 100), c->year % 100);
		*p++ = '-';
		p = two_digits(p, c->month);
		*p++ = '-';
		p = two_digits(p, c->day);
		*p++ = ' ';
		p = two_digits(p, c->hour);
		*p++ = ':';
		p = two_digits(p, c->min);
		if (seconds) {
			*p++ = ':';
			p = two_digits(p, c->sec);
		}
		*p = '\0';
		return;
	}
	if (seconds)
		snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:%02d", c->year, c->month,
		         c->day, c->hour, c->min, c->sec);
	else
		snprintf(buf, n, "%04d-%02d-%02d %02d:%02d", c->year, c->month,
		         c->day, c->hour, c->min);
}

static bool now_set;
static time_t now_base;
static struct timespec now_mark;

static struct timespec boottime(void)
{
	struct timespec ts;
	/* Boot time counts a suspend, so a pretended "now" keeps pace with
	 * the wall clock across one. */
	if (clock_gettime(CLOCK_BOOTTIME, &ts) != 0)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts;
}

void dates_set_now(time_t t)
{
	now_set = true;
	now_base = t;
	now_mark = boottime();
}

time_t dates_now(void)
{
	if (!now_set)
		return time(NULL);
	struct timespec ts = boottime();
	long long ns = (long long)(ts.tv_sec - now_mark.tv_sec) * 1000000000LL +
	               (ts.tv_nsec - now_mark.tv_nsec);
	return now_base + (time_t)(ns / 1000000000LL);
}
