/* screen_help: every key, generated from the table of actions in keys.c
 * (the same table the key handling uses), after the line that says the
 * practitioner's instructions come first. */
#include "term/draw.h"
#include "care/format.h"
#include "term/keys.h"
#include "screens/screen.h"
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

static const char *section(unsigned on)
{
	switch (on) {
	case ON_TODAY:
		return "Today";
	case ON_TIMELINE:
		return "Timeline";
	case ON_CHECKLIST:
		return "Checklist";
	case ON_BOOKING:
		return "Booking";
	case ON_CHECKIN:
		return "Check-in";
	case ON_JOURNAL:
		return "Journal";
	case ON_SCREENING:
		return "Screening";
	case ON_HELP:
		return "Help";
	}
	return "Everywhere";
}

/* The lines of the help; keys point into bufs (one per line). */
static size_t build(struct hline *v, size_t max, char (*bufs)[64])
{
	size_t n = 0;
	v[n++] = (struct hline){ROLE_HEADING, NULL, xasprintf(
		"%s needlecare's milestones are general defaults: your "
		"practitioner can change any of them with a protocol file.",
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
		v[n++] = (struct hline){ROLE_NORMAL, h.keys, xstrdup(h.what)};
	}
	return n;
}

enum { MAX_LINES = 160 };

void screen_help_draw(struct app *a, const struct area *r)
{
	screen_title(r, "Help", NULL, "needlecare " VERSION);
	struct hline v[MAX_LINES];
	char bufs[MAX_LINES][64];
	size_t n = build(v, MAX_LINES, bufs);
	int page = r->rows - 2;
	/* The practitioner line is wrapped: it is the one long line. */
	int first = draw_wrap(2, 1, r->cols - 2, 3, ROLE_HEADING, v[0].what);
	int y = 2 + first;
	page -= first;
	a->help_top = screen_scroll(a->help_top, (int)n - 1, page, ACT_NONE);
	for (size_t i = 1 + (size_t)a->help_top; i < n && y < r->rows; i++, y++) {
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

void screen_help_act(struct app *a, const struct action_event *ev,
                     const struct area *r)
{
	struct hline v[MAX_LINES];
	char bufs[MAX_LINES][64];
	size_t n = build(v, MAX_LINES, bufs);
	int first = draw_wrap(0, 0, r->cols - 2, -1, ROLE_NORMAL, v[0].what);
	int page = r->rows - 2 - (first > 3 ? 3 : first);
	a->help_top = screen_scroll(a->help_top, (int)n - 1, page, ev->action);
	for (size_t i = 0; i < n; i++)
		free(v[i].what);
}
