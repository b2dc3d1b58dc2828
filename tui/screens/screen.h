/* screen: what the event loop (ui.c) and the screens share. Each screen
 * has one file, screen_NAME.c, with a draw function (it draws what the
 * engine computed, through draw.h, and changes nothing but its own scroll
 * position) and an action function (it turns actions into changes of its
 * own view, or into requests to the loop: go to another screen, reload
 * the plan). Screens never include ui.h, and never do date arithmetic:
 * times come from the timeline, words from format.h. */
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

enum screen_id {
	SCREEN_TODAY,
	SCREEN_TIMELINE,
	SCREEN_CHECKLIST,
	SCREEN_BOOKING,
	SCREEN_HELP,
	SCREEN_CHECKIN,
	SCREEN_JOURNAL,
	SCREEN_SCREENING,
	SCREEN_COUNT
};
#define SCREEN_BIT(s) (1u << (s)) /* its ON_ bit in keys.h */

/* The part of the terminal a screen draws in: rows [0, rows), columns
 * [0, cols). The loop keeps the two rows below for the status line and
 * the key bar. */
struct area {
	int rows, cols;
};

/* A list's view: the selected entry (an index into the timeline's
 * entries, or -1 before the screen has chosen one) and the first row
 * shown. */
struct list_view {
	long sel;
	int top;
};

/* The booking form. */
enum { BOOK_DATE_MAX = 32 };
struct booking_form {
	bool ready;      /* filled in from the configuration */
	int focus;       /* index into the form's rows */
	size_t editing;  /* the session being moved or cancelled, or SIZE_MAX */
	char text[BOOK_DATE_MAX + 1];
	size_t protocol; /* index into the choices: the shipped ones, then custom */
	char *custom;    /* the configured protocol when it is not a shipped one */
	signed char cold; /* -1 not answered, 0 no, 1 yes */
	signed char cold_first; /* as the form started: saved only when changed */
	bool confirm_cancel;
	/* The protocol that says how far apart sessions must be: the plan's
	 * while the choice is the one the form started with (first), else the
	 * chosen one, opened when it was chosen (owned; NULL when it cannot
	 * be opened). */
	size_t first;
	struct protocol *chosen;
	bool confirm_close; /* the interval warning was shown: Enter again books */
	bool confirm_past;  /* the date has passed: Enter again records it as done */
};

/* The check-in form. Ratings and signs not given are -1. */
enum { CHECKIN_TEXT_MAX = 1000 };
struct checkin_form {
	bool ready;
	int focus;  /* index into the form's rows */
	int top;    /* the first row shown */
	signed char rating[RATING_COUNT];
	signed char sign[SIGN_COUNT];
	char note[CHECKIN_TEXT_MAX + 1];
	char photo[CHECKIN_TEXT_MAX + 1];
};

/* The journal's chart: which session's days, and the first day shown. */
struct journal_view {
	bool placed;       /* false: around now */
	unsigned session;  /* 1-based */
	long first_day;
	int top;
};

/* Everything the interface holds. Owned by ui.c; screens read the plan
 * and the ticks, and write only their own view and the requests. */
struct app {
	const struct plan_options *opts;
	struct plan plan;
	struct state ticks;   /* the MARK_TICK marks */
	char *state_file;     /* state_path("state") */
	struct journal journal; /* the healing journal, read at the start and
	                         * after each check-in */
	char *journal_file;   /* journal_path() */
	time_t now;           /* dates_now() at the start of this frame */
	enum screen_id screen;
	enum screen_id back;  /* where help returns to */

	/* Requests to the loop, handled after the action. */
	int go;               /* a screen to show, or -1 */
	bool reload;          /* the configuration changed: reload the plan */

	char status[320];     /* the status line; empty: the default line */
	bool status_error;
	int cursor_y, cursor_x; /* where the terminal cursor goes, or -1 */

	int today_top;
	struct list_view timeline;
	bool timeline_full;   /* the selected milestone's text fills the screen */
	struct list_view checklist;
	struct booking_form book;
	struct checkin_form checkin;
	struct journal_view chart;
	struct list_view screening;
	int help_top;

	/* The loop's own: the notifier pass running in a child (its pid, or
	 * 0), and when the next notification falls due (0: none). */
	int due_pid;
	time_t due_at;
	bool due_failed;      /* the last pass could not show everything */
};

void screen_today_draw(struct app *a, const struct area *r);
void screen_today_act(struct app *a, const struct action_event *ev,
                      const struct area *r);
void screen_timeline_draw(struct app *a, const struct area *r);
void screen_timeline_act(struct app *a, const struct action_event *ev,
                         const struct area *r);
void screen_checklist_draw(struct app *a, const struct area *r);
void screen_checklist_act(struct app *a, const struct action_event *ev,
                          const struct area *r);
void screen_booking_draw(struct app *a, const struct area *r);
void screen_booking_act(struct app *a, const struct action_event *ev,
                        const struct area *r);
/* When a text field has the focus, the characters it takes (they are
 * typed into it, not used as keys); otherwise NULL. */
const char *screen_booking_text(const struct app *a);
/* Empties the form, so that it is filled from the configuration again. */
void screen_booking_reset(struct app *a);
void screen_help_draw(struct app *a, const struct area *r);
void screen_help_act(struct app *a, const struct action_event *ev,
                     const struct area *r);
void screen_checkin_draw(struct app *a, const struct area *r);
void screen_checkin_act(struct app *a, const struct action_event *ev,
                        const struct area *r);
/* As screen_booking_text(), for the check-in's fields. */
const char *screen_checkin_text(const struct app *a);
void screen_journal_draw(struct app *a, const struct area *r);
void screen_journal_act(struct app *a, const struct action_event *ev,
                        const struct area *r);
void screen_screening_draw(struct app *a, const struct area *r);
void screen_screening_act(struct app *a, const struct action_event *ev,
                          const struct area *r);
const char *screen_screening_text(const struct app *a);

/* What the screens share (screen.c). */

/* The title bar on row 0: left, centre (dropped when there is no room) and
 * right texts, any of them NULL. */
void screen_title(const struct area *r, const char *left, const char *centre,
                  const char *right);
/* Sets the status line (printf-like). */
void screen_status(struct app *a, bool error, const char *fmt, ...)
	PRINTF_LIKE(3, 4);
/* Whether the patient ticked e (a task or check-in). */
bool screen_ticked(const struct app *a, const struct entry *e);
/* Whether e is past at now: a window that has ended, a moment gone by. */
bool screen_past(const struct entry *e, time_t now);
/* The glyph and role that say what kind of milestone e is. */
enum glyph screen_glyph(const struct app *a, const struct entry *e);
enum role screen_glyph_role(const struct entry *e);

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
void screen_list_scroll(struct list_view *v, const long *entry_of, int n,
                        int page);
/* Scrolling without a selection: top after act, for n rows and a page. */
int screen_scroll(int top, int n, int page, enum action act);

/* The journal and the warning signs. */

/* Reads the journal afresh into a->journal. A damaged entry, or a journal
 * that cannot be read, is said on the status line (the journal is then
 * what could be read). */
void screen_load_journal(struct app *a);
/* journal_unread() of the interface's journal and state; none for a
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
