/* screen_booking: the sessions of the course, and a form to book a new
 * one or to move or cancel one: the date and time (checked as it is typed,
 * the problem shown beside the field), the protocol, the cold-sore
 * question. A date too close to another session of the course shows the
 * warning of `needlecare book` (course_too_close) and asks for a second
 * confirmation, as book asks for --force. Confirming books as `needlecare
 * book` does (booking_run: under the configuration's lock, to the file as
 * it is now), with only what the form changed; then the loop reloads, and
 * shows what the file holds. */
#include "care/booking.h"
#include "care/config.h"
#include "base/dates.h"
#include "term/draw.h"
#include "base/i18n.h"
#include "send/alert.h"
#include "care/format.h"
#include "care/protocol.h"
#include "screens/screen.h"
#include "care/screening.h"
#include "base/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* What the date field takes; other keys keep their meaning. '/' and '.'
 * are taken so that a date typed the wrong way gets an explanation. */
static const char date_chars[] = "0123456789-: /.";
enum { FIELD_W = 18, LABEL_W = 16, LISTED = 64 };

enum item_kind { IT_SESSION, IT_NEW, IT_DATE, IT_PROTOCOL, IT_COLD, IT_CONFIRM,
                 IT_CANCEL };
struct item {
	enum item_kind kind;
	size_t session;
};

/* The state: the form, as the patient left it when going to another
 * screen; filled in from the configuration on first sight, and emptied
 * when it is saved or the plan changes. */
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

static const struct config *cfg_of(const struct app *a)
{
	return &a->plan.cfg;
}

/* The form's rows, in focus order: v holds LISTED + 6 (a course of more
 * than LISTED sessions shows its first LISTED). */
static int items(const struct booking_form *b, const struct app *a, struct item *v)
{
	const struct config *c = cfg_of(a);
	int n = 0;
	for (size_t i = 0; i < c->nsessions && i < LISTED; i++)
		v[n++] = (struct item){IT_SESSION, i};
	if (c->nsessions)
		v[n++] = (struct item){IT_NEW, 0};
	v[n++] = (struct item){IT_DATE, 0};
	v[n++] = (struct item){IT_PROTOCOL, 0};
	v[n++] = (struct item){IT_COLD, 0};
	v[n++] = (struct item){IT_CONFIRM, 0};
	if (b->editing < c->nsessions)
		v[n++] = (struct item){IT_CANCEL, 0};
	return n;
}

static int find_item(const struct booking_form *b, const struct app *a,
                     enum item_kind k)
{
	struct item v[LISTED + 6];
	int n = items(b, a, v);
	for (int i = 0; i < n; i++)
		if (v[i].kind == k)
			return i;
	return 0;
}

/* The item with the focus. */
static struct item focused(const struct booking_form *b, const struct app *a,
                           int *count)
{
	struct item v[LISTED + 6];
	int n = items(b, a, v);
	int f = b->focus;
	if (f >= n)
		f = n - 1;
	if (f < 0)
		f = 0;
	if (count)
		*count = n;
	return v[f];
}

static size_t choice_count(const struct booking_form *b)
{
	return protocol_builtin_count() + (b->custom ? 1 : 0);
}

static const char *choice_name(const struct booking_form *b, size_t i)
{
	return i < protocol_builtin_count() ? protocol_builtin_name(i) : b->custom;
}

static int cold_index(void)
{
	const struct screening_question *q = screening_find("cold-sores");
	return q ? (int)(q - screening_questions) : -1;
}

static void fill(struct booking_form *b, const struct app *a)
{
	const struct config *c = cfg_of(a);
	free(b->custom);
	protocol_free(b->chosen);
	memset(b, 0, sizeof *b);
	b->ready = true;
	b->editing = SIZE_MAX;
	b->protocol = 0;
	for (size_t i = 0; i < protocol_builtin_count(); i++)
		if (c->protocol && strcmp(c->protocol, protocol_builtin_name(i)) == 0)
			b->protocol = i;
	if (c->protocol && b->protocol == 0 &&
	    strcmp(c->protocol, protocol_builtin_name(0)) != 0) {
		b->custom = xstrdup(c->protocol);
		b->protocol = protocol_builtin_count();
	}
	b->first = b->protocol;
	int q = cold_index();
	b->cold = b->cold_first = q >= 0 && c->answers ? c->answers[q] : -1;
	b->focus = find_item(b, a, c->nsessions ? IT_NEW : IT_DATE);
}

