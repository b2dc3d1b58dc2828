#include "format.h"
#include "dates.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char format_practitioner_line[] =
	"These are general defaults: your practitioner's instructions come first.";

static const char *const weekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static const char *plural(long n)
{
	return n == 1 ? "" : "s";
}

void format_countdown(time_t when, time_t now, char *buf, size_t n)
{
	long long d = (long long)when - (long long)now;
	long long a = d < 0 ? -d : d;
	const char *pre = d < 0 ? "" : "in ", *post = d < 0 ? " ago" : "";
	if (a < 60) {
		snprintf(buf, n, "now");
	} else if (a < 3600) {
		snprintf(buf, n, "%s%lld min%s", pre, a / 60, post);
	} else if (a < 24 * 3600 || dates_days_between(now, when) == 0) {
		snprintf(buf, n, "%s%lld h%s", pre, a / 3600, post);
	} else {
		/* Days are counted on the calendar, as people do: Monday evening
		 * to Wednesday morning is "in 2 days". */
		long days = dates_days_between(now, when);
		long ad = days < 0 ? -days : days;
		if (ad < 60)
			snprintf(buf, n, "%s%ld day%s%s", pre, ad, plural(ad), post);
		else
			snprintf(buf, n, "%s%ld weeks%s", pre, ad / 7, post);
	}
}

void format_countdown_long(time_t when, time_t now, char *buf, size_t n)
{
	long long d = (long long)when - (long long)now;
	long long a = d < 0 ? -d : d;
	const char *pre = d < 0 ? "" : "in ", *post = d < 0 ? " ago" : "";
	long long days = a / 86400, hours = a % 86400 / 3600, mins = a % 3600 / 60;
	if (a < 60)
		snprintf(buf, n, "now");
	else if (days > 0 && hours > 0)
		snprintf(buf, n, "%s%lld day%s %lld h%s", pre, days, days == 1 ? "" : "s",
		         hours, post);
	else if (days > 0)
		snprintf(buf, n, "%s%lld day%s%s", pre, days, days == 1 ? "" : "s", post);
	else if (hours > 0 && mins > 0)
		snprintf(buf, n, "%s%lld h %lld min%s", pre, hours, mins, post);
	else if (hours > 0)
		snprintf(buf, n, "%s%lld h%s", pre, hours, post);
	else
		snprintf(buf, n, "%s%lld min%s", pre, mins, post);
}

void format_when(time_t when, time_t now, char *buf, size_t n)
{
	struct civil c = dates_civil(when), cn = dates_civil(now);
	long days = dates_days_between(now, when);
	if (days == 0)
		snprintf(buf, n, "today %02d:%02d", c.hour, c.min);
	else if (days == 1)
		snprintf(buf, n, "tomorrow %02d:%02d", c.hour, c.min);
	else if (days == -1)
		snprintf(buf, n, "yesterday %02d:%02d", c.hour, c.min);
	else if (c.year == cn.year)
		snprintf(buf, n, "%s %d %s %02d:%02d", weekdays[dates_weekday(&c)], c.day,
		         months[c.month - 1], c.hour, c.min);
	else
		snprintf(buf, n, "%s %d %s %d %02d:%02d", weekdays[dates_weekday(&c)],
		         c.day, months[c.month - 1], c.year, c.hour, c.min);
}

void format_long(time_t when, char *buf, size_t n)
{
	struct civil c = dates_civil(when);
	snprintf(buf, n, "%s %d %s %d %02d:%02d", weekdays[dates_weekday(&c)], c.day,
	         months[c.month - 1], c.year, c.hour, c.min);
}

char *format_event_title(const struct event *e)
{
	const struct milestone *m = e->entry->m;
	if (!e->is_end)
		return xstrdup(m->title);
	if (m->end_title)
		return xstrdup(m->end_title);
	return xasprintf("End: %s", m->title);
}

/* The length of the valid UTF-8 sequence at s (1 to 4), or 0 when s does
 * not start one: no overlong forms, no surrogates, nothing past U+10FFFF. */
static size_t utf8_len(const unsigned char *s)
{
	unsigned c = s[0];
	size_t n;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, min = 0x80;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, min = 0x800;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, min = 0x10000;
	else
		return 0;
	unsigned cp = c & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

char *format_json_string(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	/* At worst a byte becomes six ("\u001f"), or U+FFFD's three. */
	char *out = xmalloc(strlen(s) * 6 + 3), *o = out;
	*o++ = '"';
	while (*u) {
		size_t n = utf8_len(u);
		if (n == 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			u++;
		} else if (*u == '"' || *u == '\\') {
			*o++ = '\\';
			*o++ = (char)*u++;
		} else if (*u == '\n') {
			memcpy(o, "\\n", 2);
			o += 2;
			u++;
		} else if (*u == '\t') {
			memcpy(o, "\\t", 2);
			o += 2;
			u++;
		} else if (*u < 0x20 || *u == 0x7f) {
			o += snprintf(o, 7, "\\u%04x", *u++);
		} else {
			memcpy(o, u, n);
			o += n;
			u += n;
		}
	}
	*o++ = '"';
	*o = '\0';
	return out;
}
