/* keys: the table of actions, the key codes bound to them, and the help
 * and key bar generated from both. Reads keys with curses (draw.c is the
 * other file that includes it). */
#include "term/keys.h"
#include "base/i18n.h"
#include "term/draw.h"
#include "screens/screens.h"
#include "base/util.h"

#include <curses.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>
#include <unistd.h>

#define CTRL(c) ((c) & 0x1f)
#define ESC 27

/* Key codes to actions. Codes from KEY_MIN up are curses' function keys;
 * below are characters. An alias works but is not listed (the help names
 * Enter once, not for each code a terminal may send for it). */
static const struct binding {
	int code;
	enum action action;
	bool alias;
} bindings[] = {
	{KEY_UP, ACT_UP, false},
	{'k', ACT_UP, false},
	{KEY_DOWN, ACT_DOWN, false},
	{'j', ACT_DOWN, false},
	{KEY_PPAGE, ACT_PAGE_UP, false},
	{KEY_NPAGE, ACT_PAGE_DOWN, false},
	{KEY_HOME, ACT_TOP, false},
	{'g', ACT_TOP, false},
	{KEY_END, ACT_BOTTOM, false},
	{'G', ACT_BOTTOM, false},
	{KEY_LEFT, ACT_LEFT, false},
	{KEY_RIGHT, ACT_RIGHT, false},
	{'\n', ACT_ENTER, false},
	{'\r', ACT_ENTER, true},
	{KEY_ENTER, ACT_ENTER, true},
	{' ', ACT_TICK, false},
	{ESC, ACT_BACK, false},
	{KEY_BACKSPACE, ACT_ERASE, false},
	{127, ACT_ERASE, true},
	{CTRL('h'), ACT_ERASE, true},
	{'.', ACT_NOW, false},
	{'n', ACT_NEW, false},
	{'\t', ACT_NEXT_SCREEN, false},
	{KEY_BTAB, ACT_PREV_SCREEN, false},
	{'t', ACT_GO_TODAY, false},
	{'1', ACT_GO_TODAY, false},
	{'l', ACT_GO_TIMELINE, false},
	{'2', ACT_GO_TIMELINE, false},
	{'c', ACT_GO_CHECKLIST, false},
	{'3', ACT_GO_CHECKLIST, false},
	{'b', ACT_GO_BOOKING, false},
	{'4', ACT_GO_BOOKING, false},
	{'i', ACT_GO_CHECKIN, false},
	{'5', ACT_GO_CHECKIN, false},
	{'J', ACT_GO_JOURNAL, false},
	{'6', ACT_GO_JOURNAL, false},
	{'s', ACT_GO_SCREENING, false},
	{'7', ACT_GO_SCREENING, false},
	/* Help is no screen of the Tab order: its digit comes after theirs. */
	{'?', ACT_HELP, false},
	{'8', ACT_HELP, false},
	{KEY_F(1), ACT_HELP, false},
	{'a', ACT_ACK, false},
	{CTRL('l'), ACT_REDRAW, false},
	{'q', ACT_QUIT, false},
	{KEY_RESIZE, ACT_RESIZE, true},
};

/* TRANSLATORS: in the rows below, the first text is a line of the help
 * ("move up, or scroll up"); the second, a key bar label: a word or two
 * ("move", "tick", "leave field"), as short as it can be.
 *
 * What each action does, and where. A row with a NULL what only adds a
 * label to the key bar. footer_on says on which screens the key bar shows
 * the row; prio 1 is always shown, 3 is the first to go when the bar is
 * too narrow. Rows with the same footer label in a row are merged ("↑↓
 * move"). The help lists the rows in this order, Everywhere first. */
