/* ui: the event loop. Loads the plan, opens every screen (screen.h says
 * what the screens may count on), then: draw the current screen, wait for
 * a key (or the next minute), hand the key's action to the screen, handle
 * what the screen asked for. Drawing works
 * from memory only: the disk is read when the plan is (re)loaded and
 * written when the patient ticks, checks in or books, never while drawing.
 * When a notification falls due while it runs, the loop sends it through a
 * notifier pass in a child process (due_pass_spawn), which it reaps without
 * waiting. */
#include "screens/ui.h"
#include "base/i18n.h"
#include "care/cache.h"
#include "care/format.h"
#include "base/dates.h"
#include "term/draw.h"
#include "send/due.h"
#include "care/due.h"
#include "care/journal.h"
#include "term/keys.h"
#include "screens/screen.h"
#include "screens/screens.h"
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

/* The table of screens, indexed by enum screen_id, made from the list in
 * screens.h: a new screen needs no line here. */
#define OPS_(ID, name, go, title) [SCREEN_##ID] = &screen_##name##_ops,
static const struct screen_ops *const screens[SCREEN_COUNT] = {SCREENS(OPS_)};
#undef OPS_

/* The loop's own, around what it shares with the screens. */
struct ui {
	struct app a;
	void *state[SCREEN_COUNT]; /* each screen's, from its open op */
	enum screen_id screen;
	enum screen_id back;  /* where help returns to */
	/* The notifier pass running in a child (its pid, or 0), and when the
	 * next notification falls due (0: none). */
	int due_pid;
	time_t due_at;
	bool due_failed;      /* the last pass could not show everything */
};

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

/* The first of the problems, as the commands print it, without
 * "needlecare: ": for the status line. */
static void first_problem(const struct diags *d, char *out, size_t n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (m) {
		struct diags first = {d->v, d->n ? 1 : 0, 0};
		diags_print(&first, m);
		fclose(m);
	}
	const char *t = text ? text : "";
	if (strncmp(t, DIAGS_OWN, strlen(DIAGS_OWN)) == 0)
		t += strlen(DIAGS_OWN);
	len = strcspn(t, "\n");
	if (len >= n)
		len = n - 1;
	memcpy(out, t, len);
	out[len] = '\0';
	free(text);
}

static void load_ticks(struct app *a)
{
	struct diags d = {0};
	state_free(&a->ticks);
	bool ok = state_load(a->state_file, &a->ticks, &d);
	if (!ok || d.n)
		screen_status(a, true, ok ? _("Ticks: %s") : _("Ticks not loaded: %s"),
		              d.v[0].msg);
	diags_free(&d);
}

/* When the next notification falls due, from the plan and the state in
 * memory. */
static void plan_due(struct ui *u)
{
	struct app *a = &u->a;
	u->due_at = a->plan.tl.nsessions ? due_next(&a->plan, &a->ticks, a->now) : 0;
}

/* Tells every screen, shown or not, what changed under it. */
static void tell(struct ui *u, unsigned what)
{
	for (size_t s = 0; s < SCREEN_COUNT; s++)
		if (screens[s]->changed)
			screens[s]->changed(u->state[s], &u->a, what);
}

/* After booking: the plan again, from the saved configuration. A failure
 * keeps the plan there was. */
static void reload(struct ui *u)
{
	struct app *a = &u->a;
	struct plan p;
	struct diags d = {0};
	int rc = cache_open(&p, a->opts, false, &d);
	char line[200];
	first_problem(&d, line, sizeof line);
	diags_free(&d);
	if (rc != STATUS_OK) {
		screen_status(a, true, _("Saved, but it cannot be loaded: %s"), line);
		return;
	}
	plan_free(&a->plan);
	a->plan = p;
	tell(u, CHANGED_PLAN);
	load_ticks(a);
	plan_due(u);
	if (*line && !a->status_error)
		screen_status(a, true, "%s", line);
}

/* Sends what fell due: a notifier pass in a child, one at a time, from
 * the minute the next notification falls due. The pass takes the state's
 * lock, so a daemon or a `needlecare notify` running meanwhile never
 * sends the same milestone again. */
