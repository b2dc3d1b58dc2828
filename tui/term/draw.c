/* draw: curses set-up and teardown, colour roles, glyphs, and the drawing
 * functions the screens use. One of the two files that include curses
 * (keys.c reads the keys). */
#include "term/draw.h"
#include "base/i18n.h"
#include "base/util.h"

#include <curses.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

/* The one table of roles: a colour pair (-1 is the terminal's own colour)
 * with an attribute, and what stands in for the colour in monochrome. The
 * screen must read the same without colour: every role that means
 * something is told apart by a glyph or by one of A_BOLD, A_DIM,
 * A_REVERSE. */
static const struct role_def {
	short fg, bg;
	attr_t color_attr, mono_attr;
} roles[ROLE_COUNT] = {
	[ROLE_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
	[ROLE_TITLE] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD},
	[ROLE_HEADING] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
	[ROLE_DIM] = {-1, -1, A_DIM, A_DIM},
	[ROLE_SELECTED] = {-1, -1, A_REVERSE, A_REVERSE},
	[ROLE_RESTRICT] = {COLOR_RED, -1, A_NORMAL, A_NORMAL},
	[ROLE_ALLOW] = {COLOR_GREEN, -1, A_NORMAL, A_NORMAL},
	[ROLE_EXPECT] = {-1, -1, A_NORMAL, A_NORMAL},
	[ROLE_TODO] = {COLOR_MAGENTA, -1, A_NORMAL, A_NORMAL},
	[ROLE_NOW] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
	[ROLE_BAR_DONE] = {COLOR_GREEN, -1, A_NORMAL, A_NORMAL},
	[ROLE_BAR_LEFT] = {-1, -1, A_DIM, A_DIM},
	[ROLE_FOOTER] = {-1, -1, A_REVERSE, A_REVERSE},
	[ROLE_KEY] = {-1, -1, A_REVERSE | A_BOLD, A_REVERSE | A_BOLD},
	[ROLE_ERROR] = {COLOR_RED, -1, A_BOLD, A_BOLD},
	[ROLE_FIELD] = {-1, -1, A_UNDERLINE, A_UNDERLINE},
	[ROLE_ALERT] = {COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD},
	[ROLE_RANGE] = {-1, -1, A_DIM, A_DIM},
	[ROLE_POINT] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
};

/* The glyphs: UTF-8, then ASCII. */
static const char *const glyphs[GLYPH_COUNT][2] = {
	[GLYPH_RESTRICT] = {"\u2717", "x"},
	[GLYPH_ALLOW] = {"\u2713", "+"},
	[GLYPH_BULLET] = {"\u2022", "*"},
	[GLYPH_BOX] = {"\u2610", "[ ]"},
	[GLYPH_BOX_TICKED] = {"\u2611", "[x]"},
	[GLYPH_NOW] = {"\u25b8", ">"},
	[GLYPH_HLINE] = {"\u2500", "-"},
	[GLYPH_BAR_DONE] = {"\u2588", "#"},
	[GLYPH_BAR_LEFT] = {"\u2591", "."},
	[GLYPH_SPAN_START] = {"\u251c", "|"},
	[GLYPH_SPAN] = {"\u2500", "-"},
	[GLYPH_SPAN_END] = {"\u2524", "|"},
	[GLYPH_ELLIPSIS] = {"\u2026", "..."},
	[GLYPH_UP] = {"\u2191", "Up"},
	[GLYPH_DOWN] = {"\u2193", "Down"},
	[GLYPH_LEFT] = {"\u2190", "Left"},
	[GLYPH_RIGHT] = {"\u2192", "Right"},
	[GLYPH_CHOICE_L] = {"\u2039", "<"},
	[GLYPH_CHOICE_R] = {"\u203a", ">"},
	[GLYPH_DOT] = {"\u00b7", "-"},
	[GLYPH_DASH] = {"\u2013", "-"},
	[GLYPH_TIMES] = {"\u00d7", "x"},
	[GLYPH_MORE] = {"\u25be", "v"},
	[GLYPH_WARN] = {"!", "!"},
	[GLYPH_RANGE] = {"\u2591", "."},
	[GLYPH_POINT] = {"\u25cf", "*"},
	[GLYPH_AXIS] = {"\u2502", "|"},
};

static struct {
	bool up;       /* curses is running */
	bool color;
	bool utf8;
	SCREEN *screen;
} term;

static attr_t attr_of(enum role r)
{
	if (term.color && (roles[r].fg != -1 || roles[r].bg != -1))
		return COLOR_PAIR((int)r) | roles[r].color_attr;
	return term.color ? roles[r].color_attr : roles[r].mono_attr;
}

