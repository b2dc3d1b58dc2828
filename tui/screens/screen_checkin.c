/* screen_checkin: the daily check-in. The four ratings on one scale (0
 * none, 1 mild, 2 moderate, 3 marked), each beside the highest rating that
 * is normal today; the warning signs the protocol's rules ask about, yes or
 * no; a note and a photo's
 * path. Saving appends the entry to the journal exactly as `needlecare
 * log` does (checkin_set, journal_append), then judges it against the
 * protocol's warning-sign rules (rules_tripped): a rule it trips sends
 * one notification and leaves a banner on Today until it is acknowledged;
 * otherwise the journal's chart shows the new entry. */
#include "care/config.h"
#include "term/draw.h"
#include "base/i18n.h"
#include "care/format.h"
#include "care/journal.h"
#include "send/alert.h"
#include "care/rules.h"
#include "care/protocol.h"
#include "screens/screen.h"
#include "care/timeline.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

/* The rows that take the focus, in order: the ratings, the signs, the two
 * text fields, the button. */
enum { F_RATING = 0, F_SIGN = F_RATING + RATING_COUNT, F_NOTE = F_SIGN + SIGN_COUNT,
       F_PHOTO, F_SAVE, F_COUNT };

enum row_kind { R_BLANK, R_DUE, R_HEAD_RATINGS, R_HEAD_SIGNS, R_FIELD, R_HINT };
struct row {
	enum row_kind kind;
	int focus; /* R_FIELD: its focus index */
};

enum { MAX_ROWS = 32, LABEL_W = 20, FIELD_LABEL_W = 8 };

static const char rating_chars[] = "0123456789";
static const char sign_chars[] = "yn";

/* The state: the form, as the patient left it when going to another
 * screen; emptied once it is saved. Ratings and signs not given are -1. */
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

static void fill(struct checkin_form *c)
{
	memset(c, 0, sizeof *c);
	c->ready = true;
	memset(c->rating, -1, sizeof c->rating);
	memset(c->sign, -1, sizeof c->sign);
}

static void *open_checkin(const struct app *a)
{
	(void)a;
	return xcalloc(1, sizeof(struct checkin_form));
}

static void close_checkin(void *state)
{
	free(state);
}

static const char *text_checkin(const void *state, const struct app *a)
{
	(void)a;
	const struct checkin_form *c = state;
	if (!c->ready)
		return NULL;
	if (c->focus >= F_RATING && c->focus < F_SIGN)
		return rating_chars;
	if (c->focus >= F_SIGN && c->focus < F_NOTE)
		return sign_chars;
	if (c->focus == F_NOTE || c->focus == F_PHOTO)
		return keys_any_text;
	return NULL;
}

/* The rows of the form; tight drops the blank rows and the hint. */
static int rows_of(const struct app *a, bool tight, struct row *v)
{
	int n = 0;
	if (tight && timeline_checkin_due(&a->plan.tl, &a->journal, a->now))
		v[n++] = (struct row){R_DUE, -1};
	v[n++] = (struct row){R_HEAD_RATINGS, -1};
	for (int i = 0; i < RATING_COUNT; i++)
		v[n++] = (struct row){R_FIELD, F_RATING + i};
	if (!tight)
		v[n++] = (struct row){R_BLANK, -1};
	v[n++] = (struct row){R_HEAD_SIGNS, -1};
	for (int i = 0; i < SIGN_COUNT; i++)
		if (protocol_asks_sign(a->plan.proto, i))
			v[n++] = (struct row){R_FIELD, F_SIGN + i};
	if (!tight)
		v[n++] = (struct row){R_BLANK, -1};
	v[n++] = (struct row){R_FIELD, F_NOTE};
	v[n++] = (struct row){R_FIELD, F_PHOTO};
	if (!tight)
		v[n++] = (struct row){R_BLANK, -1};
	v[n++] = (struct row){R_FIELD, F_SAVE};
	if (!tight) {
		v[n++] = (struct row){R_BLANK, -1};
		v[n++] = (struct row){R_HINT, -1};
	}
	return n;
}

/* The rows, and the first one shown so that the focus shows (with the
 * heading above it). The form starts on row 2 of the area, below the
 * check-in that is due; when short, on row 1, with that line in the
 * list. *tight says which. */
static int layout(struct checkin_form *c, const struct app *a, const struct screen_area *r,
                  struct row *v, int *y0, bool *tight)
{
	*y0 = 2;
	*tight = false;
	int page = r->rows - *y0;
	int n = rows_of(a, false, v);
	if (n > page) {
		*y0 = 1;
		*tight = true;
		page = r->rows - *y0;
		n = rows_of(a, true, v);
	}
	int at = 0;
	for (int i = 0; i < n; i++)
		if (v[i].kind == R_FIELD && v[i].focus == c->focus)
			at = i;
	int want = at > 0 && v[at - 1].kind != R_FIELD ? at - 1 : at;
	if (c->focus == 0)
		want = 0;
	if (want < c->top)
		c->top = want;
	if (at >= c->top + page)
		c->top = at - page + 1;
	if (c->top > n - page)
		c->top = n - page;
	if (c->top < 0)
		c->top = 0;
	return n;
}

