/* screen: what the screens share: the title bar, the status line, ticks,
 * moving through lists, the journal's warnings, and saving. */
#include "screens/screen.h"
#include "base/i18n.h"
#include "care/config.h"
#include "term/draw.h"
#include "base/fileio.h"
#include "care/rules.h"
#include "care/screening.h"
#include "base/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

void screen_title(const struct screen_area *r, const char *left, const char *centre,
                  const char *right)
{
	draw_fill(0, 0, r->cols, ROLE_TITLE);
	int lw = left ? draw_width(left) : 0;
	int rw = right ? draw_width(right) : 0;
	if (left)
		draw_text(0, 1, r->cols - 2, ROLE_TITLE, left);
	if (right && 1 + lw + 2 + rw + 1 <= r->cols)
		draw_text_right(0, r->cols - 1, rw, ROLE_TITLE, right);
	else
		rw = -2;
	if (centre) {
		int cw = draw_width(centre);
		int x = (r->cols - cw) / 2;
		/* Two blanks at least between it and the others. */
		if (x >= 1 + lw + 2 && x + cw + 2 <= r->cols - 1 - rw)
			draw_text(0, x, cw, ROLE_TITLE, centre);
	}
}

void screen_status(struct app *a, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->status, sizeof a->status, fmt, ap);
	va_end(ap);
	a->status_error = error;
}

bool screen_ticked(const struct app *a, const struct timeline_entry *e)
{
	return state_find(&a->ticks, MARK_TICK, plan_session_key(&a->plan, e->session),
	                  e->m->id) != NULL;
}

bool screen_past(const struct timeline_entry *e, time_t now)
{
	return e->m->window ? e->end <= now : e->start < now;
}

enum glyph screen_glyph(const struct app *a, const struct timeline_entry *e)
{
	switch (e->m->kind) {
	case KIND_RESTRICTION:
		return GLYPH_RESTRICT;
	case KIND_TASK:
	case KIND_CHECKIN:
		return screen_ticked(a, e) ? GLYPH_BOX_TICKED : GLYPH_BOX;
	case KIND_EXPECTATION:
	case KIND_INFO:
	case KIND_COUNT:
		break;
	}
	return GLYPH_BULLET;
}

enum role screen_glyph_role(const struct timeline_entry *e)
{
	switch (e->m->kind) {
	case KIND_RESTRICTION:
		return ROLE_RESTRICT;
	case KIND_TASK:
	case KIND_CHECKIN:
		return ROLE_TODO;
	case KIND_EXPECTATION:
	case KIND_INFO:
	case KIND_COUNT:
		break;
	}
	return ROLE_EXPECT;
}

int screen_list_row(const long *entry_of, int n, long sel)
{
	for (int i = 0; i < n; i++)
		if (entry_of[i] >= 0 && entry_of[i] == sel)
			return i;
	return -1;
}

/* The nearest selectable row from row i in direction dir (+1 or -1),
 * i itself included; -1 if none. */
static int selectable(const long *entry_of, int n, int i, int dir)
{
	for (; i >= 0 && i < n; i += dir)
		if (entry_of[i] >= 0)
			return i;
	return -1;
}

long screen_list_move(const long *entry_of, int n, long sel, int page,
                      enum action act)
{
	int row = screen_list_row(entry_of, n, sel), to = -1;
	if (page < 1)
		page = 1;
	if (row < 0)
		row = 0;
	switch (act) {
	case ACT_UP:
		to = selectable(entry_of, n, row - 1, -1);
		break;
	case ACT_DOWN:
		to = selectable(entry_of, n, row + 1, +1);
		break;
	case ACT_PAGE_UP:
		to = selectable(entry_of, n, row - page < 0 ? 0 : row - page, +1);
		break;
	case ACT_PAGE_DOWN:
		to = selectable(entry_of, n, row + page >= n ? n - 1 : row + page, -1);
		break;
	case ACT_TOP:
		to = selectable(entry_of, n, 0, +1);
		break;
	case ACT_BOTTOM:
		to = selectable(entry_of, n, n - 1, -1);
		break;
	default:
		break;
	}
	return to >= 0 ? entry_of[to] : sel;
}