static const struct action_def {
	enum action action;
	unsigned on;
	const char *what;
	const char *footer;
	unsigned footer_on;
	int prio;
} defs[] = {
	{ACT_UP, ON_ALL, N_("move up, or scroll up"), N_("move"),
	 ON_TIMELINE | ON_CHECKLIST | ON_BOOKING | ON_CHECKIN | ON_SCREENING, 1},
	{ACT_DOWN, ON_ALL, N_("move down, or scroll down"), N_("move"),
	 ON_TIMELINE | ON_CHECKLIST | ON_BOOKING | ON_CHECKIN | ON_SCREENING, 1},
	{ACT_UP, ON_TODAY | ON_HELP | ON_JOURNAL, NULL, N_("scroll"),
	 ON_TODAY | ON_HELP | ON_JOURNAL, 1},
	{ACT_DOWN, ON_TODAY | ON_HELP | ON_JOURNAL, NULL, N_("scroll"),
	 ON_TODAY | ON_HELP | ON_JOURNAL, 1},
	{ACT_PAGE_UP, ON_ALL, N_("a page up"), N_("page"), ON_TIMELINE, 3},
	{ACT_PAGE_DOWN, ON_ALL, N_("a page down"), N_("page"), ON_TIMELINE, 3},
	{ACT_TOP, ON_ALL, N_("to the top"), NULL, 0, 3},
	{ACT_BOTTOM, ON_ALL, N_("to the bottom"), NULL, 0, 3},

	{ACT_ACK, ON_TODAY, N_("acknowledge the warning at the top: it stays until "
	    "then"), NULL, 0, 3},

	{ACT_ENTER, ON_TIMELINE, N_("show the selected milestone's full text, "
	    "or close it"), N_("details"), ON_TIMELINE, 2},
	{ACT_BACK, ON_TIMELINE, N_("close the full text"), NULL, 0, 3},
	{ACT_NOW, ON_TIMELINE, N_("select the next milestone from now"), N_("now"),
	 ON_TIMELINE, 2},

	{ACT_TICK, ON_CHECKLIST, N_("tick or untick the selected task"), N_("tick"),
	 ON_CHECKLIST, 1},
	{ACT_ENTER, ON_CHECKLIST, N_("tick or untick the selected task"), NULL, 0, 3},

	{ACT_CHAR, ON_BOOKING, N_("type the date and time, as YYYY-MM-DD HH:MM, in "
	    "its field"), NULL, 0, 3},
	{ACT_ERASE, ON_BOOKING, N_("erase the last character of the date"), NULL, 0, 3},
	{ACT_LEFT, ON_BOOKING, N_("change the choice: protocol, cold-sore answer"),
	 N_("change"), ON_BOOKING, 1},
	{ACT_RIGHT, ON_BOOKING, N_("change the choice the other way"), N_("change"),
	 ON_BOOKING, 1},
	{ACT_TICK, ON_BOOKING, N_("change the choice (outside the date field)"), NULL, 0, 3},
	{ACT_ENTER, ON_BOOKING, N_("change the selected session; on a button, confirm"),
	 N_("confirm"), ON_BOOKING, 1},
	{ACT_ENTER, ON_BOOKING, N_("again, when asked: cancel, or book despite the "
	    "interval"), NULL, 0, 3},
	{ACT_NEW, ON_BOOKING, N_("book a new session instead (outside the date field)"),
	 N_("new"), ON_BOOKING, 2},
	{ACT_BACK, ON_BOOKING, N_("leave the date field"), N_("leave field"), ON_BOOKING, 2},

	{ACT_CHAR, ON_CHECKIN, N_("a rating (0 none to 3 marked); a sign (yes, no)"),
	 NULL, 0, 3},
	{ACT_LEFT, ON_CHECKIN, N_("a lower rating, or the other answer"), N_("change"),
	 ON_CHECKIN, 1},
	{ACT_RIGHT, ON_CHECKIN, N_("a higher rating, or the other answer"), N_("change"),
	 ON_CHECKIN, 1},
	{ACT_TICK, ON_CHECKIN, N_("change the answer (outside the text fields)"), NULL,
	 0, 3},
	{ACT_ERASE, ON_CHECKIN, N_("clear the rating or answer, or erase in a field"),
	 NULL, 0, 3},
	{ACT_ENTER, ON_CHECKIN, N_("the next row; on the button, save the check-in"),
	 N_("confirm"), ON_CHECKIN, 1},
	{ACT_BACK, ON_CHECKIN, N_("leave the text field"), N_("leave field"), ON_CHECKIN, 2},

	{ACT_LEFT, ON_JOURNAL, N_("earlier days of the chart"), N_("days"), ON_JOURNAL, 1},
	{ACT_RIGHT, ON_JOURNAL, N_("later days of the chart"), N_("days"), ON_JOURNAL, 1},
	{ACT_PAGE_UP, ON_JOURNAL, N_("the chart of the session before"), NULL, 0, 3},
	{ACT_PAGE_DOWN, ON_JOURNAL, N_("the chart of the session after"), NULL, 0, 3},
	{ACT_NOW, ON_JOURNAL, N_("back to the session and days of now"), N_("now"),
	 ON_JOURNAL, 2},

	{ACT_CHAR, ON_SCREENING, N_("answer the selected question, yes or no: saved "
	    "at once"), N_("answer"), ON_SCREENING, 1},
	{ACT_LEFT, ON_SCREENING, N_("change the answer"), NULL, 0, 3},
	{ACT_RIGHT, ON_SCREENING, N_("change the answer the other way"), NULL, 0, 3},
	{ACT_TICK, ON_SCREENING, N_("change the answer"), NULL, 0, 3},
	{ACT_ENTER, ON_SCREENING, N_("the next question"), NULL, 0, 3},

	{ACT_BACK, ON_HELP, N_("back to the screen you came from"), N_("back"), ON_HELP, 1},

	{ACT_GO_TODAY, ON_ALL, N_("Today: what applies now"), N_("today"),
	 ON_TIMELINE | ON_CHECKLIST | ON_JOURNAL | ON_SCREENING, 3},
	{ACT_GO_TIMELINE, ON_ALL, N_("Timeline: every milestone"), N_("timeline"),
	 ON_TODAY, 3},
	{ACT_GO_CHECKLIST, ON_ALL, N_("Checklist: the tasks to tick"), N_("checklist"),
	 ON_TODAY | ON_TIMELINE, 2},
	{ACT_GO_BOOKING, ON_ALL, N_("Booking: add, move or cancel a session"), N_("booking"),
	 ON_TODAY, 2},
	{ACT_GO_CHECKIN, ON_ALL, N_("Check-in: rate how your skin is doing"),
	 N_("check-in"), ON_JOURNAL, 2},
	{ACT_GO_JOURNAL, ON_ALL, N_("Journal: your ratings beside what is normal"),
	 N_("journal"), ON_CHECKIN, 3},
	{ACT_GO_SCREENING, ON_ALL, N_("Screening: the questions to discuss with your "
	    "practitioner"), NULL, 0, 3},
	{ACT_NEXT_SCREEN, ON_ALL, N_("the next screen"), N_("screens"),
	 ON_ALL & ~ON_HELP, 2},
	{ACT_PREV_SCREEN, ON_ALL, N_("the previous screen"), NULL, 0, 3},
	{ACT_HELP, ON_ALL, N_("this help (again: back)"), N_("help"), ON_ALL & ~ON_HELP, 1},
	{ACT_REDRAW, ON_ALL, N_("redraw the screen"), NULL, 0, 3},
	{ACT_QUIT, ON_ALL, N_("quit"), N_("quit"), ON_ALL, 1},
};