static void send_due(struct ui *u)
{
	struct app *a = &u->a;
	if (u->due_pid > 0 || !u->due_at || u->due_at > a->now)
		return;
	u->due_pid = due_pass_spawn(&a->plan, a->now);
	u->due_at = 0; /* planned again when the pass has ended */
	if (u->due_pid <= 0) {
		u->due_pid = 0;
		screen_status(a, true, _("A notification fell due, but the notifier could "
		                         "not be started: %s"), strerror(errno));
		plan_due(u);
	}
}

/* Reaps the children that ended, without waiting: the notifier pass, and
 * the warnings a check-in sent. When the pass ended, the state holds what
 * it sent: read it again, and plan the next one. */
static void reap(struct ui *u)
{
	struct app *a = &u->a;
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid != u->due_pid)
			continue;
		u->due_pid = 0;
		bool sent = WIFEXITED(status) && WEXITSTATUS(status) == 0;
		if (!sent && screen_forgotten(a)) {
			/* The pass refused a course forgotten meanwhile
			 * (fileio_lock): the screens show what is left. */
			char *why = xasprintf(_("Nothing was sent: %s was deleted (by needlecare "
			                        "forget, or by hand)."), a->plan.cfg.path);
			reload(u);
			screen_status(a, true, "%s", why);
			free(why);
			continue;
		}
		load_ticks(a);
		plan_due(u);
		if (!sent && !u->due_failed)
			screen_status(a, true, "%s", _("A notification fell due but could not be "
			                                 "shown on the desktop: it stays due ('needlecare "
			                                 "notify' says why)."));
		u->due_failed = !sent;
	}
}

static void show(struct ui *u, enum screen_id s)
{
	if (s != u->screen && s == SCREEN_HELP)
		u->back = u->screen;
	u->screen = s;
}

/* Tab and Shift-Tab go round every screen but help, in the order of enum
 * screen_id (that of the digit keys); from help, on from the one it was
 * opened on. */
static enum screen_id turn(const struct ui *u, int dir)
{
	int from = u->screen == SCREEN_HELP ? (int)u->back : (int)u->screen;
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
	/* TRANSLATORS: ? is the key to press. */
	char *s = xasprintf(_("%s Press ? for help."), format_practitioner_short);
	draw_text(y, 1, cols - 2, ROLE_NORMAL, s);
	free(s);
}

static void footer(enum screen_id screen, int y, int cols)
{
	struct key_hint v[32];
	char buf[768];
	bool keep[32];
	size_t n = keys_footer(SCREEN_BIT(screen), v, ARRAY_LEN(v), buf, sizeof buf);
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
		/* A hint that does not fit whole is left out, never cut. */
		if (!keep[i] || x + draw_width(v[i].keys) + 1 + draw_width(v[i].label) > cols)
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

static void frame(struct ui *u)
{
	struct app *a = &u->a;
	draw_begin();
	int rows = draw_rows(), cols = draw_cols();
	a->cursor_y = a->cursor_x = -1;
	if (too_small(rows, cols)) {
		char *s = xasprintf(_("Terminal too small: %d%s%d. needlecare needs at "
		                      "least %d%s%d."), cols, draw_glyph(GLYPH_TIMES), rows,
		                    MIN_COLS, draw_glyph(GLYPH_TIMES), MIN_ROWS);
		draw_wrap(rows / 2 - 1, 1, cols - 2, rows, ROLE_NORMAL, s);
		free(s);
		draw_end(-1, -1);
		return;
	}
	int sr = status_rows(a, cols);
	struct screen_area r = {rows - 1 - sr, cols};
	screens[u->screen]->draw(u->state[u->screen], a, &r);
	status_line(a, rows - 1 - sr, sr, cols);
	footer(u->screen, rows - 1, cols);
	draw_end(a->cursor_y, a->cursor_x);
}

/* The screen that action act shows, or -1. A screen listed with ACT_NONE
 * has no key of its own (it is reached with Tab or a request), and a key
 * that does nothing must not show it. */
static int shown_by(enum action act)
{
#define GO_(ID, name, go, title) [SCREEN_##ID] = (go),
	static const enum action go[SCREEN_COUNT] = {SCREENS(GO_)};
#undef GO_
	for (int s = 0; s < SCREEN_COUNT; s++)
		if (act != ACT_NONE && go[s] == act)
			return s;
	return -1;
}

/* Handles one action; returns true to quit. */
static bool handle(struct ui *u, const struct action_event *ev)
{
	struct app *a = &u->a;
	int rows = draw_rows(), cols = draw_cols();
	if (ev->action != ACT_RESIZE && ev->action != ACT_REDRAW)
		a->status[0] = '\0';
	struct screen_area r = {rows - 1 - status_rows(a, cols), cols};
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
		show(u, u->screen == SCREEN_HELP ? u->back : SCREEN_HELP);
		break;
	case ACT_NEXT_SCREEN:
		show(u, turn(u, +1));
		break;
	case ACT_PREV_SCREEN:
		show(u, turn(u, -1));
		break;
	default:
		if (shown_by(ev->action) >= 0)
			show(u, (enum screen_id)shown_by(ev->action));
		else if (u->screen == SCREEN_HELP && ev->action == ACT_BACK)
			show(u, u->back);
		else if (!small)
			screens[u->screen]->act(u->state[u->screen], a, ev, &r);
		break;
	}
	if (a->reload) {
		a->reload = false;
		reload(u);
	}
	if (a->changed) {
		tell(u, a->changed);
		a->changed = 0;
	}
	if (a->go >= 0) {
		show(u, (enum screen_id)a->go);
		a->go = -1;
	}
	return false;
}

