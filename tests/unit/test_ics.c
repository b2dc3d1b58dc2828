/* The iCalendar export: TEXT escaping, folding at 75 octets between UTF-8
 * characters, CRLF, UTC times, UIDs that survive a moved session, and
 * alarms only where there is something to do. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/ics.h"
#include "care/protocol.h"
#include "care/timeline.h"

#define FIX "tests/fixtures/protocols/"

/* 2026-12-02 09:30:00 UTC, 10:30 in Berlin. */
#define T0 ((time_t)1796203800)
#define HOUR 3600
#define DAY (24 * HOUR)

static struct milestone ms(const char *id, enum milestone_kind kind, bool window,
                           const char *title)
{
	return (struct milestone){
		.id = (char *)id, .window = window, .minute_of_day = -1, .kind = kind,
		.phase = PHASE_FIRST_WEEK, .notify = true, .title = (char *)title,
	};
}

static struct ics_text build(const struct timeline_entry *e, size_t n,
                             unsigned nsessions, time_t now)
{
	time_t sessions[] = {T0, T0 + 35 * DAY, T0 + 70 * DAY};
	struct timeline t = {.entries = (struct timeline_entry *)e, .count = n,
	                     .sessions = sessions, .nsessions = nsessions};
	struct ics_text out;
	ics_build(&t, now, &out);
	assert_non_null(out.data);
	assert_int_equal(strlen(out.data), out.len);
	return out;
}

/* The logical lines: each fold (CRLF and one space) taken out. */
static char *unfold(const char *s)
{
	char *u = malloc(strlen(s) + 1), *o = u;
	assert_non_null(u);
	while (*s) {
		if (s[0] == '\r' && s[1] == '\n' && s[2] == ' ')
			s += 3;
		else
			*o++ = *s++;
	}
	*o = '\0';
	return u;
}

/* The VEVENT whose UID is uid, in unfolded text (allocated). */
static char *event(const char *text, const char *uid)
{
	char *key = malloc(strlen(uid) + 8);
	assert_non_null(key);
	sprintf(key, "\nUID:%s\r", uid);
	const char *at = strstr(text, key);
	free(key);
	assert_non_null(at);
	const char *begin = at, *end = strstr(at, "END:VEVENT\r\n");
	while (begin > text && strncmp(begin, "BEGIN:VEVENT", 12) != 0)
		begin--;
	assert_non_null(end);
	char *ev = malloc((size_t)(end - begin) + 1);
	assert_non_null(ev);
	memcpy(ev, begin, (size_t)(end - begin));
	ev[end - begin] = '\0';
	return ev;
}

static int count(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* Valid UTF-8 and complete: no sequence cut at either end. */
static bool utf8_whole(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t len = s[i] < 0x80 ? 1 : (s[i] & 0xE0) == 0xC0 ? 2
		           : (s[i] & 0xF0) == 0xE0 ? 3 : (s[i] & 0xF8) == 0xF0 ? 4 : 0;
		if (len == 0 || i + len > n)
			return false;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
		i += len;
	}
	return true;
}

static void text_is_escaped(void **state)
{
	(void)state;
	struct milestone m = ms("salt", KIND_INFO, false, "Salt, pepper; and a back\\slash");
	m.body = "Line one\nline two";
	struct timeline_entry e = {&m, 1, T0, T0};
	struct ics_text out = build(&e, 1, 1, T0 - DAY);
	char *u = unfold(out.data);
	assert_non_null(strstr(u, "\r\nSUMMARY:Salt\\, pepper\\; and a back\\\\slash\r\n"));
	assert_non_null(strstr(u, "\r\nDESCRIPTION:Line one\\nline two\\n\\nThese are "
	                          "general defaults: your practitioner's instructions "
	                          "come first.\r\n"));
	free(u);
	free(out.data);
}

