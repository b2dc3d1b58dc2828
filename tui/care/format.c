#include "care/format.h"
#include "base/dates.h"
#include "base/i18n.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The practitioner line, in its two lengths: whole sentences, for the
 * translators. */
const char *const format_practitioner_line_msgid =
	N_("These are general defaults: your practitioner's instructions come first.");
const char *const format_practitioner_short_msgid =
	N_("Your practitioner's instructions come first.");
const char *const format_discuss_heading_msgid =
	N_("Discuss with your practitioner before the session");
const char *const format_no_diagnosis_msgid =
	N_("needlecare does not diagnose: when in doubt, call your practitioner.");
const char *const format_treat_decision_msgid =
	N_("Whether and how to treat is your practitioner's decision: these answers "
	   "are for that conversation.");

static const char *const weekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static const char *plural(long n)
{
	return n == 1 ? "" : "s";
}

/* snprintf() costs some 1,700 instructions a call, and one day's view
 * asks for dozens of these texts: their pieces are joined by hand. Like
 * snprintf(), a text that does not fit is cut, and always ends in NUL. */
struct out {
	char *p, *end; /* end: the last byte, kept for the NUL */
};

/* n is at least 1. */
static struct out out_start(char *buf, size_t n)
{
	buf[0] = '\0';
	return (struct out){buf, buf + n - 1};
}

static void put_str(struct out *o, const char *s)
{
	while (*s && o->p < o->end)
		*o->p++ = *s++;
	*o->p = '\0';
}

/* v in decimal, with zeros in front to at least width digits. */
static void put_num(struct out *o, long long v, int width)
{
	char digits[24], *d = digits + sizeof digits;
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	*--d = '\0';
	do {
		*--d = (char)('0' + u % 10);
		u /= 10;
		width--;
	} while (u);
	while (width-- > 0)
		*--d = '0';
	if (v < 0)
		*--d = '-';
	put_str(o, d);
}

/* In the C locale, English names from these tables and a 24-hour clock,
 * joined by hand; in any other, strftime() with the locale's names and
 * the order the translation gives. */
static struct tm tm_of(const struct civil *c)
{
	return (struct tm){.tm_year = c->year - 1900, .tm_mon = c->month - 1,
	                   .tm_mday = c->day, .tm_hour = c->hour, .tm_min = c->min,
	                   .tm_wday = dates_weekday(c)};
}

static void put_strftime(struct out *o, const char *fmt, const struct civil *c)
{
	char s[128];
	struct tm tm = tm_of(c);
	if (strftime(s, sizeof s, fmt, &tm) > 0)
		put_str(o, s);
}

static void put_clock(struct out *o, const struct civil *c)
{
	if (i18n_on && i18n_clock_12h()) {
		put_strftime(o, "%-I:%M %p", c);
		return;
	}
	put_num(o, c->hour, 2);
	put_str(o, ":");
	put_num(o, c->min, 2);
}

/* "Thu 10 Dec", with the year when asked. */
static void put_date(struct out *o, const struct civil *c, bool year)
{
	if (i18n_on) {
		/* TRANSLATORS: strftime() formats of a date: a short weekday,
		 * the day, a short month, and in the second the year. */
		put_strftime(o, year ? _("%a %-d %b %Y") : _("%a %-d %b"), c);
		return;
	}
	put_str(o, weekdays[dates_weekday(c)]);
	put_str(o, " ");
	put_num(o, c->day, 1);
	put_str(o, " ");
	put_str(o, months[c->month - 1]);
	if (year) {
		put_str(o, " ");
		put_num(o, c->year, 1);
	}
}

/* "in %s" or "%s ago" around an amount. */
static void around(long long d, const char *amount, char *buf, size_t n)
{
	/* TRANSLATORS: a countdown: "in 3 days"; the next, time since: "3 days ago". */
	snprintf(buf, n, d >= 0 ? _("in %s") : _("%s ago"), amount);
}

/* format_countdown() in a translation: snprintf() and the catalogue. */
static void countdown_text(long long d, long long a, time_t now, time_t when,
                           char *buf, size_t n)
{
	char amount[64];
	if (a < 60) {
		/* TRANSLATORS: a countdown of less than a minute: "now". */
		snprintf(buf, n, "%s", _("now"));
		return;
	}
	if (a < 3600) {
		/* TRANSLATORS: minutes of a countdown, abbreviated. */
		snprintf(amount, sizeof amount, P_("%lld min", "%lld min", a / 60), a / 60);
	} else if (a < 24 * 3600 || dates_days_between(now, when) == 0) {
		/* TRANSLATORS: hours of a countdown, abbreviated. */
		snprintf(amount, sizeof amount, P_("%lld h", "%lld h", a / 3600), a / 3600);
	} else {
		long days = dates_days_between(now, when);
		long ad = days < 0 ? -days : days;
		if (ad < 60)
			snprintf(amount, sizeof amount, P_("%ld day", "%ld days", ad), ad);
		else
			snprintf(amount, sizeof amount, P_("%ld week", "%ld weeks", ad / 7), ad / 7);
	}
	around(d, amount, buf, n);
}