/* Until a little after the next minute starts: the countdowns move then,
 * and what falls due is sent. While a child runs, a fifth of a second, to
 * reap it soon after it ends. */
static int idle_ms(const struct ui *u)
{
	if (u->due_pid > 0)
		return 200;
	time_t now = dates_now();
	long left = 60 - (long)(now % 60);
	return (int)(left * 1000 + 500);
}

static void free_ui(struct ui *u)
{
	struct app *a = &u->a;
	for (size_t s = 0; s < SCREEN_COUNT; s++)
		screens[s]->close(u->state[s]);
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
	struct ui u;
	memset(&u, 0, sizeof u);
	struct app *a = &u.a;
	a->opts = o;
	a->go = -1;
	/* Problems found while loading go to the terminal before the screen
	 * opens; warnings go to the status line. */
	struct diags d = {0};
	int rc = cache_open(&a->plan, o, false, &d);
	if (rc != STATUS_OK) {
		diags_print(&d, stderr);
		diags_free(&d);
		return rc;
	}
	char line[200];
	first_problem(&d, line, sizeof line);
	diags_free(&d);
	if (*line)
		screen_status(a, true, "%s", line);
	a->state_file = state_path("state");
	load_ticks(a);
	a->journal_file = journal_path();
	screen_load_journal(a);
	a->now = dates_now();
	for (size_t s = 0; s < SCREEN_COUNT; s++)
		u.state[s] = screens[s]->open(a);

	const char *no_color = getenv("NO_COLOR");
	bool color = a->plan.cfg.color && !(no_color && *no_color);
	catch_signals(); /* before curses, which then leaves them to us */
	char *err;
	if (!draw_start(color, &err)) {
		warn("%s", err);
		free(err);
		free_ui(&u);
		return STATUS_FAIL;
	}
	u.screen = first_screen(a);
	u.back = SCREEN_TODAY;
	bool quit = false, planned = false;
	while (!quit && !caught) {
		a->now = dates_now();
		reap(&u);
		send_due(&u);
		frame(&u);
		/* What falls due when is worked out once the first frame is up:
		 * it is not needed to draw it. What is due already goes at once. */
		if (!planned) {
			plan_due(&u);
			planned = true;
			if (u.due_at && u.due_at <= a->now)
				continue;
		}
		struct action_event ev;
		const struct screen_ops *on = screens[u.screen];
		const char *text = on->text ? on->text(u.state[u.screen], a) : NULL;
		if (!keys_read(idle_ms(&u), SCREEN_BIT(u.screen), text, &ev))
			continue;
		a->now = dates_now();
		quit = handle(&u, &ev);
	}
	draw_stop();
	free_ui(&u);
	if (caught) {
		/* Die of the signal, so that whoever started us knows. */
		int sig = caught;
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return STATUS_OK;
}
