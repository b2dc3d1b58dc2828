/* screen_journal: the healing journal as charts. For each rating, one
 * column a day since the session: the range that is normal on that day
 * (protocol_normal_max) drawn beside the patient's own rating, so that
 * "more than usual" shows at a glance, in colour and in monochrome alike
 * ('.' the normal range and '*' the patient in ASCII). Below, the photos
 * recorded with the check-ins, by date. */
#include "term/draw.h"
#include "base/i18n.h"
#include "care/format.h"
#include "care/journal.h"
#include "care/protocol.h"
#include "screens/screen.h"
#include "care/timeline.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

enum {
	DAY_W = 3,           /* columns a day: the range, the patient, a blank */
	AXIS_W = 4,          /* "3 │" */
	CHART_ROWS = 6,      /* the title, the values 3 to 0, the days */
	MIN_DAYS = 7,
	WEEK = 7,
};

/* How the charts are laid out in the area. */
struct layout {
	int per_row;   /* charts side by side: 2, or 1 on a narrow terminal */
	int width;     /* of each chart */
	int days;      /* days shown */
	int rows;      /* rows of the charts, blank rows between them included */
	int total;     /* rows of everything: the charts and the photos */
};

/* The state: which session's days the charts show, from which day (while
 * the patient has not placed them, around now), and the first row
 * shown. */
struct chart {
	bool placed;       /* false: around now */
	unsigned session;  /* 1-based */
	long first_day;
	int top;
};

static void *open_journal(const struct app *a)
{
	(void)a;
	return xcalloc(1, sizeof(struct chart));
}

static void close_journal(void *state)
{
	free(state);
}

/* A new check-in is shown where it was added: around now. */
static void changed_journal(void *state, struct app *a, unsigned what)
{
	(void)a;
	struct chart *v = state;
	if (what & (CHANGED_PLAN | CHANGED_JOURNAL))
		v->placed = false;
	if (what & CHANGED_PLAN)
		v->top = 0;
}

/* The photos, as `needlecare journal` lists them. */
static int photo_count(const struct app *a)
{
	int n = 0;
	for (size_t i = 0; i < a->journal.n; i++)
		n += a->journal.v[i].photo != NULL;
	return n;
}

static void lay_out(const struct app *a, const struct screen_area *r, struct layout *l)
{
	int cols = r->cols - 2;
	l->per_row = cols >= 2 * (AXIS_W + DAY_W * MIN_DAYS) + 4 ? 2 : 1;
	l->width = l->per_row == 2 ? (cols - 4) / 2 : cols;
	l->days = (l->width - AXIS_W) / DAY_W;
	int grid = RATING_COUNT / l->per_row;
	l->rows = grid * CHART_ROWS + (grid - 1);
	int photos = photo_count(a);
	l->total = l->rows + 2 + (photos ? photos : 1);
}

/* The day of check-in c since its session, if it belongs to session s. */
static bool day_of(const struct app *a, const struct checkin *c, unsigned s,
                   long *day)
{
	unsigned cs;
	return timeline_day(&a->plan.tl, c->when, day, &cs) && cs == s && *day >= 0;
}

/* The session the charts show and the last day worth showing: the latest
 * check-in of that session, or today when it is that session's. */
static void span(const struct chart *v, const struct app *a, unsigned *session,
                 long *last)
{
	long today = 0;
	unsigned now_s = 1;
	bool have = timeline_day(&a->plan.tl, a->now, &today, &now_s);
	*session = v->placed ? v->session : have ? now_s : 1;
	*last = have && now_s == *session && today > 0 ? today : 0;
	for (size_t i = 0; i < a->journal.n; i++) {
		long d;
		if (day_of(a, &a->journal.v[i], *session, &d) && d > *last)
			*last = d;
	}
}

/* The first day shown: day 0 while the last one fits, else so that the
 * last one shows with a day after it. */
static long first_day(const struct chart *v, const struct app *a,
                      const struct layout *l)
{
	if (v->placed)
		return v->first_day;
	unsigned s;
	long last;
	span(v, a, &s, &last);
	long first = last - l->days + 2;
	return first < 0 ? 0 : first;
}

/* The patient's rating r on day d of session s: the latest check-in of
 * that day that gives it, or -1. */