/* The day of now since the session, when there is one. */
static bool today(const struct app *a, long *day, unsigned *session)
{
	return timeline_day(&a->plan.tl, a->now, day, session) && *day >= 0;
}

/* The column of the rating labels: LABEL_W, or wider for a translation's
 * longer labels, up to a third of the screen. */
static int label_w(int cols)
{
	int w = LABEL_W;
	for (int i = 0; i < RATING_COUNT; i++)
		if (draw_width(_(checkin_ratings[i].label)) + 1 > w)
			w = draw_width(_(checkin_ratings[i].label)) + 1;
	return w > cols / 3 ? (cols / 3 > LABEL_W ? cols / 3 : LABEL_W) : w;
}

static char *rating_word(signed char v)
{
	return v < 0 ? xstrdup(_("not rated")) : xasprintf("%d %s", v, _(checkin_scale[v]));
}

static const char *sign_word(signed char v)
{
	return v < 0 ? _("not answered") : v ? _("yes") : _("no");
}

static int draw_choice(int y, int x, int w, enum role role, const char *value)
{
	char *s = xasprintf("%s %s %s", draw_glyph(GLYPH_CHOICE_L), value,
	                    draw_glyph(GLYPH_CHOICE_R));
	int used = draw_text(y, x, w, role, s);
	free(s);
	return used;
}

/* A text field from x to the right edge, showing the end of its text, or
 * a hint while it is empty. */
static void draw_field(struct app *a, int y, int x, int w, bool focus,
                       const char *text, const char *hint)
{
	draw_text(y, x, 1, ROLE_NORMAL, "[");
	draw_fill(y, x + 1, w - 2, ROLE_FIELD);
	const char *shown = text;
	while (draw_width(shown) > w - 3) {
		shown++;
		while (((unsigned char)*shown & 0xc0) == 0x80)
			shown++;
	}
	int tw = 0;
	if (*text)
		tw = draw_text(y, x + 1, w - 2, ROLE_FIELD, shown);
	else if (!focus)
		draw_text(y, x + 1, w - 2, ROLE_DIM, hint);
	draw_text(y, x + w - 1, 1, ROLE_NORMAL, "]");
	if (focus) {
		a->cursor_y = y;
		a->cursor_x = x + 1 + tw;
	}
}

static void draw_row(const struct checkin_form *c, struct app *a,
                     const struct screen_area *r, int y, const struct row *row, long day,
                     bool have_day)
{
	int W = r->cols;
	char *s;
	switch (row->kind) {
	case R_BLANK:
		return;
	case R_DUE: {
		const struct timeline_entry *due = timeline_checkin_due(&a->plan.tl, &a->journal, a->now);
		if (!due)
			return;
		s = xasprintf(_("%s Due: %s"), draw_glyph(GLYPH_BOX), due->m->title);
		draw_text(y, 1, W - 2, ROLE_TODO, s);
		free(s);
		return;
	}
	case R_HEAD_RATINGS:
		draw_text(y, 1, W - 2, ROLE_HEADING,
		          _("How is your skin? 0 none, 1 mild, 2 moderate, 3 marked"));
		return;
	case R_HEAD_SIGNS:
		draw_text(y, 1, W - 2, ROLE_HEADING,
		          _("Warning signs: do you have any of these?"));
		return;
	case R_HINT:
		draw_wrap(y, 1, W - 2, r->rows - y, ROLE_DIM, format_no_diagnosis);
		return;
	case R_FIELD:
		break;
	}
	int f = row->focus;
	bool focus = f == c->focus;
	enum role label = focus ? ROLE_HEADING : ROLE_NORMAL;
	if (f < F_SIGN) {
		int i = f - F_RATING;
		int max = have_day ? protocol_normal_max(a->plan.proto, (enum rating)i, day) : -1;
		int lw = label_w(W);
		draw_text(y, 3, lw, label, _(checkin_ratings[i].label));
		char *v = rating_word(c->rating[i]);
		enum role role = focus ? ROLE_SELECTED : max >= 0 && c->rating[i] > max
		                 ? ROLE_ERROR : ROLE_NORMAL;
		if (c->rating[i] < 0 && !focus)
			role = ROLE_DIM;
		int x = 3 + lw + 1;
		int used = draw_choice(y, x, W - 1 - x, role, v);
		free(v);
		if (max >= 0) {
			/* In a column after the widest value, "‹ 2 moderate ›". */
			int nx = x + 14 + 3;
			s = xasprintf(_("normal today: up to %d %s"), max, _(checkin_scale[max]));
			if (nx < x + used + 2)
				nx = x + used + 2;
			if (nx + draw_width(s) <= W - 1)
				draw_text(y, nx, W - 1 - nx, ROLE_DIM, s);
			free(s);
		}
	} else if (f < F_NOTE) {
		int i = f - F_SIGN;
		s = xasprintf("%s %s %s", draw_glyph(GLYPH_CHOICE_L), _("not answered"),
		              draw_glyph(GLYPH_CHOICE_R));
		int vw = draw_width(s);
		free(s);
		int lw = W - 1 - 3 - 2 - vw;
		int longest = 0;
		for (int k = 0; k < SIGN_COUNT; k++)
			if (draw_width(_(checkin_signs[k].label)) > longest)
				longest = draw_width(_(checkin_signs[k].label));
		if (lw > longest)
			lw = longest;
		draw_text(y, 3, lw, label, _(checkin_signs[i].label));
		draw_choice(y, 3 + lw + 2, W - 1 - (3 + lw + 2),
		            focus ? ROLE_SELECTED : c->sign[i] == 1 ? ROLE_ERROR
		            : c->sign[i] < 0 ? ROLE_DIM : ROLE_NORMAL,
		            sign_word(c->sign[i]));
	} else if (f == F_NOTE || f == F_PHOTO) {
		draw_text(y, 3, FIELD_LABEL_W, label, f == F_NOTE ? _("Note") : _("Photo"));
		int x = 3 + FIELD_LABEL_W;
		draw_field(a, y, x, W - 1 - x, focus, f == F_NOTE ? c->note : c->photo,
		           f == F_NOTE ? _("anything you want to remember")
		                       : _("the path of a photo you took, if any"));
	} else {
		draw_text(y, 3, W - 4, focus ? ROLE_SELECTED : ROLE_HEADING,
		          _("[ Save check-in ]"));
	}
}