/* Empties the form, so that it is filled from the configuration again. */
static void reset(struct booking_form *b)
{
	free(b->custom);
	protocol_free(b->chosen);
	memset(b, 0, sizeof *b);
}

static void *open_booking(const struct app *a)
{
	(void)a;
	return xcalloc(1, sizeof(struct booking_form));
}

static void close_booking(void *state)
{
	reset(state);
	free(state);
}

/* The form was filled from the configuration the old plan was read
 * from. */
static void changed_booking(void *state, struct app *a, unsigned what)
{
	(void)a;
	if (what & CHANGED_PLAN)
		reset(state);
}

/* The protocol whose interval applies: see struct booking_form. */
static const struct protocol *interval_protocol(const struct booking_form *b,
                                               const struct app *a)
{
	return b->protocol == b->first ? a->plan.proto : b->chosen;
}

/* Why a session at w (skip: the one being moved, or SIZE_MAX) would be too
 * close to another session of c, as `needlecare book` says it, or NULL
 * (allocated). */
static char *too_close(const struct booking_form *b, const struct app *a,
                       const struct config *c, const struct civil *w, size_t skip)
{
	return booking_too_close(interval_protocol(b, a), c, w, skip);
}

static const char *text_booking(const void *state, const struct app *a)
{
	const struct booking_form *b = state;
	if (!b->ready)
		return NULL;
	return focused(b, a, NULL).kind == IT_DATE ? date_chars : NULL;
}

static void draw_row_focus(int y, const struct screen_area *r, bool focus)
{
	if (focus)
		draw_fill(y, 0, r->cols, ROLE_SELECTED);
}

static const char *cold_word(signed char v)
{
	return v < 0 ? _("not answered") : v ? _("yes") : _("no");
}

static int draw_choice(int y, int x, int w, bool focus, const char *value)
{
	enum role role = focus ? ROLE_SELECTED : ROLE_NORMAL;
	char *s = xasprintf("%s %s %s", draw_glyph(GLYPH_CHOICE_L), value,
	                    draw_glyph(GLYPH_CHOICE_R));
	int used = draw_text(y, x, w, role, s);
	free(s);
	return used;
}

