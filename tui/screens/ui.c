/* ui: the event loop. Loads the plan, opens the screen, then: draw the
 * current screen, wait for a key (or the next minute), hand the key's
 * action to the screen, handle what the screen asked for. Drawing works
 * from memory only: the disk is read when the plan is (re)loaded and
 * written when the patient ticks, checks in or books, never while drawing.
 * When a notification falls due while it runs, the loop sends it through a
 * notifier pass in a child process (due_pass_spawn), which it reaps without
 * waiting. */
#include "screens/ui.h"
#include "care/format.h"
#include "base/dates.h"
#include "term/draw.h"
#include "send/due.h"
#include "care/journal.h"
#include "term/keys.h"
#include "screens/screen.h"
#include "care/state.h"
#include "care/timeline.h"
#include "base/util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/* Below this the screens cannot be drawn legibly: the interface says so
 * instead. */
enum { MIN_COLS = 50, MIN_ROWS = 16 };

/* The one table of screens, indexed by enum screen_id. */
static const struct screen_ops {
	void (*draw)(struct app *a, const struct area *r);
	void (*act)(struct app *a, const struct action_event *ev, const struct area *r);
	const char *(*text)(const struct app *a); /* NULL: no text field */
} screens[SCREEN_COUNT] = {
	[SCREEN_TODAY] = {screen_today_draw, screen_today_act, NULL},
	[SCREEN_TIMELINE] = {screen_timeline_draw, screen_timeline_act, NULL},
	[SCREEN_CHECKLIST] = {screen_checklist_draw, screen_checklist_act, NULL},
	[SCREEN_BOOKING] = {screen_booking_draw, screen_booking_act, screen_booking_text},
	[SCREEN_HELP] = {screen_help_draw, screen_help_act, NULL},
	[SCREEN_CHECKIN] = {screen_checkin_draw, screen_checkin_act, screen_checkin_text},
	[SCREEN_JOURNAL] = {screen_journal_draw, screen_journal_act, NULL},
	[SCREEN_SCREENING] = {screen_screening_draw, screen_screening_act,
	                      screen_screening_text},
};

_Static_assert(SCREEN_BIT(SCREEN_TODAY) == ON_TODAY &&
               SCREEN_BIT(SCREEN_TIMELINE) == ON_TIMELINE &&
               SCREEN_BIT(SCREEN_CHECKLIST) == ON_CHECKLIST &&
               SCREEN_BIT(SCREEN_BOOKING) == ON_BOOKING &&
               SCREEN_BIT(SCREEN_HELP) == ON_HELP &&
               SCREEN_BIT(SCREEN_CHECKIN) == ON_CHECKIN &&
               SCREEN_BIT(SCREEN_JOURNAL) == ON_JOURNAL &&
               SCREEN_BIT(SCREEN_SCREENING) == ON_SCREENING &&
               SCREEN_BIT(SCREEN_COUNT) - 1 == ON_ALL,
               "keys.h's ON_ bits follow enum screen_id");

/* The signal that asks us to stop; the loop checks it. */
static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	caught = sig;
}

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};

/* Without SA_RESTART, so that the wait for a key ends at once. */
static void catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < ARRAY_LEN(stop_signals); i++)
		sigaction(stop_signals[i], &sa, NULL);
}

/* The first line of what the engine printed, without "needlecare: ". */
static void first_line(const char *text, char *out, size_t n)
{
	if (strncmp(text, "needlecare: ", 12) == 0)
		text += 12;
	size_t len = strcspn(text, "\n");
	if (len >= n)
		len = n - 1;
	memcpy(out, text, len);
	out[len] = '\0';
}

static void load_ticks(struct app *a)
{
	struct diags d = {0};
	state_free(&a->ticks);
	bool ok = state_load(a->state_file, &a->ticks, &d);
	if (!ok || d.n)
		screen_status(a, true, "Ticks%s: %s", ok ? "" : " not loaded",
		              d.v[0].msg);
	diags_free(&d);
}

/* When the next notification falls due, from the plan and the state in
 * memory. */