static void draw_checkin(void *state, struct app *a, const struct screen_area *r)
{
	struct checkin_form *c = state;
	if (!c->ready)
		fill(c);
	char now[40];
	format_long(a->now, now, sizeof now);
	long day;
	unsigned session;
	bool have_day = today(a, &day, &session);
	char *right = format_course_day(&a->plan.tl, a->now);
	if (!right)
		right = xstrdup(_("no session booked"));
	screen_title(r, _("Check-in"), now, right);
	free(right);
	struct row v[MAX_ROWS];
	int y0;
	bool tight;
	int n = layout(c, a, r, v, &y0, &tight);
	if (!tight)
		draw_row(c, a, r, 1, &(struct row){R_DUE, -1}, day, have_day);
	for (int i = c->top, y = y0; i < n && y < r->rows; i++, y++)
		draw_row(c, a, r, y, &v[i], day, have_day);
	if (c->top > 0 && y0 > 1) {
		char *more = xasprintf(_("%s more above"), draw_glyph(GLYPH_UP));
		draw_text_right(y0 - 1, r->cols - 1, r->cols - 2, ROLE_DIM, more);
		free(more);
	}
}

/* Appends the bytes of one character to a field, if there is room. */
static void type_into(char *field, int ch)
{
	char enc[16];
	size_t k = keys_encode(ch, enc, sizeof enc), len = strlen(field);
	if (k && len + k <= CHECKIN_TEXT_MAX)
		memcpy(field + len, enc, k + 1);
}

/* Erases the last character (all its bytes) of a field. */
static void erase_from(char *field)
{
	size_t len = strlen(field);
	while (len > 0 && ((unsigned char)field[len - 1] & 0xc0) == 0x80)
		len--;
	if (len > 0)
		len--;
	field[len] = '\0';
}

/* checkin_set() for a text field, so that it is checked as `log` checks
 * it. */
static bool set_text(struct app *a, struct checkin_form *c, struct checkin *in,
                     const char *name, const char *text, int focus)
{
	if (!*text)
		return true;
	char *word = xasprintf("%s=%s", name, text), *err;
	bool ok = checkin_set(in, word, &err);
	free(word);
	if (!ok) {
		screen_status(a, true, _("Not saved: %s"), err);
		free(err);
		c->focus = focus;
	}
	return ok;
}

