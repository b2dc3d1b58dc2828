/* dates: the calendar. Every moment is a time_t; every calendar step is done
 * on civil dates and turned into a moment with mktime() in local time, so a
 * DST change never shifts a "7 days later". The only clock read is
 * dates_now(). */
#ifndef NEEDLECARE_DATES_H
#define NEEDLECARE_DATES_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* A wall-clock date and time, as a person writes it. */
struct civil {
	int year, month, day; /* month 1-12, day 1-31 */
	int hour, min, sec;
};

enum offset_unit { UNIT_MIN, UNIT_HOUR, UNIT_DAY, UNIT_WEEK, UNIT_MONTH };

/* "+24h", "-7d", "+3mo": minutes and hours are elapsed time; days, weeks and
 * months are calendar steps that land at a time of day. */
struct offset {
	long n;
	enum offset_unit unit;
};

#define DATES_WHY 160 /* size of the buffers that receive parse errors */

/* Strict parsers: they accept exactly the format and nothing around it, and
 * on failure return false with what was expected written to why. */
bool dates_parse_date(const char *s, struct civil *c, char *why, size_t n);
/* "HH:MM" into minutes since midnight. */
bool dates_parse_clock(const char *s, int *minutes, char *why, size_t n);
/* "YYYY-MM-DD HH:MM", with ":SS" too when allow_seconds. */
bool dates_parse_moment(const char *s, bool allow_seconds, struct civil *c,
                        char *why, size_t n);
bool dates_parse_offset(const char *s, struct offset *o, char *why, size_t n);
bool dates_offset_is_calendar(struct offset o);

/* Local wall time to a moment. A time that does not exist (the hour a
 * spring DST change skips) moves forward by the length of the gap; a time
 * that exists twice (autumn) is its first occurrence. */
time_t dates_resolve(const struct civil *c);
/* The same in another time zone (an IANA name such as Europe/Berlin, or a
 * POSIX TZ string). Returns false if the zone is unknown. */
bool dates_resolve_in_zone(const struct civil *c, const char *zone, time_t *out);
bool dates_zone_known(const char *zone);
/* t as a wall time in zone (assumed known). */
struct civil dates_civil_in_zone(time_t t, const char *zone);
/* The local time zone's name: $TZ, else /etc/localtime's target, else
 * /etc/timezone, else "UTC". Allocated. */
char *dates_current_zone(void);

struct civil dates_civil(time_t t);
/* 0 for Sunday to 6 for Saturday. */
int dates_weekday(const struct civil *c);
/* tzset(): after the zone may have changed (TZ set, /etc/localtime
 * replaced). Everything here follows the zone it finds. */
void dates_zone_changed(void);
/* base moved by o. Calendar steps land at minute_of_day (minutes after
 * midnight); elapsed steps ignore it. */
time_t dates_step(time_t base, struct offset o, int minute_of_day);
/* Calendar days from a's date to b's date, in local time. */
long dates_days_between(time_t a, time_t b);
/* Midnight at the start of t's local date. */
time_t dates_day_start(time_t t);

/* "YYYY-MM-DD HH:MM" in local time (buf of at least 17 bytes). */
void dates_format_iso(time_t t, char *buf, size_t n);
/* "YYYY-MM-DD HH:MM:SS" of a civil time. */
void dates_format_civil(const struct civil *c, bool seconds, char *buf, size_t n);

/* The clock. After dates_set_now(t) (the --now option) the clock starts at
 * t and runs on from there at the real pace, suspend included. */
void dates_set_now(time_t t);
time_t dates_now(void);

#endif