static void plan_due(struct app *a)
{
	a->due_at = a->plan.tl.nsessions ? due_next(&a->plan, &a->ticks, a->now) : 0;
}

/* The screening's selection stays: answering a question reloads the
 * plan. */
static void reset_views(struct app *a)
{
	a->today_top = 0;
	a->timeline.sel = a->checklist.sel = -1;
	a->timeline_full = false;
	a->help_top = 0;
	a->chart.placed = false;
	a->chart.top = 0;
	screen_booking_reset(a);
}

/* After booking: the plan again, from the saved configuration. A failure
 * keeps the plan there was. */
static void reload(struct app *a)
{
	struct plan p;
	draw_hold_stderr();
	int rc = plan_open_cached(&p, a->opts, false);
	char *msg = draw_release_stderr();
	char line[200];
	first_line(msg, line, sizeof line);
	free(msg);
	if (rc != STATUS_OK) {
		screen_status(a, true, "Saved, but it cannot be loaded: %s", line);
		return;
	}
	plan_free(&a->plan);
	a->plan = p;
	reset_views(a);
	load_ticks(a);
	plan_due(a);
	if (*line && !a->status_error)
		screen_status(a, true, "%s", line);
}

/* Sends what fell due: a notifier pass in a child, one at a time, from
 * the minute the next notification falls due. The pass takes the state's
 * lock, so a daemon or a `needlecare notify` running meanwhile never
 * sends the same milestone again. */
static void send_due(struct app *a)
{
	if (a->due_pid > 0 || !a->due_at || a->due_at > a->now)
		return;
	a->due_pid = due_pass_spawn(&a->plan, a->now);
	a->due_at = 0; /* planned again when the pass has ended */
	if (a->due_pid <= 0) {
		a->due_pid = 0;
		screen_status(a, true, "A notification fell due, but the notifier could "
		              "not be started: %s", strerror(errno));
		plan_due(a);
	}
}

/* Reaps the children that ended, without waiting: the notifier pass, and
 * the warnings a check-in sent. When the pass ended, the state holds what
 * it sent: read it again, and plan the next one. */
static void reap(struct app *a)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid != a->due_pid)
			continue;
		a->due_pid = 0;
		bool sent = WIFEXITED(status) && WEXITSTATUS(status) == 0;
		if (!sent && screen_forgotten(a)) {
			/* The pass refused a course forgotten meanwhile
			 * (fileio_lock): the screens show what is left. */
			char *why = xasprintf("Nothing was sent: %s was deleted (by needlecare "
			                      "forget, or by hand).", a->plan.cfg.path);
			reload(a);
			screen_status(a, true, "%s", why);
			free(why);
			continue;
		}
		load_ticks(a);
		plan_due(a);
		if (!sent && !a->due_failed)
			screen_status(a, true, "A notification fell due but could not be "
			              "shown on the desktop: it stays due ('needlecare "
			              "notify' says why).");
		a->due_failed = !sent;
	}
}

static void show(struct app *a, enum screen_id s)
{
	if (s != a->screen && s == SCREEN_HELP)
		a->back = a->screen;
	a->screen = s;
}

/* Tab and Shift-Tab go round every screen but help, in the order of enum
 * screen_id (that of the digit keys); from help, on from the one it was
 * opened on. */
static enum screen_id turn(const struct app *a, int dir)
{
	int from = a->screen == SCREEN_HELP ? (int)a->back : (int)a->screen;
	int to = from;
	do
		to = (to + dir + SCREEN_COUNT) % SCREEN_COUNT;
	while (to == SCREEN_HELP);
	return (enum screen_id)to;
}

static void status_line(const struct app *a, int y, int rows, int cols)
{
	for (int i = 0; i < rows; i++)
		draw_fill(y + i, 0, cols, ROLE_NORMAL);
	if (a->status[0]) {
		draw_wrap(y, 1, cols - 2, rows, a->status_error ? ROLE_ERROR : ROLE_NORMAL,
		          a->status);
		return;
	}
	char *s = xasprintf("%s Press ? for help.", format_practitioner_short);
	draw_text(y, 1, cols - 2, ROLE_NORMAL, s);
	free(s);
}