static void long_lines_fold_between_characters(void **state)
{
	(void)state;
	/* "SUMMARY:" and 22 three-octet characters fill 74 octets: a cut at 75
	 * would fall inside the 23rd. The emoji are four octets. */
	char title[400] = "";
	for (int i = 0; i < 40; i++)
		strcat(title, "\xe2\x82\xac");                  /* € */
	strcat(title, " cr\xc3\xa8me \xf0\x9f\xa7\xb4 "); /* crème 🧴 */
	for (int i = 0; i < 30; i++)
		strcat(title, i % 3 ? "\xc3\xa9" : "\xf0\x9f\xa7\xb4");
	struct milestone m = ms("long", KIND_INFO, false, title);
	struct timeline_entry e = {&m, 1, T0, T0};
	struct ics_text out = build(&e, 1, 1, T0 - DAY);
	int folds = 0;
	for (const char *line = out.data; *line;) {
		const char *end = strstr(line, "\r\n");
		assert_non_null(end);
		size_t n = (size_t)(end - line);
		assert_true(n <= 75);
		assert_true(utf8_whole((const unsigned char *)line, n));
		line = end + 2;
		folds += *line == ' ';
	}
	assert_true(folds >= 3);
	assert_non_null(strstr(out.data, "\r\nSUMMARY:\xe2\x82\xac"));
	char *u = unfold(out.data);
	char *want = malloc(strlen(title) + 16);
	assert_non_null(want);
	sprintf(want, "\nSUMMARY:%s\r\n", title);
	assert_non_null(strstr(u, want));
	free(want);
	free(u);
	free(out.data);
}

