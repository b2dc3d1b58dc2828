/* screen_timeline: every milestone of every session, by session and date,
 * each phase as a heading where it begins, with a line for "now"; the selected milestone's full text in
 * a pane below (or, on a narrow terminal or with Enter, on the whole
 * screen), with whether and when it was announced on the desktop. */
#include "term/draw.h"
#include "base/i18n.h"
#include "care/due.h"
#include "care/format.h"
#include "screens/screen.h"
#include "care/timeline.h"
#include "base/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

enum { PANE_ROWS = 7, WIDE = 70 }; /* the detail pane needs WIDE columns */

enum row_kind { ROW_HEAD, ROW_ENTRY, ROW_NOW };

struct rows {
	enum row_kind *kind;
	long *entry;      /* the entry of each row, -1 for the others */
	unsigned *session; /* a heading's session and phase */
	enum milestone_phase *phase;
	int n, cap;
	long first_after_now; /* the first entry shown after the now line */
};

static void push(struct rows *r, enum row_kind k, long entry, unsigned s,
                 enum milestone_phase ph)
{
	if (r->n == r->cap) {
		size_t cap = (size_t)r->cap, c2;
		c2 = cap;
		xgrow(&r->kind, &c2, cap + 1, sizeof *r->kind);
		c2 = cap;
		xgrow(&r->entry, &c2, cap + 1, sizeof *r->entry);
		c2 = cap;
		xgrow(&r->session, &c2, cap + 1, sizeof *r->session);
		c2 = cap;
		xgrow(&r->phase, &c2, cap + 1, sizeof *r->phase);
		r->cap = (int)c2;
	}
	r->kind[r->n] = k;
	r->entry[r->n] = entry;
	r->session[r->n] = s;
	r->phase[r->n] = ph;
	r->n++;
	if (k == ROW_ENTRY && r->first_after_now == -2)
		r->first_after_now = entry;
}

static void free_rows(struct rows *r)
{
	free(r->kind);
	free(r->entry);
	free(r->session);
	free(r->phase);
}

/* The rows in order: for each session, its milestones by date, with a
 * heading where the phase changes (dates come first: a session-day item
 * never follows one of the next day). The now line goes into the current
 * session, before its first milestone that starts after now. */
static void build(const struct app *a, struct rows *r)
{
	const struct timeline *t = &a->plan.tl;
	memset(r, 0, sizeof *r);
	r->first_after_now = -1;
	struct timeline_position pos;
	bool have = timeline_position(t, a->now, &pos);
	bool now_done = !have;
	for (unsigned s = 1; s <= t->nsessions; s++) {
		bool here = !now_done && pos.session == s;
		int last = -1; /* the phase of the row above */
		for (size_t i = 0; i < t->count; i++) {
			const struct timeline_entry *e = &t->entries[i];
			if (e->session != s)
				continue;
			enum milestone_phase ph = e->m->phase;
			if (here && e->start > a->now) {
				/* Under the phase that is now. */
				if (last != (int)pos.phase)
					push(r, ROW_HEAD, -1, s, pos.phase);
				push(r, ROW_NOW, -1, s, pos.phase);
				r->first_after_now = -2;
				now_done = true;
				here = false;
				last = (int)pos.phase;
			}
			if ((int)ph != last)
				push(r, ROW_HEAD, -1, s, ph);
			last = (int)ph;
			push(r, ROW_ENTRY, (long)i, s, ph);
		}
		if (here) {
			if (last != (int)pos.phase)
				push(r, ROW_HEAD, -1, s, pos.phase);
			push(r, ROW_NOW, -1, s, pos.phase);
			r->first_after_now = -2;
			now_done = true;
		}
	}
	if (r->first_after_now == -2) /* nothing after now */
		r->first_after_now = -1;
}

/* The widest "when" of the start column. */
static int when_width(const struct app *a)
{
	int w = 0;
	char when[40];
	for (size_t i = 0; i < a->plan.tl.count; i++) {
		format_when(a->plan.tl.entries[i].start, a->now, when, sizeof when);
		int x = draw_width(when);
		if (x > w)
			w = x;
	}
	return w;
}