static void draw_booking(void *state, struct app *a, const struct screen_area *r)
{
	struct booking_form *b = state;
	if (!b->ready)
		fill(b, a);
	const struct config *c = cfg_of(a);
	int count;
	struct item f = focused(b, a, &count);
	if (b->focus >= count)
		b->focus = count - 1;

	char right[48];
	snprintf(right, sizeof right, P_("%zu session booked", "%zu sessions booked",
	                                 c->nsessions), c->nsessions);
	screen_title(r, _("Booking"), NULL, right);
	/* On a short terminal the blank rows and the question go. */
	bool tight = r->rows < 18;
	int y = tight ? 1 : 2, W = r->cols;

	/* The form needs 11 rows (7 when tight); the sessions get the rest. */
	if (c->nsessions) {
		draw_text(y++, 1, W - 2, ROLE_HEADING, _("Your course"));
		int room = r->rows - y - (tight ? 10 : 14);
		if (room < 1)
			room = 1;
		size_t first = 0;
		if (f.kind == IT_SESSION && f.session >= (size_t)room)
			first = f.session - (size_t)room + 1;
		char when[40], cd[40];
		for (size_t i = first; i < c->nsessions && i < LISTED && i < first + (size_t)room;
		     i++, y++) {
			bool focus = f.kind == IT_SESSION && f.session == i;
			enum role role = focus ? ROLE_SELECTED : ROLE_NORMAL;
			draw_row_focus(y, r, focus);
			format_long(c->sessions[i].start, when, sizeof when);
			format_countdown(c->sessions[i].start, a->now, cd, sizeof cd);
			char *line = xasprintf("%zu  %s  %s%s", i + 1, when, c->sessions[i].zone,
			                       b->editing == i ? _("  (changing)") : "");
			int cw = draw_width(cd);
			draw_text(y, 3, W - 3 - cw - 3, role, line);
			draw_text_right(y, W - 1, cw, role, cd);
			free(line);
		}
		if (first + (size_t)room < c->nsessions && first + (size_t)room < LISTED)
			draw_text(y++, 3, W - 4, ROLE_DIM, "...");
		bool focus = f.kind == IT_NEW;
		draw_row_focus(y, r, focus);
		draw_text(y++, 3, W - 4, focus ? ROLE_SELECTED : ROLE_NORMAL,
		          _("+ New session"));
		y += !tight;
	}

	char *head;
	if (b->editing < c->nsessions)
		head = xasprintf(_("Change session %zu: a new date moves it"), b->editing + 1);
	else
		head = xstrdup(c->nsessions ? _("New session") : _("Book your session"));
	draw_text(y++, 1, W - 2, ROLE_HEADING, head);
	free(head);

	/* The date field, and beside it what is wrong with it. */
	int fx = 3 + LABEL_W;
	bool focus = f.kind == IT_DATE;
	draw_row_focus(y, r, false);
	draw_text(y, 3, LABEL_W, focus ? ROLE_HEADING : ROLE_NORMAL, _("Date and time"));
	draw_text(y, fx, 1, ROLE_NORMAL, "[");
	draw_fill(y, fx + 1, FIELD_W, ROLE_FIELD);
	size_t len = strlen(b->text);
	const char *shown = len > FIELD_W - 1 ? b->text + len - (FIELD_W - 1) : b->text;
	int tw = draw_text(y, fx + 1, FIELD_W, ROLE_FIELD, shown);
	draw_text(y, fx + 1 + FIELD_W, 1, ROLE_NORMAL, "]");
	if (focus) {
		a->cursor_y = y;
		a->cursor_x = fx + 1 + tw;
	}
	int mx = fx + FIELD_W + 3, mw = W - 1 - mx;
	struct civil w;
	char why[DATES_WHY];
	if (!*b->text) {
		/* The example is a week ahead: a date that has passed is no
		 * example of a booking. */
		struct civil ex = dates_civil(dates_step(a->now, (struct offset){7, UNIT_DAY}, 630));
		char *hint = xasprintf(_("as YYYY-MM-DD HH:MM, such as %04d-%02d-%02d 10:30"),
		                       ex.year, ex.month, ex.day);
		draw_wrap(y, mx, mw, 2, ROLE_DIM, hint);
		free(hint);
	} else if (!dates_parse_moment(b->text, false, &w, why, sizeof why)) {
		draw_wrap(y, mx, mw, 2, ROLE_ERROR, why);
	} else {
		char when[40], cd[40];
		time_t t = dates_resolve(&w);
		format_long(t, when, sizeof when);
		format_countdown(t, a->now, cd, sizeof cd);
		/* Too close to another session: the warning is below. */
		char *gap = too_close(b, a, c, &w, b->editing < c->nsessions ? b->editing
		                                                            : SIZE_MAX);
		bool past = t < a->now;
		char *ok = past ? xasprintf(_("%s %s (%s): that has passed"), draw_glyph(GLYPH_WARN),
		                            when, cd)
		                : xasprintf("%s %s (%s)", draw_glyph(gap ? GLYPH_WARN : GLYPH_ALLOW),
		                            when, cd);
		draw_wrap(y, mx, mw, 2, gap || past ? ROLE_ERROR : ROLE_ALLOW, ok);
		free(ok);
		free(gap);
	}
	y += tight ? 2 : 3;

	focus = f.kind == IT_PROTOCOL;
	draw_text(y, 3, LABEL_W, focus ? ROLE_HEADING : ROLE_NORMAL, _("Protocol"));
	int used = draw_choice(y, fx, W - 1 - fx, focus, choice_name(b, b->protocol));
	if (choice_count(b) > 1) {
		char *hint = xasprintf(_("%s%s to choose"), draw_glyph(GLYPH_LEFT),
		                       draw_glyph(GLYPH_RIGHT));
		draw_text(y, fx + used + 2, W - 1 - (fx + used + 2), ROLE_DIM, hint);
		free(hint);
	}
	y++;

	int q = cold_index();
	if (q >= 0) {
		focus = f.kind == IT_COLD;
		draw_text(y, 3, LABEL_W, focus ? ROLE_HEADING : ROLE_NORMAL, _("Cold sores"));
		draw_choice(y++, fx, W - 1 - fx, focus, cold_word(b->cold));
		if (!tight)
			y += draw_wrap(y, fx, W - 1 - fx, 2, ROLE_DIM,
			               _(screening_questions[q].question));
	}
	y += !tight;

	focus = f.kind == IT_CONFIRM;
	char *gap = *b->text && dates_parse_moment(b->text, false, &w, why, sizeof why)
	              ? too_close(b, a, c, &w, b->editing < c->nsessions ? b->editing
	                                                                  : SIZE_MAX)
	              : NULL;
	char *label;
	if (b->confirm_past)
		label = xstrdup(_("[ Press Enter again to record it as a session done ]"));
	else if (gap && b->confirm_close)
		label = xstrdup(b->editing < c->nsessions ? _("[ Press Enter again to save it anyway ]")
		                                          : _("[ Press Enter again to book it anyway ]"));
	else if (b->editing < c->nsessions)
		label = xasprintf(_("[ Save session %zu ]"), b->editing + 1);
	else
		label = xstrdup(_("[ Book this session ]"));
	draw_text(y++, 3, W - 4, focus ? ROLE_SELECTED : ROLE_HEADING, label);
	free(label);
	if (b->editing < c->nsessions) {
		focus = f.kind == IT_CANCEL;
		char *cancel = b->confirm_cancel
		               ? xasprintf(_("[ Press Enter again to cancel session %zu ]"),
		                           b->editing + 1)
		               : xasprintf(_("[ Cancel session %zu ]"), b->editing + 1);
		draw_text(y++, 3, W - 4, focus ? ROLE_SELECTED : ROLE_NORMAL, cancel);
		free(cancel);
	}
	if (gap) {
		/* Below the buttons, in the words of `needlecare book`. */
		char *warning = xasprintf(b->editing < c->nsessions
		                          ? _("%s Too close: %s. To save it anyway, press Enter "
		                              "on the button twice.")
		                          : _("%s Too close: %s. To book it anyway, press Enter "
		                              "on the button twice."), draw_glyph(GLYPH_WARN), gap);
		if (y + !tight < r->rows)
			draw_wrap(y + !tight, 1, W - 2, r->rows - y - !tight, ROLE_ERROR, warning);
		free(warning);
		free(gap);
		return;
	}
	if (!c->nsessions && y + 1 < r->rows)
		draw_wrap(y + 1, 1, W - 2, r->rows - y - 1, ROLE_DIM,
		          /* TRANSLATORS: b is the key to press. */
		          _("needlecare plans your care around this appointment. "
		            "Press b later to add, move or cancel a session."));
}

