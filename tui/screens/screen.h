/* screen: the contract between the event loop (ui.c) and the screens, and
 * the helpers the screens share (screen.c).
 *
 * Each screen is one file, screen_NAME.c, that defines screen_NAME_ops
 * (struct screen_ops) and keeps everything else static: its state is a
 * struct declared in that file only, so no other file can depend on it
 * and a screen can change its own without touching anyone else's. The
 * loop owns the states: it calls open for every screen once, after the
 * plan is loaded and before the first frame, and close once when it ends;
 * in between a state lives while other screens are shown, so a half
 * filled form or a scroll position is still there when the patient comes
 * back. The loop finds the ops through the list of screens.h.
 *
 * What is not a screen's own is struct app, owned by the loop: the plan,
 * the ticks, the journal, the clock, the status line, and the requests a
 * screen makes instead of acting on the loop or on another screen (show
 * that screen, reload the plan, tell every screen what changed). The loop
 * handles them after the action, so that no screen calls the loop or
 * another screen: ui.o depends on the screens, the screens on screen.o,
 * never back. screen.c names no screen.
 *
 * Screens draw what the engine computed, through draw.h, never do date
 * arithmetic (times come from the timeline, words from format.h), and
 * never include ui.h. */
#ifndef NEEDLECARE_SCREEN_H
#define NEEDLECARE_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "term/draw.h"
#include "care/journal.h"
#include "term/keys.h"
#include "care/plan.h"
#include "care/state.h"
#include "screens/screens.h"

/* The part of the terminal a screen draws in: rows [0, rows), columns
 * [0, cols). The loop keeps the two rows below for the status line and
 * the key bar. */
struct screen_area {
	int rows, cols;
};

/* A list's view: the selected entry (an index into the timeline's
 * entries, or -1 before the screen has chosen one) and the first row
 * shown. */
struct screen_list_view {
	long sel;
	int top;
};

/* What changed under the screens, for their changed op: views that point
 * into the old data (a selected entry, a form filled from the
 * configuration) start again. */
enum {
	CHANGED_PLAN = 1u << 0,    /* the plan was loaded again */
	CHANGED_JOURNAL = 1u << 1, /* a check-in was added to the journal */
};

/* What the loop and the screens share. Owned by ui.c: screens read the
 * plan and the journal, save through the helpers below (which keep the
 * ticks and the journal as saved), and write the requests and the status
 * line. */
struct app {
	const struct plan_options *opts;
	struct plan plan;
	struct state ticks;   /* the MARK_TICK marks */
	char *state_file;     /* state_path("state") */
	struct journal journal; /* the healing journal, read at the start and
	                         * after each check-in */
	char *journal_file;   /* journal_path() */
	time_t now;           /* dates_now() at the start of this frame */

	/* Requests to the loop, handled after the action. */
	int go;               /* a screen to show (enum screen_id), or -1 */
	bool reload;          /* the configuration changed: reload the plan */
	unsigned changed;     /* CHANGED_ bits to pass to every screen */

	char status[320];     /* the status line; empty: the default line */
	bool status_error;
	int cursor_y, cursor_x; /* where the terminal cursor goes, or -1 */
};

/* A screen, as the loop sees it. state is what open returned: the screen's
 * own, of a type declared in its file only. */
struct screen_ops {
	/* Allocates the screen's state (NULL: it has none). Runs once for
	 * every screen, after the plan is loaded and before the first
	 * frame. */
	void *(*open)(const struct app *a);
	/* Frees what open returned; runs once, when the interface ends. */
	void (*close)(void *state);
	/* Draws the screen in r, through draw.h. It may change its state (its
	 * scroll position, a form filled in on first sight) and a->cursor_y,
	 * a->cursor_x, nothing else. */
	void (*draw)(void *state, struct app *a, const struct screen_area *r);
	/* Turns an action into a change of its state, or into requests and
	 * saves through the helpers below. The loop has already handled the
	 * actions that change screens. */
	void (*act)(void *state, struct app *a, const struct action_event *ev,
	            const struct screen_area *r);
	/* When a text field has the focus, the characters it takes (typed
	 * into it, not used as keys: keys_read()); otherwise NULL. The op
	 * itself is NULL for a screen without text fields. */
	const char *(*text)(const void *state, const struct app *a);
	/* The data of what (CHANGED_ bits) changed: called on every screen,
	 * shown or not. NULL: nothing of its state depends on it. */
	void (*changed)(void *state, struct app *a, unsigned what);
};

