/* screen_checklist: the milestones that are tasks or check-ins, ticked
 * and unticked with one key. Ticks are saved at once in the state file
 * (under its lock, read afresh so that marks other processes wrote are
 * kept); when that fails the tick stays for this run and the status line
 * says what could not be saved. */
#include "term/draw.h"
#include "base/i18n.h"
#include "care/format.h"
#include "screens/screen.h"
#include "care/timeline.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

enum { PANE_ROWS = 3 };

static bool is_task(const struct timeline_entry *e)
{
	return e->m->kind == KIND_TASK || e->m->kind == KIND_CHECKIN;
}

/* Rows: a heading per session when there are several, then its tasks.
 * Returns the count; *entry_of is allocated. */
static int build(const struct app *a, long **entry_of)
{
	const struct timeline *t = &a->plan.tl;
	long *v = xcalloc(t->count + t->nsessions + 1, sizeof *v);
	int n = 0;
	for (unsigned s = 1; s <= t->nsessions; s++) {
		if (t->nsessions > 1)
			v[n++] = -1 - (long)s; /* a heading: -1 - session */
		for (size_t i = 0; i < t->count; i++)
			if (t->entries[i].session == s && is_task(&t->entries[i]))
				v[n++] = (long)i;
	}
	*entry_of = v;
	return n;
}

static int list_rows(const struct screen_area *r)
{
	int n = r->rows - 2;
	if (n - PANE_ROWS >= 5)
		n -= PANE_ROWS;
	return n;
}

/* The state: the selected task (an entry, -1 until one is chosen) and the
 * first row shown. */
static void *open_checklist(const struct app *a)
{
	(void)a;
	struct screen_list_view *v = xcalloc(1, sizeof *v);
	v->sel = -1;
	return v;
}

static void close_checklist(void *state)
{
	free(state);
}

/* The entries are those of the new plan: the task is chosen again. */
static void changed_checklist(void *state, struct app *a, unsigned what)
{
	(void)a;
	if (what & CHANGED_PLAN)
		((struct screen_list_view *)state)->sel = -1;
}

/* The first task that is not yet past, or else the last one. */
static void place(struct screen_list_view *v, const struct app *a, const long *entry_of,
                  int n)
{
	v->sel = -1;
	struct timeline_day day = timeline_day_of(a->now);
	for (int i = 0; i < n; i++) {
		if (entry_of[i] < 0)
			continue;
		const struct timeline_entry *e = &a->plan.tl.entries[entry_of[i]];
		v->sel = entry_of[i];
		if (!screen_past(e, a->now) || timeline_today(e, &day) != TODAY_NONE)
			break;
	}
	v->top = 0;
}

