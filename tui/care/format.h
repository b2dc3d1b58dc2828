/* format: the one wording of times and countdowns, shared by the command
 * line, the screens and the notifications. In the C locale, English names
 * joined by hand; in any other, the translation's words and order. */
#ifndef NEEDLECARE_FORMAT_H
#define NEEDLECARE_FORMAT_H

#include <stddef.h>
#include <time.h>

#include "base/i18n.h"
#include "care/config.h"
#include "care/timeline.h"

/* The texts below are the English originals (msgids); the names without
 * _msgid give them in the reader's language, so that a caller writes
 * printf("%s", format_practitioner_line) whatever the locale. */
extern const char *const format_practitioner_line_msgid;
extern const char *const format_practitioner_short_msgid;
extern const char *const format_discuss_heading_msgid;
extern const char *const format_no_diagnosis_msgid;
extern const char *const format_treat_decision_msgid;
/* What every view says of the defaults it shows: the command line's and
 * the help's long form, and the interface's status line's short one. */
#define format_practitioner_line _(format_practitioner_line_msgid)
#define format_practitioner_short _(format_practitioner_short_msgid)
/* The heading of the screening questions answered yes. */
#define format_discuss_heading _(format_discuss_heading_msgid)
/* What follows a warning of a check-in. */
#define format_no_diagnosis _(format_no_diagnosis_msgid)
/* What the screening answers are for: a sentence of its own. */
#define FORMAT_TREAT_DECISION _(format_treat_decision_msgid)

/* "in 6 days", "2 days ago", "in 3 h", "in 20 min", "now". */
void format_countdown(time_t when, time_t now, char *buf, size_t n);
/* "in 4 days 3 h", "in 3 h 20 min", "2 days 5 h ago": elapsed time, for
 * the countdown to a session. */
void format_countdown_long(time_t when, time_t now, char *buf, size_t n);
/* "today 10:00", "tomorrow 09:00", "yesterday 21:00", "Wed 2 Dec 09:00",
 * with the year when it is not now's year. */
void format_when(time_t when, time_t now, char *buf, size_t n);
/* "Wed 2 Dec 2026 10:30". */
void format_long(time_t when, char *buf, size_t n);
/* What is said when an event happens: the title, or for a window's end its
 * end-title (or "End: title"). Allocated. */
char *format_event_title(const struct timeline_event *e);
/* s as a JSON string, quotes included (RFC 8259): quotes, backslashes and
 * control characters escaped, UTF-8 kept, and each byte that is not part
 * of valid UTF-8 replaced by U+FFFD, so that the result always parses.
 * Allocated. */
char *format_json_string(const char *s);

/* Where when stands in the course: "day 4 after session 1", "5 days
 * before session 1", "the day of session 1, before it". NULL with no
 * session. Allocated. */
char *format_course_day(const struct timeline *t, time_t when);
/* "Day 3 after session 1 of 2": where a day after a session stands in a
 * course of nsessions; for a course of one, "Day 3 after your session"
 * unless name_one (the command line, whose lines scripts read, always
 * names the session). Allocated. */
char *format_day_after(long day, unsigned session, size_t nsessions, bool name_one);
/* "Your practitioner: Dr Example, +49 30 1234567", or NULL when the
 * configuration names nobody. Allocated. */
char *format_clinic(const struct config *c);
/* The one line that asks for the clinic's phone, naming c's file.
 * Allocated. */
char *format_no_phone(const struct config *c);
/* A milestone's body, or end-body for the end of its window, with the
 * clinic's name and phone after it when the milestone has contact = yes.
 * NULL when there is none. Allocated. */
char *format_body(const struct milestone *m, bool is_end, const struct config *c);

/* Where a milestone comes from, for people: "from needlecare's general
 * guidance" or "from the protocol file dr-example.ini". Allocated. */
char *format_source(const struct milestone *m);

#endif