/* Each screen file defines its ops, screen_NAME_ops, for the row of
 * screens.h. */
#define SCREEN_OPS_(ID, name, go, title) extern const struct screen_ops screen_##name##_ops;
SCREENS(SCREEN_OPS_)
#undef SCREEN_OPS_

/* What the screens share (screen.c). */

/* The title bar on row 0: left, centre (dropped when there is no room) and
 * right texts, any of them NULL. */
void screen_title(const struct screen_area *r, const char *left, const char *centre,
                  const char *right);
/* Sets the status line (printf-like). */
void screen_status(struct app *a, bool error, const char *fmt, ...)
	PRINTF_LIKE(3, 4);
/* Whether the patient ticked e (a task or check-in). */
bool screen_ticked(const struct app *a, const struct timeline_entry *e);
/* Whether e is past at now: a window that has ended, a moment gone by. */
bool screen_past(const struct timeline_entry *e, time_t now);
/* The glyph and role that say what kind of milestone e is. */
enum glyph screen_glyph(const struct app *a, const struct timeline_entry *e);
enum role screen_glyph_role(const struct timeline_entry *e);

/* Lists. entry_of[i] is the entry shown on row i, or -1 for a row that
 * cannot be selected (a heading). */
/* The row showing entry sel, or -1. */
int screen_list_row(const long *entry_of, int n, long sel);
/* The selection after a moving action (up, down, page, top, bottom) in a
 * list whose page shows page rows. Returns the new entry. */
long screen_list_move(const long *entry_of, int n, long sel, int page,
                      enum action act);
/* Scrolls so that the selected row (and the heading just above it) shows:
 * adjusts v->top for a page of page rows. */
void screen_list_scroll(struct screen_list_view *v, const long *entry_of, int n,
                        int page);
/* Scrolling without a selection: top after act, for n rows and a page. */
int screen_scroll(int top, int n, int page, enum action act);

/* The journal and the warning signs. */

/* Reads the journal afresh into a->journal. A damaged entry, or a journal
 * that cannot be read, is said on the status line (the journal is then
 * what could be read). */
void screen_load_journal(struct app *a);
/* rules_unread() of the interface's journal and state; none for a
 * pretend session (--session). */
size_t screen_alert(const struct app *a, size_t *entry,
                    const struct redflag **out);
/* Whether any screening question is answered yes in the days before a
 * session (its preparation, not the aftercare of the one before): then
 * Today lists them to discuss. */
bool screen_discuss(const struct app *a);

/* Saving. */

/* Sets (or clears) a mark in the state file, under its lock and read
 * afresh so that the marks of other processes stay, then keeps the saved
 * state as a->ticks. False with *err allocated when it could not be saved
 * (a->ticks is then unchanged). */
bool screen_save_mark(struct app *a, enum mark_kind k, const char *session,
                      const char *milestone, bool set, char **err);
/* Whether the configuration the screens show was deleted since it was
 * read (needlecare forget): nothing is to be saved from it, and the
 * screens are to show that nothing is booked (a->reload). */
bool screen_forgotten(const struct app *a);
/* Why the configuration could not be locked or read (config_lock()'s d),
 * on the status line; the screens are to show the file as it is. */
struct diags;
void screen_config_problem(struct app *a, const struct diags *d);
/* The configuration as it is on disk now, under its lock (config_lock),
 * to change and save: returns the lock, for screen_config_save() or
 * fileio_unlock(); -1 (the status line says why, and the screens are to
 * show the file as it is) when it cannot be locked or read. */
int screen_config_fresh(struct app *a, struct config *cfg);
/* config_save(), then the lock released and the screens asked to show
 * what the file now holds; false (and the status line says why) when the
 * save failed. */
bool screen_config_save(struct app *a, struct config *cfg, int lock);

#endif