static void draw_checklist(void *state, struct app *a, const struct screen_area *r)
{
	struct screen_list_view *v = state;
	long *entry_of;
	int n = build(a, &entry_of);
	int total = 0, ticked = 0, when_w = 0, cd_w = 0;
	char when[40], cd[40];
	for (int i = 0; i < n; i++)
		if (entry_of[i] >= 0) {
			const struct timeline_entry *e = &a->plan.tl.entries[entry_of[i]];
			total++;
			ticked += screen_ticked(a, e);
			format_when(e->start, a->now, when, sizeof when);
			if (draw_width(when) > when_w)
				when_w = draw_width(when);
			format_countdown(e->start, a->now, cd, sizeof cd);
			if (draw_width(cd) > cd_w)
				cd_w = draw_width(cd);
		}
	char count[64];
	snprintf(count, sizeof count, _("%d of %d ticked"), ticked, total);
	screen_title(r, _("Checklist"), NULL, total ? count : NULL);
	if (total == 0) {
		draw_wrap(2, 1, r->cols - 2, 3, ROLE_NORMAL,
		          a->plan.tl.nsessions
		          ? _("This protocol has no tasks to tick.")
		          /* TRANSLATORS: b is the key to press. */
		          : _("No session is booked yet: press b to book one, and the "
		              "tasks of your care show here."));
		free(entry_of);
		return;
	}
	if (v->sel < 0 || (size_t)v->sel >= a->plan.tl.count ||
	    screen_list_row(entry_of, n, v->sel) < 0)
		place(v, a, entry_of, n);
	int page = list_rows(r);
	screen_list_scroll(v, entry_of, n, page);
	int gw = draw_utf8() ? 1 : 3;
	for (int i = v->top, y = 2; i < n && y < 2 + page; i++, y++) {
		if (entry_of[i] < 0) {
			unsigned s = (unsigned)(-1 - entry_of[i]);
			format_long(a->plan.tl.sessions[s - 1], when, sizeof when);
			char *h = xasprintf(_("Session %u %s %s"), s, draw_glyph(GLYPH_DOT), when);
			draw_text(y, 1, r->cols - 2, ROLE_HEADING, h);
			free(h);
			continue;
		}
		const struct timeline_entry *e = &a->plan.tl.entries[entry_of[i]];
		bool sel = entry_of[i] == v->sel, done = screen_ticked(a, e);
		enum role text = sel ? ROLE_SELECTED : done ? ROLE_DIM : ROLE_NORMAL;
		if (sel)
			draw_fill(y, 0, r->cols, ROLE_SELECTED);
		draw_text(y, 1, gw, sel ? ROLE_SELECTED : ROLE_TODO,
		          draw_glyph(done ? GLYPH_BOX_TICKED : GLYPH_BOX));
		format_when(e->start, a->now, when, sizeof when);
		format_countdown(e->start, a->now, cd, sizeof cd);
		int x = 1 + gw + 1;
		draw_text(y, x, when_w, text, when);
		x += when_w + 2;
		draw_text(y, x, r->cols - 1 - cd_w - 2 - x, text, e->m->title);
		draw_text_right(y, r->cols - 1, cd_w, text, cd);
	}
	if (page < r->rows - 2) {
		int y = 2 + page;
		const struct timeline_entry *e = &a->plan.tl.entries[v->sel];
		draw_repeat(y, 0, r->cols, ROLE_DIM, GLYPH_HLINE);
		draw_wrap(y + 1, 1, r->cols - 2, r->rows - y - 1, ROLE_NORMAL,
		          e->m->body ? e->m->body : e->m->title);
	}
	free(entry_of);
}

/* Ticks or unticks, in the state file as it is now. */
static void toggle(struct app *a, const struct timeline_entry *e)
{
	bool tick = !screen_ticked(a, e);
	const char *key = plan_session_key(&a->plan, e->session);
	char *err;
	if (screen_save_mark(a, MARK_TICK, key, e->m->id, tick, &err)) {
		screen_status(a, false, tick ? _("Ticked: %s") : _("Unticked: %s"), e->m->title);
		return;
	}
	/* Shown so all the same, until the interface ends. */
	if (tick)
		state_set(&a->ticks, MARK_TICK, key, e->m->id, a->now);
	else
		state_clear(&a->ticks, MARK_TICK, key, e->m->id);
	screen_status(a, true, tick ? _("Ticked for now, but not saved: %s")
	                            : _("Unticked for now, but not saved: %s"), err);
	free(err);
}

static void act_checklist(void *state, struct app *a,
                          const struct action_event *ev, const struct screen_area *r)
{
	struct screen_list_view *v = state;
	long *entry_of;
	int n = build(a, &entry_of);
	if (n == 0 || v->sel < 0) {
		free(entry_of);
		return;
	}
	switch (ev->action) {
	case ACT_TICK:
	case ACT_ENTER:
		toggle(a, &a->plan.tl.entries[v->sel]);
		break;
	default:
		v->sel = screen_list_move(entry_of, n, v->sel,
		                          list_rows(r), ev->action);
		break;
	}
	free(entry_of);
}

const struct screen_ops screen_checklist_ops = {
	.open = open_checklist,
	.close = close_checklist,
	.draw = draw_checklist,
	.act = act_checklist,
	.changed = changed_checklist,
};