static void draw_entry(const struct app *a, int y, int cols, int when_w,
                       const struct timeline_entry *e, bool selected)
{
	bool past = screen_past(e, a->now);
	enum role text = selected ? ROLE_SELECTED : past ? ROLE_DIM : ROLE_NORMAL;
	enum role glyph = selected ? ROLE_SELECTED : past ? ROLE_DIM : screen_glyph_role(e);
	if (selected)
		draw_fill(y, 0, cols, ROLE_SELECTED);
	int gw = draw_utf8() ? 1 : 3;
	draw_text(y, 1, gw, glyph, draw_glyph(screen_glyph(a, e)));
	char when[40];
	format_when(e->start, a->now, when, sizeof when);
	int x = 1 + gw + 1;
	draw_text(y, x, when_w, text, when);
	x += when_w + 2;
	int end = cols - 1;
	if (e->m->window) {
		/* A window: its title, a span, and where it ends. */
		char until[48];
		format_when(e->end, a->now, until, sizeof until);
		int uw = draw_width(until);
		int tw = draw_width(e->m->title);
		int room = end - x - uw - 1 - 3 - 1; /* " ├─┤ " at least */
		if (room < 4) {
			draw_text(y, x, end - x, text, e->m->title);
			return;
		}
		int used = draw_text(y, x, tw < room ? tw : room, text, e->m->title);
		int sx = x + used + 1, sw = end - uw - 1 - sx;
		enum role span = selected ? ROLE_SELECTED : past ? ROLE_DIM : ROLE_NOW;
		draw_text(y, sx, 1, span, draw_glyph(GLYPH_SPAN_START));
		draw_repeat(y, sx + 1, sw - 2, span, GLYPH_SPAN);
		draw_text(y, sx + sw - 1, 1, span, draw_glyph(GLYPH_SPAN_END));
		draw_text_right(y, end, uw, text, until);
	} else {
		draw_text(y, x, end - x, text, e->m->title);
	}
}

/* The paragraphs of a milestone's full text: its title, when (and what
 * it is), its text, what its end brings. The pane shows as much as fits;
 * the full view shows it all. */
struct para {
	enum role role;
	char *text;
};

/* Whether one event of e (its start, or a window's end) was announced:
 * "sent Sat 5 Dec 2026 10:30" from the state's mark, "not sent yet", "not
 * announced" (notify = no, or already past when the session was booked),
 * or, ahead, when it falls due. Allocated. */
static char *announced(const struct app *a, const struct timeline_entry *e, bool is_end)
{
	struct timeline_event ev = {e, is_end, is_end ? e->end : e->start};
	char when[40];
	if (!e->m->notify)
		/* TRANSLATORS: "notify = no" is the protocol's key: keep it. */
		return xstrdup(_("not announced (notify = no)"));
	if (ev.when > a->now) {
		format_long(due_time(&a->plan.cfg, ev.when), when, sizeof when);
		return xasprintf(_("due %s"), when);
	}
	const struct mark *m = state_find(&a->ticks, is_end ? MARK_SENT_END : MARK_SENT_START,
	                                  plan_session_key(&a->plan, e->session), e->m->id);
	if (m) {
		format_long(m->when, when, sizeof when);
		return xasprintf(_("sent %s"), when);
	}
	if (!due_announced(&a->plan, &ev))
		return xstrdup(_("not announced (already past when the session was booked)"));
	return xstrdup(_("not sent yet"));
}

static char *notification(const struct app *a, const struct timeline_entry *e)
{
	char *start = announced(a, e, false);
	if (!timeline_end_told(e->m) || !e->m->notify) {
		char *s = xasprintf(_("Notification: %s"), start);
		free(start);
		return s;
	}
	char *end = announced(a, e, true);
	char *s = xasprintf(_("Notifications: start %s %s end %s"), start,
	                    draw_glyph(GLYPH_DOT), end);
	free(start);
	free(end);
	return s;
}