static int value(const struct app *a, unsigned s, enum rating r, long d)
{
	int v = -1;
	for (size_t i = 0; i < a->journal.n; i++) {
		long day;
		if (day_of(a, &a->journal.v[i], s, &day) && day == d &&
		    a->journal.v[i].rating[r] >= 0)
			v = a->journal.v[i].rating[r];
	}
	return v;
}

/* Row k (0 to CHART_ROWS - 1) of the chart of rating r, at screen row y,
 * from column x. */
static void chart_row(const struct app *a, const struct layout *l, enum rating r,
                      unsigned s, long first, long today, int k, int y, int x)
{
	char buf[16];
	if (k == 0) {
		int used = draw_text(y, x, l->width, ROLE_HEADING, _(checkin_ratings[r].label));
		/* The latest rating of the session, on the right. */
		for (size_t i = a->journal.n; i-- > 0;) {
			long d;
			const struct checkin *c = &a->journal.v[i];
			if (!day_of(a, c, s, &d) || c->rating[r] < 0)
				continue;
			char *latest = xasprintf(_("day %ld: %d %s"), d, c->rating[r],
			                         _(checkin_scale[c->rating[r]]));
			int w = draw_width(latest);
			if (used + 2 + w <= l->width)
				draw_text_right(y, x + l->width, w, ROLE_DIM, latest);
			free(latest);
			break;
		}
		return;
	}
	if (k == CHART_ROWS - 1) {
		/* The days; today's in bold. A label that would touch the one
		 * before it is left out. */
		int end = x + AXIS_W;
		for (int i = 0; i < l->days; i++) {
			long d = first + i;
			int dx = x + AXIS_W + i * DAY_W;
			snprintf(buf, sizeof buf, "%ld", d);
			if (dx < end)
				continue;
			end = dx + draw_text(y, dx, DAY_W, d == today ? ROLE_NOW : ROLE_DIM, buf) + 1;
		}
		return;
	}
	int v = RATING_MAX - (k - 1);
	snprintf(buf, sizeof buf, "%d ", v);
	draw_text(y, x, 2, ROLE_DIM, buf);
	draw_text(y, x + 2, 1, ROLE_DIM, draw_glyph(GLYPH_AXIS));
	for (int i = 0; i < l->days; i++) {
		long d = first + i;
		int dx = x + AXIS_W + i * DAY_W;
		int max = protocol_normal_max(a->plan.proto, r, d);
		if (v <= max)
			draw_text(y, dx, 1, ROLE_RANGE, draw_glyph(GLYPH_RANGE));
		int you = value(a, s, r, d);
		if (you == v)
			draw_text(y, dx + 1, 1, max >= 0 && you > max ? ROLE_ERROR : ROLE_POINT,
			          draw_glyph(GLYPH_POINT));
	}
}

/* Content row i of the screen (the charts, then the photos) at y. */
static void content_row(const struct app *a, const struct screen_area *r,
                        const struct layout *l, unsigned s, long first, long today,
                        int i, int y)
{
	if (i < l->rows) {
		int grid = i / (CHART_ROWS + 1), k = i % (CHART_ROWS + 1);
		if (k == CHART_ROWS)
			return;
		for (int c = 0; c < l->per_row; c++) {
			enum rating rt = (enum rating)(grid * l->per_row + c);
			chart_row(a, l, rt, s, first, today, k, y, 1 + c * (l->width + 4));
		}
		return;
	}
	i -= l->rows;
	if (i == 0)
		return;
	if (i == 1) {
		draw_text(y, 1, r->cols - 2, ROLE_HEADING, _("Photos"));
		return;
	}
	int want = i - 2, n = 0;
	for (size_t k = 0; k < a->journal.n; k++) {
		const struct checkin *c = &a->journal.v[k];
		if (!c->photo || n++ != want)
			continue;
		char when[40];
		format_long(c->when, when, sizeof when);
		int w = draw_text(y, 3, r->cols - 4, ROLE_NORMAL, when);
		draw_text(y, 3 + w + 2, r->cols - 1 - (3 + w + 2), ROLE_NORMAL, c->photo);
		return;
	}
	if (want == 0) {
		char key[16];
		char *s = xasprintf(_("No photo yet: the check-in (press %s) records the "
		                      "path of one."), keys_name(ACT_GO_CHECKIN, key, sizeof key));
		draw_text(y, 3, r->cols - 4, ROLE_DIM, s);
		free(s);
	}
}

