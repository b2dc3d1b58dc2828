/* screen_today: the first screen. Where the patient stands (countdown,
 * phase and progress); the warning of a check-in that tripped a rule, until
 * it is acknowledged; then, as the today command prints them, the
 * screening answers to discuss before the session, the check-in that is
 * due, what applies today, and what comes next. */
#include "care/config.h"
#include "term/draw.h"
#include "base/i18n.h"
#include "care/format.h"
#include "care/rules.h"
#include "screens/screen.h"
#include "care/screening.h"
#include "care/timeline.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

enum { COMING_UP = 5 }; /* as many as the today command shows */

struct line {
	enum { L_BLANK, L_HEAD, L_ITEM, L_NOTE, L_MORE } kind; /* L_MORE: an
	                                     * item's text, wrapped on */
	bool has_glyph;
	enum glyph glyph;
	enum role glyph_role, role;
	char *when;  /* coming up: the left column */
	char *text;
	char *right;
};

struct lines {
	struct line *v;
	size_t n, cap;
	int when_w;  /* the widest when of coming up */
	int right_w; /* the widest right column of the others */
};

static struct line *add(struct lines *l, int kind, enum role role, const char *text)
{
	xgrow(&l->v, &l->cap, l->n + 1, sizeof *l->v);
	struct line *x = &l->v[l->n++];
	memset(x, 0, sizeof *x);
	x->kind = kind;
	x->role = role;
	x->text = xstrdup(text ? text : "");
	return x;
}

static void free_lines(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].when);
		free(l->v[i].text);
		free(l->v[i].right);
	}
	free(l->v);
}

static void heading(struct lines *l, const char *text)
{
	if (l->n)
		add(l, L_BLANK, ROLE_NORMAL, NULL);
	add(l, L_HEAD, ROLE_HEADING, text);
}

static void item(struct lines *l, enum glyph g, enum role gr, const char *text,
                 char *right)
{
	struct line *x = add(l, L_ITEM, ROLE_NORMAL, text);
	x->has_glyph = true;
	x->glyph = g;
	x->glyph_role = gr;
	x->right = right;
	if (right && draw_width(right) > l->right_w)
		l->right_w = draw_width(right);
}

/* One group of timeline_today(), as the today command shows it. */
static void group(const struct app *a, struct lines *l, const struct timeline_day *day,
                  const char *title, enum today_group g)
{
	const struct timeline *t = &a->plan.tl;
	bool head = false;
	char when[40];
	for (size_t i = 0; i < t->count; i++) {
		const struct timeline_entry *e = &t->entries[i];
		if (timeline_today(e, day) != g)
			continue;
		if (!head)
			heading(l, title);
		head = true;
		if (g == TODAY_ENDING) {
			struct timeline_event ev = {e, true, e->end};
			char *text = format_event_title(&ev);
			format_when(e->end, a->now, when, sizeof when);
			bool back = e->m->kind == KIND_RESTRICTION;
			item(l, back ? GLYPH_ALLOW : GLYPH_BULLET,
			     back ? ROLE_ALLOW : ROLE_EXPECT, text,
			     back ? xasprintf(e->end <= a->now ? _("since %s") : _("from %s"), when)
			          : xstrdup(when));
			free(text);
		} else if (timeline_in_force(e, a->now)) {
			format_when(e->end, a->now, when, sizeof when);
			item(l, screen_glyph(a, e), screen_glyph_role(e), e->m->title,
			     xasprintf(_("until %s"), when));
		} else if (g == TODAY_STARTING) {
			format_when(e->start, a->now, when, sizeof when);
			item(l, screen_glyph(a, e), screen_glyph_role(e), e->m->title,
			     xasprintf(_("from %s"), when));
		} else {
			format_when(e->start, a->now, when, sizeof when);
			item(l, screen_glyph(a, e), screen_glyph_role(e), e->m->title,
			     xstrdup(when));
		}
	}
}