/* What booking_run() did not do, said on the status line; false when it
 * was done. */
static bool refused(struct booking_form *b, struct app *a,
                    const struct booking_result *res)
{
	switch (res->status) {
	case BOOKING_DONE:
		/* What the file holds now, changes made outside included. */
		a->reload = true;
		return false;
	case BOOKING_UNREADABLE:
		screen_config_problem(a, &res->diags);
		break;
	case BOOKING_GONE:
		/* The screens show the course as it is now. */
		screen_status(a, true, _("Not saved: %s by another needlecare meanwhile (%s)."),
		              res->why, res->cfg.path);
		a->reload = true;
		break;
	case BOOKING_TOO_CLOSE:
		/* The warning shows below the form, and only a second Enter books
		 * it, as --force does for book. */
		b->confirm_close = true;
		break;
	case BOOKING_PAST:
		/* A date that has passed is the record of a session done, never a
		 * plan: only a second Enter, as --force does for book. */
		b->confirm_past = true;
		screen_status(a, true, "%s", _("That date has passed: press Enter again to record "
		                               "a session already done."));
		break;
	case BOOKING_NO_PROTOCOL:
		screen_status(a, true, _("Not saved: %s"), res->diags.n ? res->diags.v[0].msg
		              : _("the protocol cannot be opened"));
		break;
	case BOOKING_REFUSED:
	case BOOKING_NOT_SAVED:
		screen_status(a, true, _("Not saved: %s"), res->why);
		break;
	}
	return true;
}