/* Puts the terminal back. Nothing is freed: this also runs from die(),
 * when memory may have run out. */
static void restore(void)
{
	if (!term.up)
		return;
	term.up = false;
	curs_set(1);
	endwin();
	util_set_die_hook(NULL);
}

static void die_hook(void)
{
	restore();
}

bool draw_start(bool color, char **err)
{
	/* The character set only: it decides UTF-8 or ASCII and the width of
	 * characters. Every sentence and date is English on purpose, and the
	 * other categories would only cost file openings. */
	setlocale(LC_CTYPE, "");
	const char *cs = nl_langinfo(CODESET);
	term.utf8 = cs && strcmp(cs, "UTF-8") == 0;
	term.screen = newterm(NULL, stdout, stdin);
	if (!term.screen) {
		const char *t = getenv("TERM");
		*err = xasprintf("the terminal \"%s\" is not known here: set TERM to "
		                 "one that is (such as xterm-256color)", t ? t : "");
		return false;
	}
	set_term(term.screen);
	/* ncurses 6 writes to the terminal at every cursor move until the
	 * first endwin(); after one, each frame leaves in a single write (at
	 * 100x30, 1 write instead of some 40). The next refresh() resumes. */
	endwin();
	term.up = true;
	util_set_die_hook(die_hook);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	/* No look for typeahead while drawing: it costs a poll() at every
	 * refresh, and a frame is far quicker than anyone types. */
	typeahead(-1);
	leaveok(stdscr, FALSE);
	curs_set(0);
	term.color = color && has_colors() && start_color() == OK;
	if (term.color) {
		use_default_colors();
		for (int r = 1; r < ROLE_COUNT; r++)
			if (roles[r].fg != -1 || roles[r].bg != -1)
				init_pair((short)r, roles[r].fg, roles[r].bg);
	}
	return true;
}

void draw_stop(void)
{
	if (!term.up)
		return;
	restore();
	delscreen(term.screen);
	term.screen = NULL;
}

bool draw_utf8(void)
{
	return term.utf8;
}

const char *draw_glyph(enum glyph g)
{
	return glyphs[g][term.utf8 ? 0 : 1];
}

int draw_rows(void)
{
	return LINES;
}

int draw_cols(void)
{
	return COLS;
}

void draw_begin(void)
{
	attrset(A_NORMAL);
	erase();
}