/* Rows above the content: the title and the legend, and a blank row. */
enum { CONTENT_Y = 3 };

static void draw_journal(void *state, struct app *a, const struct screen_area *r)
{
	struct chart *v = state;
	unsigned s;
	long last;
	span(v, a, &s, &last);
	const struct timeline *t = &a->plan.tl;
	char *right = t->nsessions > 1
	              ? xasprintf(_("session %u of %zu"), s, t->nsessions)
	              : xasprintf(P_("%zu check-in", "%zu check-ins", a->journal.n), a->journal.n);
	screen_title(r, _("Journal"), NULL, right);
	free(right);
	if (!t->nsessions) {
		/* TRANSLATORS: b is the key to press. */
		draw_wrap(2, 1, r->cols - 2, 3, ROLE_NORMAL, _("No session is booked yet: the "
		          "charts count the days since the session. Press b to book one."));
		return;
	}
	int x = 1;
	x += draw_text(1, x, 1, ROLE_RANGE, draw_glyph(GLYPH_RANGE));
	x += draw_text(1, x, r->cols - 1 - x, ROLE_NORMAL, _(" normal on that day   "));
	x += draw_text(1, x, 1, ROLE_POINT, draw_glyph(GLYPH_POINT));
	char *rest = xasprintf(_(" your rating   days since session %u"), s);
	draw_text(1, x, r->cols - 1 - x, ROLE_NORMAL, rest);
	free(rest);

	struct layout l;
	lay_out(a, r, &l);
	long first = first_day(v, a, &l), today = -1;
	unsigned now_s;
	if (!timeline_day(t, a->now, &today, &now_s) || now_s != s)
		today = -1;
	int page = r->rows - CONTENT_Y;
	v->top = screen_scroll(v->top, l.total, page, ACT_NONE);
	for (int i = v->top, y = CONTENT_Y; i < l.total && y < r->rows; i++, y++)
		content_row(a, r, &l, s, first, today, i, y);
	if (v->top > 0) {
		char *more = xasprintf(_("%s more above"), draw_glyph(GLYPH_UP));
		draw_text_right(CONTENT_Y - 1, r->cols - 1, r->cols - 2, ROLE_DIM, more);
		free(more);
	}
	if (v->top + page < l.total) {
		char *more = xasprintf(P_("%s %d more below", "%s %d more below",
		                          l.total - v->top - page), draw_glyph(GLYPH_MORE),
		                       l.total - v->top - page);
		draw_text_right(r->rows - 1, r->cols - 1, r->cols - 2, ROLE_DIM, more);
		free(more);
	}
}

static void act_journal(void *state, struct app *a, const struct action_event *ev,
                        const struct screen_area *r)
{
	struct chart *v = state;
	struct layout l;
	lay_out(a, r, &l);
	unsigned s;
	long last;
	span(v, a, &s, &last);
	long first = first_day(v, a, &l);
	size_t n = a->plan.tl.nsessions;
	switch (ev->action) {
	case ACT_LEFT:
	case ACT_RIGHT:
		first += ev->action == ACT_LEFT ? -WEEK : WEEK;
		if (first > last)
			first = last;
		if (first < 0)
			first = 0;
		*v = (struct chart){true, s, first, v->top};
		break;
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN: {
		unsigned to = s;
		if (ev->action == ACT_PAGE_UP && to > 1)
			to--;
		if (ev->action == ACT_PAGE_DOWN && to < n)
			to++;
		/* That session, as far as its last day allows. */
		v->placed = true;
		v->session = to;
		span(v, a, &s, &last);
		first = last - l.days + 2;
		v->first_day = first < 0 ? 0 : first;
		break;
	}
	case ACT_NOW:
		v->placed = false;
		break;
	default:
		v->top = screen_scroll(v->top, l.total, r->rows - CONTENT_Y,
		                             ev->action);
		break;
	}
}

const struct screen_ops screen_journal_ops = {
	.open = open_journal,
	.close = close_journal,
	.draw = draw_journal,
	.act = act_journal,
	.changed = changed_journal,
};
