/* The floor of the interface's first frame, for `make bench`: what any
 * ncurses interface showing needlecare's first frame must pay. It starts
 * ncurses as needlecare does (the character set, newterm, cbreak, noecho),
 * then sends the bytes of needlecare's frame, read from FILE as
 * tests/perf/frame.py saved them, and waits for q. No plan, no drawing:
 * the gap between it and needlecare is needlecare's own work.
 * usage: frame-floor FILE */
#include <curses.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static char frame[1 << 16];
	FILE *f = argc == 2 ? fopen(argv[1], "rb") : NULL;
	if (!f) {
		fputs("usage: frame-floor FILE (a frame that can be read)\n", stderr);
		return 2;
	}
	size_t n = fread(frame, 1, sizeof frame, f);
	/* A frame cut short would be timed as if it were whole. */
	bool whole = n < sizeof frame && !ferror(f);
	fclose(f);
	if (!whole) {
		fprintf(stderr, "frame-floor: %s: not read whole (at most %zu bytes)\n",
		        argv[1], sizeof frame - 1);
		return 2;
	}
	setlocale(LC_CTYPE, "");
	SCREEN *s = newterm(NULL, stdout, stdin);
	if (!s)
		return 1;
	cbreak();
	noecho();
	/* Past curses' buffer, as one write, as needlecare's frame leaves. */
	if (write(STDOUT_FILENO, frame, n) != (ssize_t)n)
		return 1;
	char c;
	while (read(STDIN_FILENO, &c, 1) == 1 && c != 'q')
		;
	endwin();
	delscreen(s);
	return 0;
}