/* An item whose text wraps onto the lines below it, in cols columns. */
static void wrapped(struct lines *l, enum glyph g, enum role gr, const char *text,
                    int cols)
{
	int tx = 3 + draw_width(draw_glyph(g)) + 1;
	char **v;
	size_t n = draw_lines(text, cols - 1 - tx, &v);
	for (size_t i = 0; i < n; i++) {
		if (i == 0)
			item(l, g, gr, v[i], NULL);
		else
			add(l, L_MORE, ROLE_NORMAL, v[i]);
		free(v[i]);
	}
	free(v);
}

/* The screening answers to discuss before the session, as `today`
 * prints them (never "you cannot be treated": that is the practitioner's
 * decision). */
static void discuss(const struct app *a, struct lines *l, int cols)
{
	if (!screen_discuss(a))
		return;
	heading(l, format_discuss_heading);
	for (size_t i = 0; i < screening_count; i++) {
		if (a->plan.cfg.answers[i] != 1)
			continue;
		char *s = xasprintf(_("%s You answered yes: %s."),
		                    _(screening_questions[i].question),
		                    _(screening_questions[i].reason));
		wrapped(l, GLYPH_WARN, ROLE_ERROR, s, cols);
		free(s);
	}
}

/* The check-in that is due and not done, with the key that opens it. */
static void checkin_due(const struct app *a, struct lines *l)
{
	const struct timeline_entry *due = timeline_checkin_due(&a->plan.tl, &a->journal, a->now);
	const struct timeline_entry *missed = timeline_checkin_missed(&a->plan.tl, &a->journal, a->now);
	char key[16];
	if (due) {
		heading(l, _("Check-in due"));
		item(l, GLYPH_BOX, ROLE_TODO, due->m->title,
		     xasprintf(_("press %s"), keys_name(ACT_GO_CHECKIN, key, sizeof key)));
	}
	if (missed) {
		heading(l, _("Missed check-in"));
		item(l, GLYPH_BULLET, ROLE_DIM, missed->m->title,
		     xasprintf(_("any day: press %s"), keys_name(ACT_GO_CHECKIN, key, sizeof key)));
	}
}

static void build(const struct app *a, struct lines *l, int cols)
{
	const struct timeline *t = &a->plan.tl;
	memset(l, 0, sizeof *l);
	if (t->nsessions == 0) {
		add(l, L_NOTE, ROLE_NORMAL, _("No session is booked yet."));
		/* TRANSLATORS: b is the key to press. */
		add(l, L_NOTE, ROLE_NORMAL, _("Press b to book one: its date and time are "
		                              "all needlecare needs to plan your care."));
		return;
	}
	discuss(a, l, cols);
	struct timeline_position pos;
	if (timeline_position(t, a->now, &pos) && pos.before && !*a->plan.cfg.clinic_phone) {
		char *ask = format_no_phone(&a->plan.cfg);
		heading(l, _("Before your session"));
		wrapped(l, GLYPH_BULLET, ROLE_TODO, ask, cols);
		free(ask);
	}
	struct timeline_day day = timeline_day_of(a->now);
	/* The session is the first thing on its own day. */
	for (size_t i = 0; i < t->nsessions; i++)
		if (t->sessions[i] >= day.start && t->sessions[i] < day.end) {
			char when[40], count[40];
			format_when(t->sessions[i], a->now, when, sizeof when);
			format_countdown(t->sessions[i], a->now, count, sizeof count);
			heading(l, _("Your session today"));
			char *text = xasprintf(_("Session %zu of %zu, %s"), i + 1, t->nsessions, when);
			item(l, GLYPH_BULLET, ROLE_HEADING, text, xstrdup(count));
			free(text);
		}
	checkin_due(a, l);
	group(a, l, &day, _("In force now"), TODAY_IN_FORCE);
	group(a, l, &day, _("Starting later today"), TODAY_STARTING);
	group(a, l, &day, _("Ending today"), TODAY_ENDING);
	group(a, l, &day, _("Expect today"), TODAY_EXPECT);
	group(a, l, &day, _("To do today"), TODAY_TODO);
	heading(l, _("Coming up"));
	size_t shown = 0;
	char when[40], count[40];
	const struct timeline_event *ev = timeline_next(t, a->now + 1);
	for (; ev && ev < t->events + t->nevents && shown < COMING_UP; ev++, shown++) {
		char *title = format_event_title(ev);
		format_when(ev->when, a->now, when, sizeof when);
		format_countdown(ev->when, a->now, count, sizeof count);
		struct line *x = add(l, L_ITEM, ROLE_NORMAL, title);
		x->when = xstrdup(when);
		x->right = xstrdup(count);
		int w = draw_width(when);
		if (w > l->when_w)
			l->when_w = w;
		free(title);
	}
	if (shown == 0)
		add(l, L_NOTE, ROLE_NORMAL, _("Nothing more: the course is complete."));
}