void draw_end(int y, int x)
{
	if (y >= 0 && y < LINES && x >= 0 && x < COLS) {
		move(y, x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

void draw_invalidate(void)
{
	clearok(curscr, TRUE);
}

/* The next character of s (n bytes left): its width in *w, its wide
 * character in *wc ('?' for a byte that is not text). Returns the bytes
 * it took. */
static size_t next_char(const char *s, size_t n, mbstate_t *st, wchar_t *wc, int *w)
{
	/* Most text is ASCII: spare it the conversion (a screen has
	 * thousands of characters, drawn at every frame). */
	unsigned char c = (unsigned char)*s;
	if (c < 0x80 && mbsinit(st)) {
		*wc = c >= 0x20 && c != 0x7f ? (wchar_t)c : L'?';
		*w = 1;
		return 1;
	}
	size_t k = mbrtowc(wc, s, n, st);
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		memset(st, 0, sizeof *st);
		*wc = L'?';
		*w = 1;
		return 1;
	}
	int cw = wcwidth(*wc);
	if (cw < 0) {
		*wc = L'?';
		cw = 1;
	}
	*w = cw;
	return k;
}

static int width_n(const char *s, size_t n)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	int total = 0;
	for (size_t i = 0; i < n;) {
		wchar_t wc;
		int w;
		i += next_char(s + i, n - i, &st, &wc, &w);
		total += w;
	}
	return total;
}

int draw_width(const char *s)
{
	return width_n(s, strlen(s));
}

/* Puts at most w columns of s (n bytes) at (y, x); returns columns used. */
static int put_n(int y, int x, int w, attr_t a, const char *s, size_t n)
{
	if (!term.up || y < 0 || y >= LINES || x >= COLS || w <= 0)
		return 0;
	if (x + w > COLS)
		w = COLS - x;
	wchar_t buf[512];
	size_t k = 0;
	int used = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	for (size_t i = 0; i < n && k + 1 < ARRAY_LEN(buf);) {
		wchar_t wc;
		int cw;
		size_t len = next_char(s + i, n - i, &st, &wc, &cw);
		if (used + cw > w)
			break;
		buf[k++] = wc;
		used += cw;
		i += len;
	}
	buf[k] = L'\0';
	attrset(a);
	mvaddnwstr(y, x, buf, (int)k);
	attrset(A_NORMAL);
	return used;
}

/* Defined below, with the wrapping. */
static size_t fit_bytes(const char *s, size_t n, int w);

int draw_text(int y, int x, int w, enum role r, const char *s)
{
	if (x < 0) {
		w += x;
		x = 0;
	}
	if (w <= 0)
		return 0;
	size_t n = strlen(s);
	int sw = width_n(s, n);
	attr_t a = attr_of(r);
	if (sw <= w)
		return put_n(y, x, w, a, s, n);
	const char *ell = draw_glyph(GLYPH_ELLIPSIS);
	int ew = draw_width(ell);
	if (ew >= w)
		return put_n(y, x, w, a, s, n);
	/* A translation is cut at the end of a word, when one ends in the
	 * second half of the room; the C locale's screens stay as they were. */
	if (i18n_on) {
		size_t fit = fit_bytes(s, n, w - ew), cut = fit;
		while (cut > 0 && s[cut] != ' ' && s[cut - 1] != ' ')
			cut--;
		while (cut > 0 && s[cut - 1] == ' ')
			cut--;
		if (cut > 0 && width_n(s, cut) * 2 >= w - ew)
			n = cut;
	}
	int used = put_n(y, x, w - ew, a, s, n);
	return used + put_n(y, x + used, ew, a, ell, strlen(ell));
}

int draw_text_right(int y, int xend, int w, enum role r, const char *s)
{
	int sw = draw_width(s);
	if (sw > w)
		sw = w;
	return draw_text(y, xend - sw, sw, r, s);
}

void draw_fill(int y, int x, int w, enum role r)
{
	if (!term.up || y < 0 || y >= LINES)
		return;
	if (x < 0) {
		w += x;
		x = 0;
	}
	if (x + w > COLS)
		w = COLS - x;
	if (w <= 0)
		return;
	attrset(attr_of(r));
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

void draw_repeat(int y, int x, int w, enum role r, enum glyph g)
{
	const char *s = draw_glyph(g);
	int gw = draw_width(s);
	for (int i = 0; gw > 0 && i + gw <= w; i += gw)
		draw_text(y, x + i, gw, r, s);
}

void draw_bar(int y, int x, int w, double frac)
{
	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	int done = (int)(frac * w + 0.5);
	draw_repeat(y, x, done, ROLE_BAR_DONE, GLYPH_BAR_DONE);
	draw_repeat(y, x + done, w - done, ROLE_BAR_LEFT, GLYPH_BAR_LEFT);
}

/* The bytes of s that fit in w columns. */
static size_t fit_bytes(const char *s, size_t n, int w)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	int used = 0;
	size_t i = 0;
	while (i < n) {
		wchar_t wc;
		int cw;
		size_t k = next_char(s + i, n - i, &st, &wc, &cw);
		if (used + cw > w)
			break;
		used += cw;
		i += k;
	}
	return i;
}

/* The next line of p wrapped in w columns (w > 0): its length in *len,
 * and where the line after it starts (NULL at the end of the text). */
static const char *next_line(const char *p, int w, size_t *len)
{
	/* The longest run of words that fits; a word longer than the line is
	 * cut. */
	size_t n = strlen(p), end = 0, i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && p[j] != ' ')
			j++;
		if (width_n(p, j) > w)
			break;
		end = j;
		i = j;
		while (i < n && p[i] == ' ')
			i++;
	}
	if (end == 0)
		end = fit_bytes(p, n, w);
	if (end == 0)
		end = 1;
	const char *next = p + end;
	while (*next == ' ')
		next++;
	*len = end;
	return next;
}

int draw_wrap(int y, int x, int w, int maxlines, enum role r, const char *s)
{
	if (w <= 0)
		return 0;
	int lines = 0;
	const char *p = s;
	while (*p == ' ')
		p++;
	while (*p) {
		size_t end;
		const char *next = next_line(p, w, &end);
		if (maxlines >= 0) {
			if (lines >= maxlines)
				break;
			bool last = lines + 1 == maxlines && *next;
			char *line = xstrndup(p, last ? strlen(p) : end);
			draw_text(y + lines, x, w, r, line);
			free(line);
		}
		lines++;
		p = next;
	}
	return lines;
}

size_t draw_lines(const char *s, int w, char ***lines)
{
	size_t n = 0, cap = 0;
	*lines = NULL;
	const char *p = s;
	while (*p == ' ')
		p++;
	while (w > 0 && *p) {
		size_t end;
		const char *next = next_line(p, w, &end);
		xgrow(lines, &cap, n + 1, sizeof **lines);
		(*lines)[n++] = xstrndup(p, end);
		p = next;
	}
	return n;
}
