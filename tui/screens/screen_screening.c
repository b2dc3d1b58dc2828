/* screen_screening: the questions to answer before the first session
 * (screening_questions), yes or no each, saved at once in the
 * configuration's [screening] section as `needlecare screen` saves them
 * (config_lock, config_save). Below the list, why the selected question matters. A yes
 * is for the conversation with the practitioner: needlecare never says
 * that someone cannot be treated. */
#include "care/config.h"
#include "care/format.h"
#include "term/draw.h"
#include "base/i18n.h"
#include "screens/screen.h"
#include "care/screening.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

static const char answer_chars[] = "yn";

enum { VALUE_W = 7, PANE_ROWS = 4 }; /* "‹ yes ›"; a rule and 3 lines */

/* The line above the questions: what to press, and what the answers are
 * for. Allocated. */
static char *intro(void)
{
	/* TRANSLATORS: y and n are the keys to press. */
	return xasprintf("%s %s", _("Answer y or n."), FORMAT_TREAT_DECISION);
}

/* The state: the selected question and the first row shown. Answering
 * reloads the plan, and the selection stays: it has no changed op. */
static void *open_screening(const struct app *a)
{
	(void)a;
	return xcalloc(1, sizeof(struct screen_list_view));
}

static void close_screening(void *state)
{
	free(state);
}

static const char *text_screening(const void *state, const struct app *a)
{
	(void)state;
	(void)a;
	return answer_chars;
}

static signed char answer(const struct app *a, size_t q)
{
	return a->plan.cfg.answers ? a->plan.cfg.answers[q] : -1;
}

/* The rows of the list: each question's lines, wrapped in w columns.
 * entry_of[i] is the question of its first line, negative for the lines
 * after it; text[i] the line (allocated). Returns the count. */
static int build(int w, long **entry_of, char ***text)
{
	size_t cap = 0;
	int n = 0;
	*entry_of = NULL;
	*text = NULL;
	size_t cap2 = 0;
	for (size_t q = 0; q < screening_count; q++) {
		char **lines;
		size_t k = draw_lines(_(screening_questions[q].question), w, &lines);
		for (size_t i = 0; i < k; i++) {
			xgrow(entry_of, &cap, (size_t)n + 1, sizeof **entry_of);
			xgrow(text, &cap2, (size_t)n + 1, sizeof **text);
			(*entry_of)[n] = i == 0 ? (long)q : -1 - (long)q;
			(*text)[n] = lines[i];
			n++;
		}
		free(lines);
	}
	return n;
}

static void free_rows(long *entry_of, char **text, int n)
{
	for (int i = 0; i < n; i++)
		free(text[i]);
	free(text);
	free(entry_of);
}

/* Where the list starts, and how many rows it has. */
static int list_y(const struct screen_area *r)
{
	char *s = intro();
	int y = 1 + draw_wrap(0, 0, r->cols - 2, -1, ROLE_NORMAL, s) + 1;
	free(s);
	return y;
}

static int page_of(const struct screen_area *r)
{
	int page = r->rows - list_y(r);
	if (page - PANE_ROWS >= 6)
		page -= PANE_ROWS;
	return page;
}

static const char *word(signed char v)
{
	if (!i18n_on)
		return v < 0 ? "   " : v ? "yes" : "no ";
	/* The words padded to one width, as "no " is to "yes". */
	static char buf[3][32];
	const char *w[3] = {"", _("yes"), _("no")};
	int width = 0;
	for (int i = 1; i < 3; i++)
		if (draw_width(w[i]) > width)
			width = draw_width(w[i]);
	int i = v < 0 ? 0 : v ? 1 : 2;
	snprintf(buf[i], sizeof buf[i], "%s%*s", w[i], width - draw_width(w[i]), "");
	return buf[i];
}

