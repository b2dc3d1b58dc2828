/* draw: the terminal. It sets curses up and restores the terminal (also
 * from die(), through util's hook), owns the colour roles and the glyphs,
 * and offers the few drawing functions the screens use. No curses type
 * leaves draw.c: screens include this header, never curses.
 *
 * Text is UTF-8 and measured in terminal columns; rows and columns count
 * from 0 at the top left. Every drawing function clips to the screen and to
 * the width it is given, so a screen can never write outside its area. */
#ifndef NEEDLECARE_DRAW_H
#define NEEDLECARE_DRAW_H

#include <stdbool.h>
#include <stddef.h>

/* What a piece of text is, not what it looks like: draw.c's one table
 * gives each role a colour and, for monochrome, an attribute. */
enum role {
	ROLE_NORMAL,
	ROLE_TITLE,    /* the bar at the top */
	ROLE_HEADING,  /* section and phase headings */
	ROLE_DIM,      /* the past, hints */
	ROLE_SELECTED, /* the selected row */
	ROLE_RESTRICT, /* a restriction in force */
	ROLE_ALLOW,    /* something that may come back */
	ROLE_EXPECT,   /* what to expect */
	ROLE_TODO,     /* a task or check-in */
	ROLE_NOW,      /* the "now" marker */
	ROLE_BAR_DONE, /* the part of a progress bar behind now */
	ROLE_BAR_LEFT, /* the part ahead */
	ROLE_FOOTER,   /* the key bar at the bottom */
	ROLE_KEY,      /* a key name in the key bar */
	ROLE_ERROR,    /* a problem: a bad date, a file not saved */
	ROLE_FIELD,    /* a text field */
	ROLE_ALERT,    /* a warning banner's title: a check-in tripped a rule */
	ROLE_RANGE,    /* the normal range in a chart */
	ROLE_POINT,    /* the patient's own value in a chart */
	ROLE_COUNT
};

/* Symbols, as UTF-8 when the locale's character set is UTF-8 and as plain
 * ASCII otherwise. */
enum glyph {
	GLYPH_RESTRICT,   /* ✗  x   */
	GLYPH_ALLOW,      /* ✓  +   */
	GLYPH_BULLET,     /* •  *   */
	GLYPH_BOX,        /* ☐  [ ] */
	GLYPH_BOX_TICKED, /* ☑  [x] */
	GLYPH_NOW,        /* ▸  >   */
	GLYPH_HLINE,      /* ─  -   */
	GLYPH_BAR_DONE,   /* █  #   */
	GLYPH_BAR_LEFT,   /* ░  .   */
	GLYPH_SPAN_START, /* ├  |   */
	GLYPH_SPAN,       /* ─  -   */
	GLYPH_SPAN_END,   /* ┤  |   */
	GLYPH_ELLIPSIS,   /* …  ~   */
	GLYPH_UP,         /* ↑  Up  */
	GLYPH_DOWN,       /* ↓  Down */
	GLYPH_LEFT,       /* ←  Left */
	GLYPH_RIGHT,      /* →  Right */
	GLYPH_CHOICE_L,   /* ‹  <   */
	GLYPH_CHOICE_R,   /* ›  >   */
	GLYPH_DOT,        /* ·  -   */
	GLYPH_DASH,       /* –  -   */
	GLYPH_TIMES,      /* ×  x   */
	GLYPH_MORE,       /* ▾  v   */
	GLYPH_WARN,       /* !  !   */
	GLYPH_RANGE,      /* ░  .   the normal range in a chart */
	GLYPH_POINT,      /* ●  *   the patient's value in a chart */
	GLYPH_AXIS,       /* │  |   */
	GLYPH_COUNT
};

/* Starts curses on the terminal: the alternate screen, no echo, keys
 * decoded, colours when color is true and the terminal has them. Registers
 * draw_stop() as die()'s hook. Returns false with an allocated message in
 * *err when the terminal cannot be used (nothing is then changed). */
bool draw_start(bool color, char **err);
/* Restores the terminal as it was and frees what curses holds. Safe to
 * call twice. (die() restores the terminal without freeing.) */
void draw_stop(void);

/* Whether glyphs are UTF-8 (known from draw_start() on; before, false). */
bool draw_utf8(void);
/* The glyph as a string (static). */
const char *draw_glyph(enum glyph g);

int draw_rows(void);
int draw_cols(void);

/* A frame: draw_begin() clears it, draw_end() shows it, with the cursor at
 * (y, x), or hidden when y < 0. */
void draw_begin(void);
void draw_end(int y, int x);
/* Makes the next draw_end() repaint the whole terminal (Ctrl-L). */
void draw_invalidate(void);

/* The width of s in columns. Bytes that are not valid text count as one
 * column each (they are drawn as '?'). */
int draw_width(const char *s);
/* Draws s at (y, x) in at most w columns, ending with an ellipsis when it
 * had to be cut. Returns the columns used. */
int draw_text(int y, int x, int w, enum role r, const char *s);
/* The same, with s ending at column xend (exclusive): right-aligned. */
int draw_text_right(int y, int xend, int w, enum role r, const char *s);
/* Blanks w columns at (y, x) in role r (a selected row, the title bar). */
void draw_fill(int y, int x, int w, enum role r);
/* w columns of the glyph g. */
void draw_repeat(int y, int x, int w, enum role r, enum glyph g);
/* A progress bar of w columns, frac (0 to 1) of it done. */
void draw_bar(int y, int x, int w, double frac);
/* s wrapped at spaces into lines of w columns, from row y, at most
 * maxlines lines (the last one ending with an ellipsis if the text goes
 * on). Returns the lines used. With maxlines < 0, draws nothing and returns
 * how many lines the text needs. */
int draw_wrap(int y, int x, int w, int maxlines, enum role r, const char *s);
/* s wrapped as draw_wrap() wraps it, one allocated string a line, into
 * *lines (allocated; free each line and the array). Returns the count. */
size_t draw_lines(const char *s, int w, char ***lines);

#endif