const char keys_any_text[] = "";

static bool works_on(enum action a, unsigned on)
{
	if (a == ACT_RESIZE)
		return true;
	for (size_t i = 0; i < ARRAY_LEN(defs); i++)
		if (defs[i].action == a && (defs[i].on & on))
			return true;
	return false;
}

bool keys_read(int timeout_ms, unsigned on, const char *text,
               struct action_event *ev)
{
	timeout(timeout_ms);
	wint_t wc;
	int r = get_wch(&wc);
	if (r == ERR) {
		/* A terminal that went away reads as "no key" at once, for ever:
		 * without this the loop would spin. */
		struct pollfd in = {.fd = STDIN_FILENO, .events = POLLIN};
		if (poll(&in, 1, 0) == 1 && (in.revents & (POLLHUP | POLLERR | POLLNVAL))) {
			ev->action = ACT_QUIT;
			ev->ch = 0;
			return true;
		}
		return false;
	}
	bool fn = r == KEY_CODE_YES;
	int code = (int)wc;
	ev->action = ACT_NONE;
	ev->ch = 0;
	bool printable = code >= 32 && code != 127 && (code < 127 || iswprint(wc));
	if (!fn && text && printable &&
	    (text == keys_any_text || (code < 127 && strchr(text, code)))) {
		ev->action = ACT_CHAR;
		ev->ch = code;
		return true;
	}
	for (size_t i = 0; i < ARRAY_LEN(bindings); i++) {
		const struct binding *b = &bindings[i];
		if (b->code == code && (b->code >= KEY_MIN) == fn) {
			if (works_on(b->action, on))
				ev->action = b->action;
			break;
		}
	}
	return true;
}

/* The name of a key, as the help and the key bar show it. */
static const char *key_label(int code, char *tmp)
{
	switch (code) {
	case KEY_UP:
		return draw_glyph(GLYPH_UP);
	case KEY_DOWN:
		return draw_glyph(GLYPH_DOWN);
	case KEY_LEFT:
		return draw_glyph(GLYPH_LEFT);
	case KEY_RIGHT:
		return draw_glyph(GLYPH_RIGHT);
	case KEY_PPAGE:
		return "PgUp";
	case KEY_NPAGE:
		return "PgDn";
	case KEY_HOME:
		return "Home";
	case KEY_END:
		return "End";
	case KEY_BTAB:
		return "Shift-Tab";
	case KEY_BACKSPACE:
		return "Backspace";
	case '\n':
		return "Enter";
	case '\t':
		return "Tab";
	case ' ':
		return "Space";
	case ESC:
		return "Esc";
	}
	if (code == KEY_F(1))
		return "F1";
	if (code < 32) {
		snprintf(tmp, 8, "Ctrl-%c", code + '@');
		return tmp;
	}
	snprintf(tmp, 8, "%c", code);
	return tmp;
}

