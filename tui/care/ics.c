#include "care/ics.h"
#include "base/i18n.h"
#include "care/format.h"
#include "care/protocol.h"
#include "base/util.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef VERSION
#define VERSION "0.1"
#endif

#define FOLD_AT 75 /* octets on a line, CRLF not counted (RFC 5545 3.1) */

/* 2020-01-01 00:00 UTC: SEQUENCE counts minutes from it. */
#define SEQUENCE_EPOCH 1577836800


struct buf {
	char *s;
	size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	xgrow(&b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* A TEXT value (RFC 5545 3.3.11). Control characters have no place in
 * TEXT: the texts are cleaned of them already (util_clean_text), and a CR
 * of a CRLF goes with the rest. */
static void put_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\\' || c == ';' || c == ',') {
			put(b, "\\", 1);
			put(b, s, 1);
		} else if (c == '\n') {
			put(b, "\\n", 2);
		} else if ((c >= 0x20 && c != 0x7f) || c == '\t') {
			put(b, s, 1);
		}
	}
}

/* Writes a whole content line, folded before it passes 75 octets. A fold
 * never falls inside a UTF-8 sequence: some calendars decode each physical
 * line on its own and would show two broken characters. */
static void emit(struct buf *out, const struct buf *line)
{
	size_t used = 0;
	for (size_t i = 0; i < line->len;) {
		size_t n = 1;
		while (n < 4 && i + n < line->len &&
		       ((unsigned char)line->s[i + n] & 0xC0) == 0x80)
			n++;
		if (used + n > FOLD_AT) {
			put(out, "\r\n ", 3); /* the space counts on the new line */
			used = 1;
		}
		put(out, line->s + i, n);
		used += n;
		i += n;
	}
	put(out, "\r\n", 2);
}

struct writer {
	struct buf out, line;
};

/* name may carry parameters ("TRIGGER;RELATED=END"); value is raw, or
 * TEXT to escape. */
static void prop(struct writer *w, const char *name, const char *value, bool text)
{
	w->line.len = 0;
	puts_(&w->line, name);
	put(&w->line, ":", 1);
	if (text)
		put_text(&w->line, value);
	else
		puts_(&w->line, value);
	emit(&w->out, &w->line);
}

/* UTC rather than TZID and a VTIMEZONE: every calendar reads it, and each
 * moment is already fixed by the zone its session was booked in. */
static void prop_time(struct writer *w, const char *name, time_t t)
{
	struct tm tm = {0};
	char s[32];
	gmtime_r(&t, &tm);
	strftime(s, sizeof s, "%Y%m%dT%H%M%SZ", &tm);
	prop(w, name, s, false);
}

static char *title_of(const struct timeline *t, const struct timeline_entry *e, bool is_end)
{
	struct timeline_event ev = {e, is_end, is_end ? e->end : e->start};
	char *title = format_event_title(&ev);
	if (t->nsessions < 2)
		return title;
	char *s = xasprintf(_("Session %u: %s"), e->session, title);
	free(title);
	return s;
}

/* What the patient acts on: every restriction (even one whose desktop
 * notification the protocol turns off, since a calendar reminder is the
 * patient's own choice to import), every task and check-in. Expectations
 * and information are to be read, not acted on. */
static bool has_alarms(const struct milestone *m)
{
	return m->kind == KIND_RESTRICTION || m->kind == KIND_TASK || m->kind == KIND_CHECKIN;
}

static void alarm(struct writer *w, const char *what, bool at_end)
{
	prop(w, "BEGIN", "VALARM", false);
	prop(w, "ACTION", "DISPLAY", false);
	prop(w, "DESCRIPTION", what, true);
	prop(w, at_end ? "TRIGGER;RELATED=END" : "TRIGGER", "PT0S", false);
	prop(w, "END", "VALARM", false);
}

static char *description(const struct timeline_entry *e)
{
	const struct milestone *m = e->m;
	struct buf b = {0};
	if (m->body) {
		puts_(&b, m->body);
		puts_(&b, "\n\n");
	}
	if (e->end > e->start && (m->end_title || m->end_body)) {
		struct timeline_event ev = {e, true, e->end};
		char *end = format_event_title(&ev);
		puts_(&b, end);
		puts_(&b, "\n");
		if (m->end_body) {
			puts_(&b, m->end_body);
			puts_(&b, "\n");
		}
		puts_(&b, "\n");
		free(end);
	}
	puts_(&b, format_practitioner_line);
	return b.s;
}

static void vevent(struct writer *w, const struct timeline *t,
                   const struct timeline_entry *e, time_t now, size_t *nalarms)
{
	const struct milestone *m = e->m;
	prop(w, "BEGIN", "VEVENT", false);
	/* The session's number and the milestone: what a moved session keeps,
	 * so a calendar replaces the events it imported before. */
	char *uid = xasprintf("session-%u-%s@needlecare", e->session, m->id);
	prop(w, "UID", uid, true);
	free(uid);
	prop_time(w, "DTSTAMP", now);
	/* Calendars that apply a re-import only when SEQUENCE grows (Google's,
	 * by reports) need a higher one each time, and needlecare stores no
	 * counter: minutes since 2020 only grow from export to export, which
	 * is all RFC 5545 asks of it. */
	char seq[24];
	snprintf(seq, sizeof seq, "%lld",
	         now > SEQUENCE_EPOCH ? ((long long)now - SEQUENCE_EPOCH) / 60 : 0);
	prop(w, "SEQUENCE", seq, false);
	prop_time(w, "DTSTART", e->start);
	/* A moment gets a zero DURATION: RFC 5545 wants a DTEND later than
	 * DTSTART, and with neither, calendars disagree on how long it is. */
	if (e->end > e->start)
		prop_time(w, "DTEND", e->end);
	else
		prop(w, "DURATION", "PT0S", false);
	char *title = title_of(t, e, false);
	prop(w, "SUMMARY", title, true);
	char *desc = description(e);
	prop(w, "DESCRIPTION", desc, true);
	free(desc);
	prop(w, "CATEGORIES", protocol_phase_label(m->phase), true);
	/* Health details: hidden from whoever the calendar is shared with. */
	prop(w, "CLASS", "PRIVATE", false);
	/* A two-week restriction is not two busy weeks. */
	prop(w, "TRANSP", "TRANSPARENT", false);
	/* Alarms already past would greet the import as missed reminders:
	 * history, not news (due.c says the same of notifications). */
	if (has_alarms(m) && e->start >= now) {
		alarm(w, title, false);
		++*nalarms;
	}
	if (has_alarms(m) && m->kind == KIND_RESTRICTION && e->end > e->start &&
	    e->end >= now) {
		char *end = title_of(t, e, true);
		alarm(w, end, true);
		free(end);
		++*nalarms;
	}
	free(title);
	prop(w, "END", "VEVENT", false);
}

void ics_build(const struct timeline *t, time_t now, struct ics_text *out)
{
	struct writer w = {0};
	prop(&w, "BEGIN", "VCALENDAR", false);
	prop(&w, "VERSION", "2.0", false);
	prop(&w, "PRODID", "-//needlecare//needlecare " VERSION "//EN", false);
	prop(&w, "CALSCALE", "GREGORIAN", false);
	prop(&w, "METHOD", "PUBLISH", false);
	size_t nalarms = 0;
	for (size_t i = 0; i < t->count; i++)
		vevent(&w, t, &t->entries[i], now, &nalarms);
	prop(&w, "END", "VCALENDAR", false);
	free(w.line.s);
	out->data = w.out.s;
	out->len = w.out.len;
	out->nevents = t->count;
	out->nalarms = nalarms;
}