/* "Day 3 after your session", "Session 2 of 3 in 4 days 3 h · Wed 2 Dec 10:30". */
static char *countdown(const struct app *a, const struct timeline_position *p)
{
	const struct timeline *t = &a->plan.tl;
	time_t t0 = t->sessions[p->session - 1];
	char count[40], when[40];
	if (p->before) {
		format_countdown_long(t0, a->now, count, sizeof count);
		format_when(t0, a->now, when, sizeof when);
		/* TRANSLATORS: "Session in 4 days 3 h · Wed 2 Dec 10:30". */
		if (t->nsessions == 1)
			return xasprintf(_("Session %s %s %s"), count, draw_glyph(GLYPH_DOT), when);
		/* TRANSLATORS: "Session 2 of 3 in 4 days 3 h · Wed 2 Dec 10:30". */
		return xasprintf(_("Session %u of %zu %s %s %s"), p->session, t->nsessions,
		                 count, draw_glyph(GLYPH_DOT), when);
	}
	return format_day_after(p->day, p->session, t->nsessions, false);
}

/* The phase, a bar of how far through it now is, and when it ends. */
static void phase_line(const struct app *a, const struct screen_area *r,
                       const struct timeline_position *p)
{
	const char *label = protocol_phase_label(p->phase);
	int x = 1 + draw_text(1, 1, r->cols - 2, ROLE_HEADING, label) + 2;
	if (!p->phase_end)
		return;
	char when[40];
	format_when(p->phase_end, a->now, when, sizeof when);
	char *until = xasprintf(_("next phase %s"), when);
	int uw = draw_width(until);
	int bw = r->cols - 1 - uw - 2 - x;
	if (bw >= 8) {
		double frac = (double)(a->now - p->phase_start) /
		              (double)(p->phase_end - p->phase_start);
		draw_bar(1, x, bw, frac);
		draw_text_right(1, r->cols - 1, uw, ROLE_DIM, until);
	}
	free(until);
}

/* The warning banner: a line of text in a role, at a column. */
struct bline {
	enum role role;
	int x;
	char *text;
	char *right;
};

/* The banner of the newest check-in whose warnings are not acknowledged:
 * each rule's title and action, the practitioner's name and phone (after
 * the first rule) when the configuration has them, and how to acknowledge
 * it. At most max lines: the last one always says how, and when the rest
 * does not fit, the line before it says where to read all of it. Returns
 * the count (0: no banner). */
