/* screen_help: every key, generated from the table of actions in keys.c
 * (the same table the key handling uses), after the line that says the
 * practitioner's instructions come first. */
#include "term/draw.h"
#include "base/i18n.h"
#include "care/format.h"
#include "term/keys.h"
#include "screens/screen.h"
#include "screens/screens.h"
#include "base/util.h"

#include <stdlib.h>

#ifndef VERSION
#define VERSION "0.1"
#endif

enum { KEYS_W = 18 };

struct hline {
	enum role role;
	const char *keys; /* NULL: a heading or text in what */
	char *what;
};

/* The heading of the keys that work on the screens in on. */
static const char *section(unsigned on)
{
#define TITLE_(ID, name, go, title) [SCREEN_##ID] = (title),
	static const char *const titles[SCREEN_COUNT] = {SCREENS(TITLE_)};
#undef TITLE_
	for (size_t s = 0; s < SCREEN_COUNT; s++)
		if (on == SCREEN_BIT(s))
			return _(titles[s]);
	/* TRANSLATORS: the heading of the keys that work on every screen. */
	return _("Everywhere");
}

/* The lines of the help; keys point into bufs (one per line). What a key
 * does is wrapped in w columns: its lines after the first have no keys. */
static size_t build(struct hline *v, size_t max, char (*bufs)[64], int w)
{
	size_t n = 0;
	v[n++] = (struct hline){ROLE_HEADING, NULL, xasprintf(
		_("%s needlecare's milestones are general defaults: your "
		  "practitioner can change any of them with a protocol file."),
		format_practitioner_short)};
	v[n++] = (struct hline){ROLE_NORMAL, NULL, xstrdup("")};
	unsigned last = 0;
	for (size_t i = 0; i < keys_help_count() && n + 2 < max; i++) {
		struct key_help h;
		keys_help(i, &h, bufs[n], sizeof bufs[n]);
		if (h.on != last) {
			if (last)
				v[n++] = (struct hline){ROLE_NORMAL, NULL, xstrdup("")};
			v[n++] = (struct hline){ROLE_HEADING, NULL, xstrdup(section(h.on))};
			last = h.on;
			keys_help(i, &h, bufs[n], sizeof bufs[n]);
		}
		char **lines;
		size_t k = draw_lines(h.what, w, &lines);
		for (size_t j = 0; j < k; j++) {
			if (n < max)
				v[n++] = (struct hline){ROLE_NORMAL, j ? "" : h.keys, lines[j]};
			else
				free(lines[j]);
		}
		if (k == 0)
			v[n++] = (struct hline){ROLE_NORMAL, h.keys, xstrdup("")};
		free(lines);
	}
	return n;
}

enum { MAX_LINES = 240 };

struct help {
	int top; /* the first line shown, below the practitioner line */
};

static void *open_help(const struct app *a)
{
	(void)a;
	return xcalloc(1, sizeof(struct help));
}

static void close_help(void *state)
{
	free(state);
}

static void draw_help(void *state, struct app *a, const struct screen_area *r)
{
	(void)a;
	struct help *h = state;
	screen_title(r, _("Help"), NULL, "needlecare " VERSION);
	struct hline v[MAX_LINES];
	char bufs[MAX_LINES][64];
	size_t n = build(v, MAX_LINES, bufs, r->cols - 4 - KEYS_W);
	int page = r->rows - 2;
	/* The practitioner line is wrapped: it is the one long line. */
	int first = draw_wrap(2, 1, r->cols - 2, 3, ROLE_HEADING, v[0].what);
	int y = 2 + first;
	page -= first;
	h->top = screen_scroll(h->top, (int)n - 1, page, ACT_NONE);
	for (size_t i = 1 + (size_t)h->top; i < n && y < r->rows; i++, y++) {
		if (v[i].keys) {
			draw_text(y, 3, KEYS_W - 1, ROLE_HEADING, v[i].keys);
			draw_text(y, 3 + KEYS_W, r->cols - 4 - KEYS_W, ROLE_NORMAL, v[i].what);
		} else {
			draw_text(y, 1, r->cols - 2, v[i].role, v[i].what);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(v[i].what);
}

static void act_help(void *state, struct app *a, const struct action_event *ev,
                     const struct screen_area *r)
{
	(void)a;
	struct help *h = state;
	struct hline v[MAX_LINES];
	char bufs[MAX_LINES][64];
	size_t n = build(v, MAX_LINES, bufs, r->cols - 4 - KEYS_W);
	int first = draw_wrap(0, 0, r->cols - 2, -1, ROLE_NORMAL, v[0].what);
	int page = r->rows - 2 - (first > 3 ? 3 : first);
	h->top = screen_scroll(h->top, (int)n - 1, page, ev->action);
	for (size_t i = 0; i < n; i++)
		free(v[i].what);
}

/* Nothing here depends on the plan, but every screen starts at its top
 * after a booking: the help alike, so that none is left half scrolled. */
static void changed_help(void *state, struct app *a, unsigned what)
{
	(void)a;
	if (what & CHANGED_PLAN)
		((struct help *)state)->top = 0;
}

const struct screen_ops screen_help_ops = {
	.open = open_help,
	.close = close_help,
	.draw = draw_help,
	.act = act_help,
	.changed = changed_help,
};