static void every_line_ends_in_crlf(void **state)
{
	(void)state;
	struct milestone m = ms("r", KIND_RESTRICTION, true, "No retinol");
	m.body = "Two\nlines, and a long body that has to be folded at least once "
	         "because it is longer than seventy-five octets.";
	struct timeline_entry e = {&m, 1, T0 - 7 * DAY, T0 + 7 * DAY};
	struct ics_text out = build(&e, 1, 1, T0 - 8 * DAY);
	assert_true(out.len > 2);
	assert_memory_equal(out.data + out.len - 2, "\r\n", 2);
	for (size_t i = 0; i < out.len; i++) {
		if (out.data[i] == '\n')
			assert_true(i > 0 && out.data[i - 1] == '\r');
		if (out.data[i] == '\r')
			assert_true(out.data[i + 1] == '\n');
	}
	assert_true(strncmp(out.data, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//needlecare//", 51) == 0);
	assert_non_null(strstr(out.data, "\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"));
	assert_non_null(strstr(out.data, "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"));
	free(out.data);
}

static void a_window_spans_and_a_moment_has_no_length(void **state)
{
	(void)state;
	struct milestone w = ms("session", KIND_INFO, true, "Your session");
	struct milestone m = ms("wash", KIND_TASK, false, "First gentle wash");
	struct timeline_entry e[] = {{&w, 1, T0, T0 + HOUR}, {&m, 1, T0 + 8 * HOUR, T0 + 8 * HOUR}};
	struct ics_text out = build(e, 2, 1, T0 - DAY);
	assert_int_equal(out.nevents, 2);
	char *u = unfold(out.data);
	char *ev = event(u, "session-1-session@needlecare");
	assert_non_null(strstr(ev, "\r\nDTSTART:20261202T093000Z\r\nDTEND:20261202T103000Z\r\n"));
	assert_null(strstr(ev, "DURATION"));
	free(ev);
	/* A moment: DTEND may not equal DTSTART (RFC 5545 3.8.2.2). */
	ev = event(u, "session-1-wash@needlecare");
	assert_non_null(strstr(ev, "\r\nDTSTART:20261202T173000Z\r\nDURATION:PT0S\r\n"));
	assert_null(strstr(ev, "DTEND"));
	assert_non_null(strstr(ev, "\r\nDTSTAMP:20261201T093000Z\r\n"));
	/* One session: no "Session 1:" before the title. */
	assert_non_null(strstr(ev, "\r\nSUMMARY:First gentle wash\r\n"));
	free(ev);
	free(u);
	free(out.data);
}

static void several_sessions_are_named_in_titles(void **state)
{
	(void)state;
	struct milestone m = ms("r", KIND_RESTRICTION, true, "No retinol");
	m.end_title = "Retinol may come back";
	struct timeline_entry e[] = {{&m, 1, T0 - DAY, T0 + DAY}, {&m, 2, T0 + 34 * DAY, T0 + 36 * DAY}};
	struct ics_text out = build(e, 2, 2, T0 - 2 * DAY);
	char *u = unfold(out.data);
	char *ev = event(u, "session-2-r@needlecare");
	assert_non_null(strstr(ev, "\r\nSUMMARY:Session 2: No retinol\r\n"));
	assert_non_null(strstr(ev, "\r\nDESCRIPTION:Session 2: Retinol may come back\r\n"
	                           "TRIGGER;RELATED=END:PT0S\r\n"));
	free(ev);
	free(u);
	free(out.data);
}

static void alarms_where_something_is_to_be_done(void **state)
{
	(void)state;
	struct milestone r = ms("r", KIND_RESTRICTION, true, "No retinol");
	struct milestone quiet = ms("quiet", KIND_RESTRICTION, true, "Gentle routine");
	quiet.notify = false;
	struct milestone task = ms("task", KIND_TASK, false, "Wash");
	struct milestone check = ms("check", KIND_CHECKIN, false, "How is it?");
	struct milestone info = ms("info", KIND_INFO, false, "Results");
	struct milestone expect = ms("expect", KIND_EXPECTATION, true, "Redness");
	struct milestone begun = ms("begun", KIND_RESTRICTION, true, "No sun");
	struct milestone over = ms("over", KIND_TASK, false, "Done already");
	time_t now = T0 - 2 * DAY;
	struct timeline_entry e[] = {
		{&begun, 1, T0 - 14 * DAY, T0},
		{&over, 1, T0 - 3 * DAY, T0 - 3 * DAY},
		{&r, 1, T0 - DAY, T0 + 7 * DAY},
		{&quiet, 1, T0, T0 + 2 * DAY},
		{&expect, 1, T0, T0 + 3 * DAY},
		{&task, 1, T0 + 8 * HOUR, T0 + 8 * HOUR},
		{&check, 1, T0 + DAY, T0 + DAY},
		{&info, 1, T0 + 28 * DAY, T0 + 28 * DAY},
	};
	struct ics_text out = build(e, ARRAY_LEN(e), 1, now);
	char *u = unfold(out.data);
	static const struct { const char *uid; int alarms; } want[] = {
		{"session-1-r@needlecare", 2},
		{"session-1-quiet@needlecare", 2},     /* notify = no: still a restriction */
		{"session-1-task@needlecare", 1},
		{"session-1-check@needlecare", 1},
		{"session-1-info@needlecare", 0},
		{"session-1-expect@needlecare", 0},
		{"session-1-begun@needlecare", 1},     /* its start is past */
		{"session-1-over@needlecare", 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		char *ev = event(u, want[i].uid);
		if (count(ev, "BEGIN:VALARM") != want[i].alarms)
			fail_msg("%s: %d alarms, wanted %d", want[i].uid,
			         count(ev, "BEGIN:VALARM"), want[i].alarms);
		assert_int_equal(count(ev, "ACTION:DISPLAY"), want[i].alarms);
		free(ev);
	}
	char *ev = event(u, "session-1-r@needlecare");
	assert_non_null(strstr(ev, "\r\nDESCRIPTION:No retinol\r\nTRIGGER:PT0S\r\n"));
	/* No end-title: the notifications' "End: ...". */
	assert_non_null(strstr(ev, "\r\nDESCRIPTION:End: No retinol\r\nTRIGGER;RELATED=END:PT0S\r\n"));
	free(ev);
	ev = event(u, "session-1-begun@needlecare");
	assert_non_null(strstr(ev, "TRIGGER;RELATED=END:PT0S"));
	free(ev);
	assert_int_equal(out.nalarms, 7);
	assert_int_equal(count(u, "BEGIN:VALARM"), 7);
	free(u);
	free(out.data);
}

static struct protocol *load(const char *path)
{
	struct diags d = {0};
	struct protocol *p = protocol_open(path, &d);
	if (!p)
		diags_print(&d, stderr);
	assert_non_null(p);
	diags_free(&d);
	return p;
}

/* The UIDs of a calendar, sorted, one a line (allocated). */
static char *uids(const char *text)
{
	char *u = unfold(text), *list = calloc(1, strlen(text) + 1);
	assert_non_null(list);
	const char *lines[200];
	size_t n = 0;
	for (char *p = u; (p = strstr(p, "\nUID:")) && n < ARRAY_LEN(lines);) {
		lines[n++] = p + 5;
		p = strchr(p + 5, '\r');
		*p++ = '\0';
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(lines[j - 1], lines[j]) > 0; j--) {
			const char *x = lines[j];
			lines[j] = lines[j - 1];
			lines[j - 1] = x;
		}
	for (size_t i = 0; i < n; i++) {
		strcat(list, lines[i]);
		strcat(list, "\n");
	}
	free(u);
	return list;
}

static void uids_stay_when_a_session_moves(void **state)
{
	(void)state;
	struct protocol *p = load(FIX "good.ini");
	time_t before[] = {T0, T0 + 35 * DAY}, after[] = {T0, T0 + 37 * DAY + HOUR};
	struct ics_text out[2];
	const time_t *s[] = {before, after};
	for (int k = 0; k < 2; k++) {
		struct timeline t;
		struct diags d = {0};
		struct plan_input in = {p, s[k], 2, 9 * 60, NULL, 0};
		timeline_build(&t, &in, &d);
		assert_int_equal(d.n, 0);
		ics_build(&t, T0 - 10 * DAY + k * DAY, &out[k]);
		assert_int_equal(out[k].nevents, t.count);
		timeline_free(&t);
	}
	char *a = uids(out[0].data), *b = uids(out[1].data);
	assert_string_equal(a, b);
	assert_non_null(strstr(a, "session-2-wash@needlecare\n"));
	assert_non_null(strstr(a, "session-1-next@needlecare\n"));
	free(a);
	free(b);
	/* The moved session's events moved; the first session's did not. */
	char *u0 = unfold(out[0].data), *u1 = unfold(out[1].data);
	char *w0 = event(u0, "session-2-wash@needlecare"), *w1 = event(u1, "session-2-wash@needlecare");
	assert_string_not_equal(strstr(w0, "DTSTART"), strstr(w1, "DTSTART"));
	free(w0);
	free(w1);
	w0 = event(u0, "session-1-wash@needlecare");
	w1 = event(u1, "session-1-wash@needlecare");
	assert_string_equal(strstr(w0, "DTSTART"), strstr(w1, "DTSTART"));
	/* A later export is a newer revision of every event. */
	long long q0 = strtoll(strstr(w0, "SEQUENCE:") + 9, NULL, 10);
	long long q1 = strtoll(strstr(w1, "SEQUENCE:") + 9, NULL, 10);
	assert_true(q1 > q0);
	free(w0);
	free(w1);
	free(u0);
	free(u1);
	free(out[0].data);
	free(out[1].data);
	protocol_free(p);
}

int main(void)
{
	setenv("TZ", "Europe/Berlin", 1);
	dates_zone_changed();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_is_escaped),
		cmocka_unit_test(long_lines_fold_between_characters),
		cmocka_unit_test(every_line_ends_in_crlf),
		cmocka_unit_test(a_window_spans_and_a_moment_has_no_length),
		cmocka_unit_test(several_sessions_are_named_in_titles),
		cmocka_unit_test(alarms_where_something_is_to_be_done),
		cmocka_unit_test(uids_stay_when_a_session_moves),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
