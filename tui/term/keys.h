/* keys: the one table of actions. Key codes map to actions here, and the
 * help screen, the key bar at the bottom and the key list of needlecare(1)
 * are all generated from the same table, so they cannot disagree with
 * what the keys do. Screens receive actions, never raw keys. */
#ifndef NEEDLECARE_KEYS_H
#define NEEDLECARE_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum action {
	ACT_NONE,
	ACT_QUIT,
	ACT_HELP,
	ACT_NEXT_SCREEN,
	ACT_PREV_SCREEN,
	ACT_GO_TODAY,
	ACT_GO_TIMELINE,
	ACT_GO_CHECKLIST,
	ACT_GO_BOOKING,
	ACT_GO_CHECKIN,
	ACT_GO_JOURNAL,
	ACT_GO_SCREENING,
	ACT_UP,
	ACT_DOWN,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_TOP,
	ACT_BOTTOM,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_ENTER,
	ACT_TICK,   /* Space */
	ACT_BACK,   /* Esc */
	ACT_ERASE,  /* Backspace */
	ACT_NOW,    /* back to the "now" line */
	ACT_NEW,    /* a new session */
	ACT_ACK,    /* acknowledge the warning banner */
	ACT_REDRAW,
	ACT_RESIZE, /* the terminal changed size (no key) */
	ACT_CHAR,   /* a character typed into a text field */
	ACT_COUNT
};

/* An action with, for ACT_CHAR, the character: printable ASCII, or with
 * keys_any_text any printable character (a wide character's code). */
struct action_event {
	enum action action;
	int ch;
};

/* Given as the text of keys_read(): a free text field, which takes every
 * printable character, not only ASCII. */
extern const char keys_any_text[];

/* Waits at most timeout_ms (forever when negative) for a key. Returns true
 * with the action it means on the screen whose bit is on (an ON_ bit of
 * screens/screens.h; so is every `on` below) (ACT_NONE for a
 * key that does nothing there). When a text field has the focus, text
 * lists the characters it takes (or is keys_any_text): they become
 * ACT_CHAR, and every other key keeps its action. Returns false when the
 * time ran out or a signal interrupted the wait. A terminal that hung up
 * reads as ACT_QUIT. */
bool keys_read(int timeout_ms, unsigned on, const char *text,
               struct action_event *ev);

/* One line of the help: the keys (such as "↓ j"), what they do, and the
 * screens where they work. Strings are static or in buf. */
struct key_help {
	const char *keys;
	const char *what;
	unsigned on;
};
size_t keys_help_count(void);
/* Row i of the help; keys is written to buf (n bytes). */
void keys_help(size_t i, struct key_help *h, char *buf, size_t n);

/* The key bar of a screen: items of (keys, label), at most max of them,
 * in the order they should be shown; the ones that matter least come
 * last. keys are written into buf (n bytes). Returns how many. */
struct key_hint {
	const char *keys;
	const char *label;
	int prio; /* 1: always shown; 3: the first to go when space is short */
};
size_t keys_footer(unsigned on, struct key_hint *items, size_t max,
                   char *buf, size_t n);

/* The first key of action a, as the help names it ("i"), into buf (n
 * bytes); returns buf. For the hints that screens write in their text. */
const char *keys_name(enum action a, char *buf, size_t n);

/* The character of an ACT_CHAR event in the locale's encoding, into buf
 * (at least 8 bytes, NUL-terminated). Returns its length, 0 when it has
 * none. */
size_t keys_encode(int ch, char *buf, size_t n);

#endif