static size_t banner(const struct app *a, int cols, int max, struct bline **out)
{
	*out = NULL;
	const struct redflag **f = xcalloc(a->plan.proto->nredflags + 1, sizeof *f);
	size_t entry, n = screen_alert(a, &entry, f);
	if (n == 0 || max < 3) {
		free(f);
		return 0;
	}
	struct bline *v = NULL;
	size_t k = 0, cap = 0;
	char when[40];
	format_when(a->journal.v[entry].when, a->now, when, sizeof when);
	const struct config *c = &a->plan.cfg;
	for (size_t i = 0; i < n; i++) {
		xgrow(&v, &cap, k + 1, sizeof *v);
		v[k++] = (struct bline){ROLE_ALERT, 1, xasprintf("%s %s",
		                        draw_glyph(GLYPH_WARN), f[i]->title),
		                        i == 0 ? xasprintf(_("check-in %s"), when) : NULL};
		char **lines;
		size_t m = draw_lines(f[i]->action, cols - 4, &lines);
		for (size_t j = 0; j < m; j++) {
			xgrow(&v, &cap, k + 1, sizeof *v);
			v[k++] = (struct bline){ROLE_NORMAL, 3, lines[j], NULL};
		}
		free(lines);
		if (i == 0) {
			/* Wrapped, never cut: the phone number matters most. */
			char *who = format_clinic(c);
			if (!who)
				who = format_no_phone(c);
			m = draw_lines(who, cols - 4, &lines);
			for (size_t j = 0; j < m; j++) {
				xgrow(&v, &cap, k + 1, sizeof *v);
				v[k++] = (struct bline){ROLE_HEADING, 3, lines[j], NULL};
			}
			free(lines);
			free(who);
		}
	}
	/* Too long: the lines that do not fit go, and a line says where the
	 * whole of it is; never how to acknowledge it. */
	if (k > (size_t)max - 1) {
		while (k > (size_t)max - 2) {
			k--;
			free(v[k].text);
			free(v[k].right);
		}
		v[k++] = (struct bline){ROLE_DIM, 3, xasprintf(_("%s more in 'needlecare "
		                          "journal'"), draw_glyph(GLYPH_ELLIPSIS)), NULL};
	}
	char key[16];
	xgrow(&v, &cap, k + 1, sizeof *v);
	v[k++] = (struct bline){ROLE_DIM, 3, xasprintf(_("Press %s once you have read "
	                          "this."), keys_name(ACT_ACK, key, sizeof key)), NULL};
	free(f);
	*out = v;
	return k;
}

/* The banner may take all the rows of the list but two (and the blank
 * row above them): it matters more. */
static int banner_max(const struct screen_area *r)
{
	return r->rows - 3 - 3;
}

static void free_banner(struct bline *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].text);
		free(v[i].right);
	}
	free(v);
}

/* Where the list starts: below the banner (and a blank row) when there is
 * one. */
static int list_top(const struct app *a, const struct screen_area *r)
{
	struct bline *v;
	size_t n = banner(a, r->cols, banner_max(r), &v);
	free_banner(v, n);
	return 3 + (n ? (int)n + 1 : 0);
}

static int page_rows(const struct app *a, const struct screen_area *r)
{
	return r->rows - list_top(a, r);
}

/* The first line of the list shown. */
struct today {
	int top;
};

static void *open_today(const struct app *a)
{
	(void)a;
	return xcalloc(1, sizeof(struct today));
}

static void close_today(void *state)
{
	free(state);
}

static void changed_today(void *state, struct app *a, unsigned what)
{
	(void)a;
	if (what & CHANGED_PLAN)
		((struct today *)state)->top = 0;
}