/* What the text fields of the screens in on take, for ACT_CHAR. */
static const char *char_keys(unsigned on)
{
	if (on & ON_CHECKIN)
		return "0-3 y n";
	if (on & ON_SCREENING)
		return "y n";
	return "0-9 - : Space";
}

/* The keys of action a on the screens in on, joined by sep, into buf; only
 * the first one when first_only. */
static void action_keys(enum action a, unsigned on, bool first_only,
                        const char *sep, char *buf, size_t n)
{
	buf[0] = '\0';
	if (a == ACT_CHAR) {
		snprintf(buf, n, "%s", char_keys(on));
		return;
	}
	size_t len = 0;
	for (size_t i = 0; i < ARRAY_LEN(bindings); i++) {
		if (bindings[i].action != a || bindings[i].alias)
			continue;
		char tmp[8];
		const char *name = key_label(bindings[i].code, tmp);
		int w = snprintf(buf + len, n - len, "%s%s", len ? sep : "", name);
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
		if (first_only)
			break;
	}
}

/* Section o of the help: everywhere first, then each screen in the order
 * of the list, help's own keys last (they are about leaving it). */
static unsigned section_on(size_t o)
{
	if (o == 0)
		return ON_ALL;
	size_t s = o - 1;
	if (s >= SCREEN_HELP)
		s = s + 1 < SCREEN_COUNT ? s + 1 : SCREEN_HELP;
	return SCREEN_BIT(s);
}

size_t keys_help_count(void)
{
	size_t n = 0;
	for (size_t i = 0; i < ARRAY_LEN(defs); i++)
		n += defs[i].what != NULL;
	return n;
}

void keys_help(size_t i, struct key_help *h, char *buf, size_t n)
{
	size_t k = 0;
	for (size_t o = 0; o <= SCREEN_COUNT; o++)
		for (size_t d = 0; d < ARRAY_LEN(defs); d++) {
			if (!defs[d].what || defs[d].on != section_on(o))
				continue;
			if (k++ != i)
				continue;
			action_keys(defs[d].action, defs[d].on, false, " ", buf, n);
			h->keys = buf;
			h->what = _(defs[d].what);
			h->on = defs[d].on;
			return;
		}
	h->keys = h->what = "";
	h->on = 0;
}

size_t keys_footer(unsigned on, struct key_hint *items, size_t max,
                   char *buf, size_t n)
{
	size_t count = 0, used = 0;
	for (size_t d = 0; d < ARRAY_LEN(defs) && used < n; d++) {
		if (!defs[d].footer || !(defs[d].footer_on & on))
			continue;
		char keys[40];
		action_keys(defs[d].action, on, true, "", keys, sizeof keys);
		/* The same label as the item before: one item, both keys. */
		if (count && strcmp(items[count - 1].label, _(defs[d].footer)) == 0) {
			const char *prev = items[count - 1].keys;
			bool narrow = draw_width(prev) == 1 && draw_width(keys) == 1;
			used--; /* overwrite the NUL of the previous keys */
			int w = snprintf(buf + used, n - used, "%s%s", narrow ? "" : "/", keys);
			if (w < 0 || (size_t)w >= n - used)
				w = (int)(n - used - 1);
			used += (size_t)w + 1;
			continue;
		}
		if (count == max)
			break;
		int w = snprintf(buf + used, n - used, "%s", keys);
		if (w < 0 || (size_t)w >= n - used)
			break;
		items[count].keys = buf + used;
		items[count].label = _(defs[d].footer);
		items[count].prio = defs[d].prio;
		count++;
		used += (size_t)w + 1;
	}
	return count;
}

const char *keys_name(enum action a, char *buf, size_t n)
{
	action_keys(a, 0, true, "", buf, n);
	return buf;
}

size_t keys_encode(int ch, char *buf, size_t n)
{
	char tmp[MB_LEN_MAX];
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t k = wcrtomb(tmp, (wchar_t)ch, &st);
	if (k == (size_t)-1 || k == 0 || k >= n) {
		if (n)
			buf[0] = '\0';
		return 0;
	}
	memcpy(buf, tmp, k);
	buf[k] = '\0';
	return k;
}