static void draw_screening(void *state, struct app *a, const struct screen_area *r)
{
	struct screen_list_view *list = state;
	size_t answered = 0;
	for (size_t q = 0; q < screening_count; q++)
		answered += answer(a, q) >= 0;
	char right[48];
	snprintf(right, sizeof right, _("%zu of %zu answered"), answered, screening_count);
	screen_title(r, _("Screening"), NULL, right);
	int y0 = list_y(r);
	char *s = intro();
	draw_wrap(1, 1, r->cols - 2, y0 - 2, ROLE_NORMAL, s);
	free(s);

	long *entry_of;
	char **text;
	int tx = 1 + VALUE_W + 1;
	int n = build(r->cols - 1 - tx, &entry_of, &text);
	if (list->sel < 0 || (size_t)list->sel >= screening_count) {
		list->sel = 0;
		list->top = 0;
	}
	int page = page_of(r);
	screen_list_scroll(list, entry_of, n, page);
	for (int i = list->top, y = y0; i < n && y < y0 + page; i++, y++) {
		long q = entry_of[i] >= 0 ? entry_of[i] : -1 - entry_of[i];
		bool sel = q == list->sel;
		if (sel)
			draw_fill(y, 0, r->cols, ROLE_SELECTED);
		if (entry_of[i] >= 0) {
			signed char v = answer(a, (size_t)q);
			char *box = xasprintf("%s %s %s", draw_glyph(GLYPH_CHOICE_L), word(v),
			                      draw_glyph(GLYPH_CHOICE_R));
			draw_text(y, 1, VALUE_W, sel ? ROLE_SELECTED : v == 1 ? ROLE_ERROR
			          : ROLE_NORMAL, box);
			free(box);
		}
		draw_text(y, tx, r->cols - 1 - tx, sel ? ROLE_SELECTED : ROLE_NORMAL, text[i]);
	}
	if (page < r->rows - y0) {
		/* Why the selected question matters. */
		int y = y0 + page;
		const struct screening_question *q = &screening_questions[list->sel];
		draw_repeat(y, 0, r->cols, ROLE_DIM, GLYPH_HLINE);
		char *why = answer(a, (size_t)list->sel) == 1
		            ? xasprintf(_("You answered yes: %s. Discuss it with your "
		                          "practitioner before the session."), _(q->reason))
		            : xasprintf(_("Why it matters: %s."), _(q->reason));
		draw_wrap(y + 1, 1, r->cols - 2, r->rows - y - 1, ROLE_NORMAL, why);
		free(why);
	}
	free_rows(entry_of, text, n);
}

/* Saves answer v to question q in the configuration as it is on disk, under
 * its lock; the loop then reloads the plan: a yes can switch milestones on. */
static void save(struct app *a, size_t q, signed char v)
{
	struct config cfg;
	int lock = screen_config_fresh(a, &cfg);
	if (lock < 0)
		return;
	cfg.answers[q] = v;
	if (screen_config_save(a, &cfg, lock))
		screen_status(a, false, _("Saved: %s = %s (%s)."), screening_questions[q].name,
		              v ? "yes" : "no", cfg.path);
	config_free(&cfg);
}

static void act_screening(void *state, struct app *a,
                          const struct action_event *ev, const struct screen_area *r)
{
	struct screen_list_view *list = state;
	long *entry_of;
	char **text;
	int n = build(r->cols - 1 - (1 + VALUE_W + 1), &entry_of, &text);
	if (list->sel < 0 || (size_t)list->sel >= screening_count)
		list->sel = 0;
	size_t q = (size_t)list->sel;
	signed char v = answer(a, q);
	switch (ev->action) {
	case ACT_CHAR:
		save(a, q, ev->ch == 'y');
		/* On to the next question. */
		list->sel = screen_list_move(entry_of, n, list->sel,
		                             page_of(r), ACT_DOWN);
		break;
	case ACT_LEFT:
	case ACT_RIGHT:
	case ACT_TICK:
		/* not answered -> yes -> no -> yes ..., as on booking */
		save(a, q, v == 1 ? 0 : 1);
		break;
	case ACT_ENTER:
		list->sel = screen_list_move(entry_of, n, list->sel,
		                             page_of(r), ACT_DOWN);
		break;
	default:
		list->sel = screen_list_move(entry_of, n, list->sel,
		                             page_of(r), ev->action);
		break;
	}
	free_rows(entry_of, text, n);
}

const struct screen_ops screen_screening_ops = {
	.open = open_screening,
	.close = close_screening,
	.draw = draw_screening,
	.act = act_screening,
	.text = text_screening,
};