static void footer(const struct app *a, int y, int cols)
{
	struct key_hint v[32];
	char buf[768];
	bool keep[32];
	size_t n = keys_footer(SCREEN_BIT(a->screen), v, ARRAY_LEN(v), buf, sizeof buf);
	int width = 1;
	for (size_t i = 0; i < n; i++) {
		keep[i] = true;
		width += draw_width(v[i].keys) + 1 + draw_width(v[i].label) + 2;
	}
	/* Too wide: the least needed go first, from the right. */
	while (width > cols) {
		int worst = 1;
		size_t drop = n;
		for (size_t i = 0; i < n; i++)
			if (keep[i] && v[i].prio >= worst && v[i].prio > 1) {
				worst = v[i].prio;
				drop = i;
			}
		if (drop == n)
			break;
		keep[drop] = false;
		width -= draw_width(v[drop].keys) + 1 + draw_width(v[drop].label) + 2;
	}
	draw_fill(y, 0, cols, ROLE_FOOTER);
	int x = 1;
	for (size_t i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		x += draw_text(y, x, cols - x, ROLE_KEY, v[i].keys) + 1;
		x += draw_text(y, x, cols - x, ROLE_FOOTER, v[i].label) + 2;
	}
}

static bool too_small(int rows, int cols)
{
	return rows < MIN_ROWS || cols < MIN_COLS;
}

/* The status line takes two rows when its text is long. */
static int status_rows(const struct app *a, int cols)
{
	if (!a->status[0])
		return 1;
	int n = draw_wrap(0, 0, cols - 2, -1, ROLE_NORMAL, a->status);
	return n > 2 ? 2 : n < 1 ? 1 : n;
}

static void frame(struct app *a)
{
	draw_begin();
	int rows = draw_rows(), cols = draw_cols();
	a->cursor_y = a->cursor_x = -1;
	if (too_small(rows, cols)) {
		char *s = xasprintf("Terminal too small: %d%s%d. needlecare needs at "
		                    "least %d%s%d.", cols, draw_glyph(GLYPH_TIMES), rows,
		                    MIN_COLS, draw_glyph(GLYPH_TIMES), MIN_ROWS);
		draw_wrap(rows / 2 - 1, 1, cols - 2, rows, ROLE_NORMAL, s);
		free(s);
		draw_end(-1, -1);
		return;
	}
	int sr = status_rows(a, cols);
	struct area r = {rows - 1 - sr, cols};
	screens[a->screen].draw(a, &r);
	status_line(a, rows - 1 - sr, sr, cols);
	footer(a, rows - 1, cols);
	draw_end(a->cursor_y, a->cursor_x);
}

/* Handles one action; returns true to quit. */
static bool handle(struct app *a, const struct action_event *ev)
{
	int rows = draw_rows(), cols = draw_cols();
	if (ev->action != ACT_RESIZE && ev->action != ACT_REDRAW)
		a->status[0] = '\0';
	struct area r = {rows - 1 - status_rows(a, cols), cols};
	bool small = too_small(rows, cols);
	switch (ev->action) {
	case ACT_QUIT:
		return true;
	case ACT_RESIZE:
		break;
	case ACT_REDRAW:
		draw_invalidate();
		break;
	case ACT_HELP:
		show(a, a->screen == SCREEN_HELP ? a->back : SCREEN_HELP);
		break;
	case ACT_NEXT_SCREEN:
		show(a, turn(a, +1));
		break;
	case ACT_PREV_SCREEN:
		show(a, turn(a, -1));
		break;
	case ACT_GO_TODAY:
		show(a, SCREEN_TODAY);
		break;
	case ACT_GO_TIMELINE:
		show(a, SCREEN_TIMELINE);
		break;
	case ACT_GO_CHECKLIST:
		show(a, SCREEN_CHECKLIST);
		break;
	case ACT_GO_BOOKING:
		show(a, SCREEN_BOOKING);
		break;
	case ACT_GO_CHECKIN:
		show(a, SCREEN_CHECKIN);
		break;
	case ACT_GO_JOURNAL:
		show(a, SCREEN_JOURNAL);
		break;
	case ACT_GO_SCREENING:
		show(a, SCREEN_SCREENING);
		break;
	default:
		if (a->screen == SCREEN_HELP && ev->action == ACT_BACK)
			show(a, a->back);
		else if (!small)
			screens[a->screen].act(a, ev, &r);
		break;
	}
	if (a->reload) {
		a->reload = false;
		reload(a);
	}
	if (a->go >= 0) {
		show(a, (enum screen_id)a->go);
		a->go = -1;
	}
	return false;
}