static size_t detail(const struct app *a, const struct timeline_entry *e, bool full,
                     struct para *p)
{
	const struct milestone *m = e->m;
	char start[40], end[40], count[40];
	size_t n = 0;
	p[n++] = (struct para){ROLE_HEADING, xstrdup(m->title)};
	format_long(e->start, start, sizeof start);
	char *when;
	if (m->window) {
		format_long(e->end, end, sizeof end);
		/* TRANSLATORS: a window: its start, a dash, its end, and when it
		 * starts or ends: "(starts in 3 days)". */
		const char *f;
		if (e->start > a->now) {
			f = _("%s %s %s (starts %s)");
			format_countdown(e->start, a->now, count, sizeof count);
		} else {
			f = e->end > a->now ? _("%s %s %s (ends %s)") : _("%s %s %s (ended %s)");
			format_countdown(e->end, a->now, count, sizeof count);
		}
		when = xasprintf(f, start, draw_glyph(GLYPH_DASH), end, count);
	} else {
		format_countdown(e->start, a->now, count, sizeof count);
		when = xasprintf("%s (%s)", start, count);
	}
	const char *tick = "";
	if (m->kind == KIND_TASK || m->kind == KIND_CHECKIN)
		tick = screen_ticked(a, e) ? _(", ticked") : _(", not ticked");
	const char *dot = draw_glyph(GLYPH_DOT);
	char *source = format_source(m);
	if (full)
		p[n++] = (struct para){ROLE_NORMAL, xasprintf(
			_("%s %s %s%s %s %s %s session %u %s %s"), when, dot,
			protocol_kind_label(m->kind), tick, dot, protocol_phase_label(m->phase),
			dot, e->session, dot, source)};
	else
		p[n++] = (struct para){ROLE_NORMAL, xasprintf("%s %s %s%s %s %s",
		                       when, dot, protocol_kind_label(m->kind), tick, dot,
		                       source)};
	free(source);
	free(when);
	p[n++] = (struct para){ROLE_DIM, notification(a, e)};
	char *body = format_body(m, false, &a->plan.cfg);
	if (body)
		p[n++] = (struct para){ROLE_NORMAL, body};
	if (m->window && (m->end_title || m->end_body)) {
		struct timeline_event ev = {e, true, e->end};
		char *title = format_event_title(&ev);
		p[n++] = (struct para){ROLE_NORMAL, m->end_body
		                       ? xasprintf("%s: %s. %s", end, title, m->end_body)
		                       : xasprintf("%s: %s.", end, title)};
		free(title);
	}
	return n;
}

static void draw_detail(const struct app *a, const struct timeline_entry *e, bool full,
                        int y, int cols, int rows)
{
	struct para p[8];
	size_t n = detail(a, e, full, p);
	for (size_t i = 0; i < n; i++) {
		if (y < rows)
			y += draw_wrap(y, 1, cols - 2, rows - y, p[i].role, p[i].text);
		free(p[i].text);
	}
}

/* The state: the list, and whether the selected milestone's text fills the
 * screen. */
struct timeline_screen {
	struct screen_list_view list;
	bool full;
};

static void *open_timeline(const struct app *a)
{
	(void)a;
	struct timeline_screen *v = xcalloc(1, sizeof *v);
	v->list.sel = -1;
	return v;
}

static void close_timeline(void *state)
{
	free(state);
}

/* The entries are those of the new plan: the milestone is chosen again. */
static void changed_timeline(void *state, struct app *a, unsigned what)
{
	(void)a;
	struct timeline_screen *v = state;
	if (what & CHANGED_PLAN) {
		v->list.sel = -1;
		v->full = false;
	}
}

static int list_rows(const struct timeline_screen *v, const struct screen_area *r)
{
	int n = r->rows - 1;
	if (r->cols >= WIDE && !v->full && n - PANE_ROWS >= 4)
		n -= PANE_ROWS;
	return n;
}

/* Chooses the milestone to show first: the next one from now. */
static void place(struct timeline_screen *v, const struct rows *rows)
{
	long sel = rows->first_after_now;
	if (sel < 0 && rows->n) {
		for (int i = rows->n - 1; i >= 0 && sel < 0; i--)
			sel = rows->entry[i];
	}
	v->list.sel = sel;
	v->list.top = -1; /* put the selection a few rows down */
}

/* s in capitals, allocated. A translation's letters are not ASCII
 * ("después"): they go through wide characters, by the locale. */
static char *upper(const char *s)
{
	char *u = xstrdup(s);
	if (!i18n_on) {
		for (char *c = u; *c; c++)
			*c = (char)toupper((unsigned char)*c);
		return u;
	}
	size_t n = mbstowcs(NULL, s, 0);
	if (n == (size_t)-1)
		return u;
	wchar_t *w = xcalloc(n + 1, sizeof *w);
	mbstowcs(w, s, n + 1);
	for (size_t i = 0; i < n; i++)
		w[i] = (wchar_t)towupper((wint_t)w[i]);
	size_t k = wcstombs(NULL, w, 0);
	if (k != (size_t)-1) {
		free(u);
		u = xmalloc(k + 1);
		wcstombs(u, w, k + 1);
	}
	free(w);
	return u;
}