static void draw_today(void *state, struct app *a, const struct screen_area *r)
{
	struct today *view = state;
	char now[40];
	format_long(a->now, now, sizeof now);
	struct timeline_position p;
	bool have = timeline_position(&a->plan.tl, a->now, &p);
	char *right = have ? countdown(a, &p) : xstrdup(_("No session booked"));
	screen_title(r, "needlecare", now, right);
	free(right);
	if (have)
		phase_line(a, r, &p);

	struct bline *b;
	size_t nb = banner(a, r->cols, banner_max(r), &b);
	for (size_t i = 0; i < nb; i++) {
		int y = 3 + (int)i;
		if (b[i].role == ROLE_ALERT)
			draw_fill(y, 0, r->cols, ROLE_ALERT);
		int rw = b[i].right ? draw_width(b[i].right) : 0;
		draw_text(y, b[i].x, r->cols - 1 - b[i].x - (rw ? rw + 2 : 0), b[i].role,
		          b[i].text);
		if (rw)
			draw_text_right(y, r->cols - 1, rw, b[i].role, b[i].right);
	}
	free_banner(b, nb);
	int top = 3 + (nb ? (int)nb + 1 : 0);

	struct lines l;
	build(a, &l, r->cols);
	int n = (int)l.n, page = r->rows - top;
	/* When it does not all fit, the last row says so. */
	int shown = n > page ? page - 1 : page;
	if (view->top > n - shown)
		view->top = n - shown;
	if (view->top < 0)
		view->top = 0;
	int y = top;
	for (int i = view->top; i < n && y < top + shown; i++, y++) {
		const struct line *x = &l.v[i];
		int right_w = x->right ? draw_width(x->right) : 0;
		int end = r->cols - 1 - (right_w ? right_w + 2 : 0);
		switch (x->kind) {
		case L_BLANK:
			break;
		case L_HEAD:
			draw_text(y, 1, r->cols - 2, ROLE_HEADING, x->text);
			break;
		case L_NOTE:
			draw_wrap(y, 3, r->cols - 4, 1, x->role, x->text);
			break;
		case L_MORE:
			/* under the text of the item above */
			draw_text(y, 3 + draw_width(draw_glyph(GLYPH_WARN)) + 1,
			          r->cols - 5, x->role, x->text);
			break;
		case L_ITEM: {
			int tx = 3;
			if (x->has_glyph) {
				const char *g = draw_glyph(x->glyph);
				tx += draw_text(y, 3, 3, x->glyph_role, g) + 1;
			} else if (x->when) {
				draw_text(y, 3, l.when_w, ROLE_NORMAL, x->when);
				tx += l.when_w + 2;
			}
			if (x->has_glyph && !x->right) {
				draw_text(y, tx, r->cols - 1 - tx, x->role, x->text);
			} else if (x->has_glyph) {
				/* The "until ..." column lines up on its left. */
				int rx = r->cols - 1 - l.right_w;
				if (rx < tx + 12)
					rx = r->cols - 1 - right_w;
				draw_text(y, tx, rx - 2 - tx, x->role, x->text);
				draw_text(y, rx, r->cols - 1 - rx, ROLE_NORMAL, x->right);
			} else {
				draw_text(y, tx, end - tx, x->role, x->text);
				draw_text_right(y, r->cols - 1, right_w, ROLE_NORMAL, x->right);
			}
			break;
		}
		}
	}
	if (view->top > 0) {
		char *more = xasprintf(_("%s more above"), draw_glyph(GLYPH_UP));
		draw_text_right(top - 1, r->cols - 1, r->cols - 2, ROLE_DIM, more);
		free(more);
	}
	if (view->top + shown < n) {
		char *more = xasprintf(P_("%s %d more below", "%s %d more below",
		                          n - view->top - shown), draw_glyph(GLYPH_MORE),
		                       n - view->top - shown);
		draw_text_right(top + shown, r->cols - 1, r->cols - 2, ROLE_DIM, more);
		free(more);
	}
	free_lines(&l);
}

/* Acknowledges the warning shown: a mark in the state for each of its
 * rules. When that cannot be saved, it is acknowledged until the
 * interface is closed, and the status line says so. */
static void acknowledge(struct app *a)
{
	const struct redflag **f = xcalloc(a->plan.proto->nredflags + 1, sizeof *f);
	size_t entry, n = screen_alert(a, &entry, f);
	char *err = NULL;
	bool saved = true;
	for (size_t i = 0; i < n; i++) {
		char *key = rules_alert_key(&a->journal.v[entry], f[i]);
		if (saved)
			saved = screen_save_mark(a, MARK_ACK, rules_alert_session, key, true,
			                         &err);
		if (!saved)
			state_set(&a->ticks, MARK_ACK, rules_alert_session, key, a->now);
		free(key);
	}
	if (err) {
		screen_status(a, true, _("Acknowledged for now, but not saved: %s"), err);
		free(err);
	} else if (n) {
		screen_status(a, false, n > 1 ? _("Acknowledged: %s. And the other warnings "
		                                  "of that check-in.")
		                              : _("Acknowledged: %s."), f[0]->title);
	}
	free(f);
}

static void act_today(void *state, struct app *a, const struct action_event *ev,
                      const struct screen_area *r)
{
	struct today *view = state;
	if (ev->action == ACT_ACK) {
		acknowledge(a);
		return;
	}
	struct lines l;
	build(a, &l, r->cols);
	int n = (int)l.n, page = page_rows(a, r);
	free_lines(&l);
	int shown = n > page ? page - 1 : page;
	view->top = screen_scroll(view->top, n, shown, ev->action);
}

const struct screen_ops screen_today_ops = {
	.open = open_today,
	.close = close_today,
	.draw = draw_today,
	.act = act_today,
	.changed = changed_today,
};