static void save(struct app *a, struct checkin_form *c)
{
	struct checkin in;
	checkin_init(&in, a->now);
	memcpy(in.rating, c->rating, sizeof in.rating);
	memcpy(in.sign, c->sign, sizeof in.sign);
	if (!set_text(a, c, &in, "note", c->note, F_NOTE) ||
	    !set_text(a, c, &in, "photo", c->photo, F_PHOTO)) {
		checkin_free(&in);
		return;
	}
	if (checkin_empty(&in)) {
		screen_status(a, true, "%s", _("Not saved: expected at least one rating, sign, "
		                               "note or photo."));
		c->focus = 0;
		return;
	}
	char *err;
	if (!journal_append(a->journal_file, &in, &err)) {
		screen_status(a, true, _("The check-in was not saved: %s"), err);
		free(err);
		checkin_free(&in);
		return;
	}
	checkin_free(&in);
	screen_load_journal(a);
	bool warned = a->status[0] != '\0';
	char *day = format_course_day(&a->plan.tl, a->now);
	char *saved = day ? xasprintf(_("Check-in saved: %s."), day) : xstrdup(_("Check-in saved."));
	free(day);
	/* Judged against the whole journal, for "higher than the day
	 * before". */
	struct checkin_warning w;
	rules_warning_compose(&a->plan, &a->journal, &w);
	size_t n = w.n;
	if (!warned)
		screen_status(a, false, "%s%s", saved, n ? _(" It needs your attention: "
		                                             "read the warning.") : "");
	/* The warning notification, the one `needlecare log` sends. */
	char *why;
	if (!alert_warning(&w, ALERT_ASYNC, &why)) {
		screen_status(a, true, "%s", _("The warning could not be sent to the desktop: it "
		                               "is shown on Today."));
		free(why);
	}
	rules_warning_free(&w);
	free(saved);
	fill(c);
	c->ready = false;
	a->go = n ? SCREEN_TODAY : SCREEN_JOURNAL;
	a->changed |= CHANGED_JOURNAL;
}

/* Whether a focus index is a row of the form: a sign is one when a rule
 * of the protocol asks about it. */
static bool on_form(const struct app *a, int focus)
{
	return focus < F_SIGN || focus >= F_NOTE ||
	       protocol_asks_sign(a->plan.proto, focus - F_SIGN);
}

/* The focus moved by dir (+1 or -1) to the next row of the form. */
static void move(const struct app *a, struct checkin_form *c, int dir)
{
	int f = c->focus + dir;
	while (f >= 0 && f < F_COUNT && !on_form(a, f))
		f += dir;
	if (f >= 0 && f < F_COUNT)
		c->focus = f;
}

static void change(struct checkin_form *c, int dir)
{
	if (c->focus < F_SIGN) {
		signed char *v = &c->rating[c->focus - F_RATING];
		int x = *v + dir;
		*v = (signed char)(x < -1 ? -1 : x > RATING_MAX ? RATING_MAX : x);
	} else if (c->focus < F_NOTE) {
		/* not answered -> yes -> no -> yes ..., as on booking */
		signed char *v = &c->sign[c->focus - F_SIGN];
		*v = *v == 1 ? 0 : 1;
	}
}

static void act_checkin(void *state, struct app *a, const struct action_event *ev,
                        const struct screen_area *r)
{
	(void)r;
	struct checkin_form *c = state;
	if (!c->ready)
		fill(c);
	char *field = c->focus == F_NOTE ? c->note : c->focus == F_PHOTO ? c->photo : NULL;
	switch (ev->action) {
	case ACT_UP:
		move(a, c, -1);
		break;
	case ACT_DOWN:
	case ACT_BACK:
		move(a, c, +1);
		break;
	case ACT_TOP:
	case ACT_PAGE_UP:
		c->focus = 0;
		break;
	case ACT_BOTTOM:
	case ACT_PAGE_DOWN:
		c->focus = F_COUNT - 1;
		break;
	case ACT_CHAR:
		if (field) {
			type_into(field, ev->ch);
		} else if (c->focus < F_SIGN) {
			if (ev->ch >= '0' && ev->ch <= '0' + RATING_MAX)
				c->rating[c->focus - F_RATING] = (signed char)(ev->ch - '0');
			else
				screen_status(a, true, _("Ratings go from 0 (none) to %d (%s)."),
				              RATING_MAX, _(checkin_scale[RATING_MAX]));
		} else if (c->focus < F_NOTE) {
			c->sign[c->focus - F_SIGN] = ev->ch == 'y';
		}
		break;
	case ACT_ERASE:
		if (field)
			erase_from(field);
		else if (c->focus < F_SIGN)
			c->rating[c->focus - F_RATING] = -1;
		else if (c->focus < F_NOTE)
			c->sign[c->focus - F_SIGN] = -1;
		break;
	case ACT_LEFT:
		change(c, -1);
		break;
	case ACT_RIGHT:
	case ACT_TICK:
		change(c, +1);
		break;
	case ACT_ENTER:
		if (c->focus == F_SAVE)
			save(a, c);
		else
			move(a, c, +1);
		break;
	default:
		break;
	}
}

const struct screen_ops screen_checkin_ops = {
	.open = open_checkin,
	.close = close_checkin,
	.draw = draw_checkin,
	.act = act_checkin,
	.text = text_checkin,
};