static void draw_timeline(void *state, struct app *a, const struct screen_area *r)
{
	struct timeline_screen *v = state;
	char now[40];
	format_long(a->now, now, sizeof now);
	char *right = xasprintf(_("now %s %s"), draw_glyph(GLYPH_NOW), now);
	screen_title(r, _("Timeline"), NULL, right);
	free(right);
	struct rows rows;
	build(a, &rows);
	if (rows.n == 0) {
		draw_wrap(2, 1, r->cols - 2, 3, ROLE_NORMAL, a->plan.tl.nsessions
		          ? _("This protocol has no milestones for your sessions.")
		          /* TRANSLATORS: b is the key to press. */
		          : _("No session is booked yet: press b to book one, and every "
		              "milestone of your care shows here."));
		free_rows(&rows);
		return;
	}
	if (v->list.sel < 0 || (size_t)v->list.sel >= a->plan.tl.count)
		place(v, &rows);
	const struct timeline_entry *sel = &a->plan.tl.entries[v->list.sel];
	if (v->full) {
		draw_detail(a, sel, true, 2, r->cols, r->rows);
		free_rows(&rows);
		return;
	}
	int page = list_rows(v, r);
	if (v->list.top < 0) {
		int row = screen_list_row(rows.entry, rows.n, v->list.sel);
		v->list.top = row - 3;
	}
	screen_list_scroll(&v->list, rows.entry, rows.n, page);
	int when_w = when_width(a);
	for (int i = v->list.top, y = 1; i < rows.n && y < 1 + page; i++, y++) {
		switch (rows.kind[i]) {
		case ROW_HEAD: {
			char *label = upper(protocol_phase_label(rows.phase[i]));
			char *h = a->plan.tl.nsessions > 1
			          ? xasprintf(_("%s %s session %u of %zu"), label,
			                      draw_glyph(GLYPH_DOT), rows.session[i],
			                      a->plan.tl.nsessions)
			          : xstrdup(label);
			draw_text(y, 1, r->cols - 2, ROLE_HEADING, h);
			free(h);
			free(label);
			break;
		}
		case ROW_NOW: {
			char when[40];
			format_long(a->now, when, sizeof when);
			/* TRANSLATORS: the line that marks the present in the list. */
			char *line = xasprintf(_("%s now  %s "), draw_glyph(GLYPH_NOW), when);
			int w = draw_text(y, 1, r->cols - 2, ROLE_NOW, line);
			draw_repeat(y, 1 + w, r->cols - 2 - w, ROLE_NOW, GLYPH_HLINE);
			free(line);
			break;
		}
		case ROW_ENTRY:
			draw_entry(a, y, r->cols, when_w, &a->plan.tl.entries[rows.entry[i]],
			           rows.entry[i] == v->list.sel);
			break;
		}
	}
	if (page < r->rows - 1) {
		int y = 1 + page;
		draw_repeat(y, 0, r->cols, ROLE_DIM, GLYPH_HLINE);
		draw_detail(a, sel, false, y + 1, r->cols, r->rows);
	}
	free_rows(&rows);
}

static void act_timeline(void *state, struct app *a, const struct action_event *ev,
                         const struct screen_area *r)
{
	struct timeline_screen *v = state;
	struct rows rows;
	build(a, &rows);
	if (rows.n == 0) {
		free_rows(&rows);
		return;
	}
	if (v->list.sel < 0 || (size_t)v->list.sel >= a->plan.tl.count)
		place(v, &rows);
	switch (ev->action) {
	case ACT_ENTER:
		v->full = !v->full;
		break;
	case ACT_BACK:
		v->full = false;
		break;
	case ACT_NOW:
		place(v, &rows);
		break;
	default:
		v->list.sel = screen_list_move(rows.entry, rows.n, v->list.sel,
		                               list_rows(v, r), ev->action);
		break;
	}
	free_rows(&rows);
}

const struct screen_ops screen_timeline_ops = {
	.open = open_timeline,
	.close = close_timeline,
	.draw = draw_timeline,
	.act = act_timeline,
	.changed = changed_timeline,
};