void format_countdown(time_t when, time_t now, char *buf, size_t n)
{
	long long d = (long long)when - (long long)now;
	long long a = d < 0 ? -d : d;
	if (n == 0)
		return;
	if (i18n_on) {
		countdown_text(d, a, now, when, buf, n);
		return;
	}
	struct out o = out_start(buf, n);
	if (a < 60) {
		put_str(&o, "now");
		return;
	}
	if (d >= 0)
		put_str(&o, "in ");
	if (a < 3600) {
		put_num(&o, a / 60, 1);
		put_str(&o, " min");
	} else if (a < 24 * 3600 || dates_days_between(now, when) == 0) {
		put_num(&o, a / 3600, 1);
		put_str(&o, " h");
	} else {
		/* Days are counted on the calendar, as people do: Monday evening
		 * to Wednesday morning is "in 2 days". */
		long days = dates_days_between(now, when);
		long ad = days < 0 ? -days : days;
		put_num(&o, ad < 60 ? ad : ad / 7, 1);
		put_str(&o, ad < 60 ? " day" : " weeks");
		if (ad < 60)
			put_str(&o, plural(ad));
	}
	if (d < 0)
		put_str(&o, " ago");
}

void format_countdown_long(time_t when, time_t now, char *buf, size_t n)
{
	long long d = (long long)when - (long long)now;
	long long a = d < 0 ? -d : d;
	long long days = a / 86400, hours = a % 86400 / 3600, mins = a % 3600 / 60;
	char amount[64];
	if (a < 60) {
		snprintf(buf, n, "%s", _("now"));
		return;
	}
	if (days > 0 && hours > 0)
		snprintf(amount, sizeof amount, P_("%lld day %lld h", "%lld days %lld h", days),
		         days, hours);
	else if (days > 0)
		snprintf(amount, sizeof amount, P_("%lld day", "%lld days", days), days);
	else if (hours > 0 && mins > 0)
		snprintf(amount, sizeof amount, _("%lld h %lld min"), hours, mins);
	else if (hours > 0)
		snprintf(amount, sizeof amount, P_("%lld h", "%lld h", hours), hours);
	else
		snprintf(amount, sizeof amount, P_("%lld min", "%lld min", mins), mins);
	around(d, amount, buf, n);
}

void format_when(time_t when, time_t now, char *buf, size_t n)
{
	struct civil c = dates_civil(when), cn = dates_civil(now);
	long days = dates_days_between(now, when);
	if (n == 0)
		return;
	struct out o = out_start(buf, n);
	if (days >= -1 && days <= 1) {
		put_str(&o, days == 0 ? _("today") : days == 1 ? _("tomorrow") : _("yesterday"));
	} else {
		put_date(&o, &c, c.year != cn.year);
	}
	put_str(&o, " ");
	put_clock(&o, &c);
}

void format_long(time_t when, char *buf, size_t n)
{
	struct civil c = dates_civil(when);
	if (n == 0)
		return;
	struct out o = out_start(buf, n);
	put_date(&o, &c, true);
	put_str(&o, " ");
	put_clock(&o, &c);
}

char *format_event_title(const struct timeline_event *e)
{
	const struct milestone *m = e->entry->m;
	if (!e->is_end)
		return xstrdup(m->title);
	if (m->end_title)
		return xstrdup(m->end_title);
	/* TRANSLATORS: the end of a pause or window whose title is %s. */
	return xasprintf(_("End: %s"), m->title);
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

char *format_course_day(const struct timeline *t, time_t when)
{
	long day;
	unsigned s;
	if (!timeline_day(t, when, &day, &s))
		return NULL;
	if (when >= t->sessions[s - 1])
		return xasprintf(_("day %ld after session %u"), day, s);
	if (day == 0)
		return xasprintf(_("the day of session %u, before it"), s);
	return xasprintf(P_("%ld day before session %u", "%ld days before session %u", -day),
	                 -day, s);
}

char *format_day_after(long day, unsigned session, size_t nsessions, bool name_one)
{
	if (nsessions == 1 && !name_one)
		return xasprintf(_("Day %ld after your session"), day);
	return xasprintf(_("Day %ld after session %u of %zu"), day, session, nsessions);
}

char *format_clinic(const struct config *c)
{
	if (!*c->clinic_name && !*c->clinic_phone)
		return NULL;
	/* TRANSLATORS: the clinic's name, ", " when both are known, its phone. */
	return xasprintf(_("Your practitioner: %s%s%s"), c->clinic_name,
	                 *c->clinic_name && *c->clinic_phone ? ", " : "",
	                 c->clinic_phone);
}

char *format_no_phone(const struct config *c)
{
	/* TRANSLATORS: "phone" and "[clinic]" are the key and section to write
	 * in the file: keep them. */
	return xasprintf(_("Add your clinic's phone number so that warnings can show "
	                   "it: phone under [clinic] in %s."),
	                 c->path ? c->path : _("needlecare's config.ini"));
}

char *format_body(const struct milestone *m, bool is_end, const struct config *c)
{
	const char *body = is_end ? m->end_body : m->body;
	if (is_end || !m->contact)
		return body ? xstrdup(body) : NULL;
	char *who = format_clinic(c);
	char *s = who ? xasprintf("%s%s%s.", body ? body : "", body ? " " : "", who)
	              : NULL;
	if (!who) {
		who = format_no_phone(c);
		s = xasprintf("%s%s%s", body ? body : "", body ? " " : "", who);
	}
	free(who);
	return s;
}

char *format_source(const struct milestone *m)
{
	size_t n = strlen(m->file);
	static const char builtin[] = "(built in)";
	if (n >= sizeof builtin - 1 && strcmp(m->file + n - (sizeof builtin - 1), builtin) == 0)
		return xstrdup(_("from needlecare's general guidance"));
	const char *slash = strrchr(m->file, '/');
	return xasprintf(_("from the protocol file %s"), slash ? slash + 1 : m->file);
}