void screen_list_scroll(struct screen_list_view *v, const long *entry_of, int n,
                        int page)
{
	if (page < 1)
		page = 1;
	int row = screen_list_row(entry_of, n, v->sel);
	if (row >= 0) {
		/* The heading just above the first entry of a group shows with
		 * it when moving up. */
		int want = row > 0 && entry_of[row - 1] < 0 ? row - 1 : row;
		if (want < v->top)
			v->top = want;
		if (row >= v->top + page)
			v->top = row - page + 1;
	}
	if (v->top > n - page)
		v->top = n - page;
	if (v->top < 0)
		v->top = 0;
}

int screen_scroll(int top, int n, int page, enum action act)
{
	switch (act) {
	case ACT_UP:
		top--;
		break;
	case ACT_DOWN:
		top++;
		break;
	case ACT_PAGE_UP:
		top -= page;
		break;
	case ACT_PAGE_DOWN:
		top += page;
		break;
	case ACT_TOP:
		top = 0;
		break;
	case ACT_BOTTOM:
		top = n;
		break;
	default:
		break;
	}
	if (top > n - page)
		top = n - page;
	if (top < 0)
		top = 0;
	return top;
}

void screen_load_journal(struct app *a)
{
	struct diags d = {0};
	struct journal j;
	bool ok = journal_load(a->journal_file, &j, &d);
	if (ok) {
		journal_free(&a->journal);
		a->journal = j;
	}
	if (!ok || d.n) {
		char line[24] = "";
		if (d.n && d.v[0].line)
			snprintf(line, sizeof line, _("line %u: "), d.v[0].line);
		screen_status(a, true, ok ? _("Journal: %s%s") : _("Journal not read: %s%s"), line,
		              d.n ? d.v[0].msg : _("it cannot be read"));
	}
	diags_free(&d);
}

size_t screen_alert(const struct app *a, size_t *entry,
                    const struct redflag **out)
{
	/* A pretend session (--session) says nothing of the real journal. */
	if (a->opts && a->opts->session)
		return 0;
	return rules_unread(&a->plan, &a->journal, &a->ticks, entry, out);
}

bool screen_discuss(const struct app *a)
{
	/* In the days before a session, not in the aftercare of the one
	 * before it. */
	struct timeline_position pos;
	if (!timeline_position(&a->plan.tl, a->now, &pos) || !pos.before ||
	    !a->plan.cfg.answers)
		return false;
	for (size_t i = 0; i < screening_count; i++)
		if (a->plan.cfg.answers[i] == 1)
			return true;
	return false;
}

bool screen_forgotten(const struct app *a)
{
	struct stat st;
	return a->plan.cfg.exists && lstat(a->plan.cfg.path, &st) != 0 && errno == ENOENT;
}

bool screen_save_mark(struct app *a, enum mark_kind k, const char *session,
                      const char *milestone, bool set, char **err)
{
	struct state s;
	if (!state_mark(a->state_file, a->plan.cfg.exists ? a->plan.cfg.path : NULL, k,
	                session, &milestone, 1, set, a->now, &s, err)) {
		a->reload |= screen_forgotten(a);
		return false;
	}
	state_free(&a->ticks);
	a->ticks = s;
	return true;
}

void screen_config_problem(struct app *a, const struct diags *d)
{
	screen_status(a, true, _("Not saved: %s%s%s"), d->n && d->v[0].file ? d->v[0].file : "",
	              d->n && d->v[0].file ? ": " : "",
	              d->n ? d->v[0].msg : _("the configuration cannot be read"));
	a->reload |= screen_forgotten(a);
}

int screen_config_fresh(struct app *a, struct config *cfg)
{
	struct diags d = {0};
	int lock;
	if (config_lock(a->plan.cfg.path, a->plan.cfg.exists, cfg, &lock, &d) != STATUS_OK) {
		screen_config_problem(a, &d);
		diags_free(&d);
		config_free(cfg);
		return -1;
	}
	diags_free(&d);
	return lock;
}

bool screen_config_save(struct app *a, struct config *cfg, int lock)
{
	char *err;
	bool ok = config_save(cfg, &err);
	fileio_unlock(lock);
	if (!ok) {
		screen_status(a, true, _("Not saved: %s"), err);
		free(err);
		return false;
	}
	/* What the file holds now, changes made outside included. */
	a->reload = true;
	return true;
}