static void finish(struct booking_form *b, struct app *a, struct config *cfg,
                   const char *what)
{
	char *course = xasprintf(P_("The course has %zu session (%s).",
	                            "The course has %zu sessions (%s).", cfg->nsessions),
	                         cfg->nsessions, cfg->path);
	screen_status(a, false, "%s %s%s", what, course,
	              a->opts->session ? _(" This view shows the --session given.") : "");
	free(course);
	config_free(cfg);
	reset(b);
	a->go = SCREEN_TODAY;
}

static void confirm(struct app *a, struct booking_form *b)
{
	struct civil w;
	char why[DATES_WHY];
	if (!dates_parse_moment(b->text, false, &w, why, sizeof why)) {
		screen_status(a, true, _("The date and time: %s"), why);
		b->focus = find_item(b, a, IT_DATE);
		return;
	}
	if (!interval_protocol(b, a)) {
		screen_status(a, true, _("Not saved: the protocol %s cannot be opened"),
		              choice_name(b, b->protocol));
		return;
	}
	/* Only what the patient changed in the form: the rest stays as the
	 * file has it now, changed elsewhere or not. Saving a session at the
	 * time it already has changes only the protocol and the answer. */
	int q = cold_index();
	struct booking_request r = {
		.op = b->editing < a->plan.cfg.nsessions ? BOOKING_MOVE : BOOKING_ADD,
		.before = &a->plan.cfg, .session = b->editing, .when = w,
		.protocol = b->protocol != b->first ? choice_name(b, b->protocol) : NULL,
		.interval = interval_protocol(b, a),
		.answer = q >= 0 && b->cold != b->cold_first ? q : -1, .answer_value = b->cold,
		.force_close = b->confirm_close, .force_past = b->confirm_past,
		.keep_same = true, .now = a->now,
	};
	struct booking_result res;
	booking_run(&r, &res);
	if (refused(b, a, &res)) {
		booking_result_free(&res);
		return;
	}
	char when[40];
	format_long(res.start, when, sizeof when);
	/* A late booking: what is already in force, said and sent at once. */
	size_t news = 0;
	char *err;
	if (!res.same && !alert_booking(res.interval, &res.cfg, res.start, a->now,
	                                ALERT_ASYNC, &news, &err))
		free(err);
	char *in_force = news == 1 ? xstrdup(_(" One pause already applies: see Today."))
	                 : news ? xasprintf(P_(" %zu pause already applies: see Today.",
	                                       " %zu pauses already apply: see Today.", news),
	                                    news)
	                 : xstrdup("");
	char *head = xasprintf(res.same ? _("Saved: session on %s.")
	                       : res.start < a->now ? _("Recorded as done: session on %s.")
	                       : r.op == BOOKING_MOVE ? _("Moved to: session on %s.")
	                       : _("Booked: session on %s."), when);
	char *what = xasprintf("%s%s%s", head,
	                       res.close ? _(" It is too close to another session: ask "
	                                     "your practitioner first.") : "", in_force);
	free(head);
	free(in_force);
	bool unscreened = false;
	for (size_t i = 0; i < screening_count; i++)
		unscreened |= res.cfg.answers[i] < 0;
	finish(b, a, &res.cfg, what);
	free(what);
	/* The first booking, with screening questions not answered yet: the
	 * questions come next, whichever the form answered. */
	if (res.first && unscreened)
		a->go = SCREEN_SCREENING;
	booking_result_free(&res);
}