/* Until a little after the next minute starts: the countdowns move then,
 * and what falls due is sent. While a child runs, a fifth of a second, to
 * reap it soon after it ends. */
static int idle_ms(const struct app *a)
{
	if (a->due_pid > 0)
		return 200;
	time_t now = dates_now();
	long left = 60 - (long)(now % 60);
	return (int)(left * 1000 + 500);
}

static void free_app(struct app *a)
{
	screen_booking_reset(a);
	state_free(&a->ticks);
	journal_free(&a->journal);
	free(a->state_file);
	free(a->journal_file);
	plan_free(&a->plan);
}

/* The screen to open on: booking with no session; otherwise Today when a
 * warning waits there to be acknowledged, else the check-in when one is
 * due and not done, else Today. */
static enum screen_id first_screen(const struct app *a)
{
	if (!a->plan.tl.nsessions)
		return SCREEN_BOOKING;
	const struct redflag **tripped =
		xcalloc(a->plan.proto->nredflags + 1, sizeof *tripped);
	size_t entry;
	bool alert = screen_alert(a, &entry, tripped) > 0;
	free(tripped);
	if (!alert && timeline_checkin_due(&a->plan.tl, &a->journal, a->now))
		return SCREEN_CHECKIN;
	return SCREEN_TODAY;
}

int ui_run(const struct plan_options *o)
{
	struct app a;
	memset(&a, 0, sizeof a);
	a.opts = o;
	a.go = -1;
	a.timeline.sel = a.checklist.sel = -1;
	/* Problems found while loading go to the terminal before the screen
	 * opens; warnings go to the status line. */
	draw_hold_stderr();
	int rc = plan_open_cached(&a.plan, o, false);
	char *msg = draw_release_stderr();
	if (rc != STATUS_OK) {
		fputs(msg, stderr);
		free(msg);
		return rc;
	}
	char line[200];
	first_line(msg, line, sizeof line);
	free(msg);
	if (*line)
		screen_status(&a, true, "%s", line);
	a.state_file = state_path("state");
	load_ticks(&a);
	a.journal_file = journal_path();
	screen_load_journal(&a);
	a.now = dates_now();

	const char *no_color = getenv("NO_COLOR");
	bool color = a.plan.cfg.color && !(no_color && *no_color);
	catch_signals(); /* before curses, which then leaves them to us */
	char *err;
	if (!draw_start(color, &err)) {
		warn("%s", err);
		free(err);
		free_app(&a);
		return STATUS_FAIL;
	}
	a.screen = first_screen(&a);
	a.back = SCREEN_TODAY;
	bool quit = false, planned = false;
	while (!quit && !caught) {
		a.now = dates_now();
		reap(&a);
		send_due(&a);
		frame(&a);
		/* What falls due when is worked out once the first frame is up:
		 * it is not needed to draw it. What is due already goes at once. */
		if (!planned) {
			plan_due(&a);
			planned = true;
			if (a.due_at && a.due_at <= a.now)
				continue;
		}
		struct action_event ev;
		const char *text = screens[a.screen].text ? screens[a.screen].text(&a) : NULL;
		if (!keys_read(idle_ms(&a), SCREEN_BIT(a.screen), text, &ev))
			continue;
		a.now = dates_now();
		quit = handle(&a, &ev);
	}
	draw_stop();
	free_app(&a);
	if (caught) {
		/* Die of the signal, so that whoever started us knows. */
		int sig = caught;
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return STATUS_OK;
}