static void cancel(struct app *a, struct booking_form *b)
{
	if (!b->confirm_cancel) {
		b->confirm_cancel = true;
		return;
	}
	struct booking_request r = {.op = BOOKING_CANCEL, .before = &a->plan.cfg,
	                            .session = b->editing, .interval = a->plan.proto,
	                            .answer = -1, .now = a->now};
	struct booking_result res;
	booking_run(&r, &res);
	if (refused(b, a, &res)) {
		booking_result_free(&res);
		return;
	}
	char when[40];
	format_long(res.start, when, sizeof when);
	char *what = xasprintf(_("Cancelled: session on %s."), when);
	finish(b, a, &res.cfg, what);
	free(what);
	booking_result_free(&res);
}

static void change(struct booking_form *b, struct app *a, enum item_kind k, int dir)
{
	if (k == IT_PROTOCOL) {
		size_t n = choice_count(b);
		b->protocol = (b->protocol + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
		/* Its interval between sessions applies from now on. */
		protocol_free(b->chosen);
		b->chosen = NULL;
		if (b->protocol != b->first) {
			struct diags d = {0};
			b->chosen = protocol_open(choice_name(b, b->protocol), &d);
			if (!b->chosen)
				screen_status(a, true, _("The protocol %s cannot be opened: %s"),
				              choice_name(b, b->protocol),
				              d.n ? d.v[0].msg : _("unknown problem"));
			diags_free(&d);
		}
	} else if (k == IT_COLD) {
		/* not answered -> yes -> no -> yes ... */
		b->cold = b->cold == 1 ? 0 : 1;
	}
}

static void edit_session(struct booking_form *b, const struct app *a, size_t i)
{
	b->editing = i;
	b->confirm_cancel = false;
	dates_format_civil(&cfg_of(a)->sessions[i].wall, false, b->text, sizeof b->text);
	b->focus = find_item(b, a, IT_DATE);
}

static void new_session(struct booking_form *b, const struct app *a)
{
	b->editing = SIZE_MAX;
	b->confirm_cancel = false;
	b->text[0] = '\0';
	b->focus = find_item(b, a, IT_DATE);
}

static void act_booking(void *state, struct app *a, const struct action_event *ev,
                        const struct screen_area *r)
{
	(void)r;
	struct booking_form *b = state;
	if (!b->ready)
		fill(b, a);
	int n;
	struct item f = focused(b, a, &n);
	size_t len = strlen(b->text);
	if (ev->action != ACT_ENTER)
		b->confirm_cancel = b->confirm_close = b->confirm_past = false;
	switch (ev->action) {
	case ACT_UP:
		if (b->focus > 0)
			b->focus--;
		break;
	case ACT_DOWN:
	case ACT_BACK:
		if (b->focus + 1 < n)
			b->focus++;
		break;
	case ACT_TOP:
	case ACT_PAGE_UP:
		b->focus = 0;
		break;
	case ACT_BOTTOM:
	case ACT_PAGE_DOWN:
		b->focus = n - 1;
		break;
	case ACT_CHAR:
		if (f.kind == IT_DATE && len < BOOK_DATE_MAX) {
			b->text[len] = (char)ev->ch;
			b->text[len + 1] = '\0';
		}
		break;
	case ACT_ERASE:
		if (f.kind == IT_DATE && len)
			b->text[len - 1] = '\0';
		break;
	case ACT_LEFT:
		change(b, a, f.kind, -1);
		break;
	case ACT_RIGHT:
	case ACT_TICK:
		change(b, a, f.kind, +1);
		break;
	case ACT_NEW:
		new_session(b, a);
		break;
	case ACT_ENTER:
		switch (f.kind) {
		case IT_SESSION:
			edit_session(b, a, f.session);
			break;
		case IT_NEW:
			new_session(b, a);
			break;
		case IT_DATE:
		case IT_PROTOCOL:
		case IT_COLD:
			b->focus++;
			break;
		case IT_CONFIRM:
			confirm(a, b);
			break;
		case IT_CANCEL:
			cancel(a, b);
			break;
		}
		if (f.kind != IT_CANCEL)
			b->confirm_cancel = false;
		if (f.kind != IT_CONFIRM)
			b->confirm_close = b->confirm_past = false;
		break;
	default:
		break;
	}
}

const struct screen_ops screen_booking_ops = {
	.open = open_booking,
	.close = close_booking,
	.draw = draw_booking,
	.act = act_booking,
	.text = text_booking,
	.changed = changed_booking,
};
