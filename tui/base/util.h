/* util: memory that never returns NULL, fatal errors, and diagnostics that
 * carry a file and a line. */
#ifndef NEEDLECARE_UTIL_H
#define NEEDLECARE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/* Exit statuses, documented in needlecare(1). */
enum exit_status {
	STATUS_OK = 0,
	STATUS_FAIL = 1,       /* a file could not be read or written */
	STATUS_USAGE = 2,      /* bad command line */
	STATUS_INVALID = 3,    /* the configuration or protocol has problems */
	STATUS_NO_SESSION = 4, /* nothing is booked */
	STATUS_NO_DESKTOP = 5, /* a notification could not be shown */
};

/* Out of memory is the one error nobody handles: these print and exit. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows *p (holding *cap elements of size) to hold at least need. */
void xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* die() runs the hook first (the interface restores the terminal there),
 * then prints "needlecare: message" and exits with status. */
void util_set_die_hook(void (*hook)(void));
_Noreturn void die(int status, const char *fmt, ...) PRINTF_LIKE(2, 3);
void warn(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* One problem found in an input: file may be NULL (the command line),
 * line 0 means "the file as a whole". lead is printed first: NULL for a
 * problem of an input file (as check lists them), or a string literal
 * such as "needlecare: " for what a command says of its own (as warn()
 * prints it). Engine functions return their errors and warnings this
 * way; only the commands and the interface print or show them. */
struct diag {
	char *file;
	unsigned line;
	char *msg;
	const char *lead;
};

/* A growing list of problems, so that a check reports all of them. */
struct diags {
	struct diag *v;
	size_t n, cap;
};

void diags_add(struct diags *d, const char *file, unsigned line,
               const char *fmt, ...) PRINTF_LIKE(4, 5);
void diags_vadd(struct diags *d, const char *file, unsigned line,
                const char *fmt, va_list ap);
/* The lead of what needlecare says of its own, as warn() prints it. */
#define DIAGS_OWN "needlecare: "
/* diags_add() with a lead (see struct diag): kept by pointer. */
void diags_say(struct diags *d, const char *lead, const char *file, unsigned line,
               const char *fmt, ...) PRINTF_LIKE(5, 6);
/* Appends every problem of from to d, with lead (NULL: the leads they
 * have), and empties from. */
void diags_move(struct diags *d, struct diags *from, const char *lead);
/* Prints each as "lead file:line: msg" (or "lead file: msg", or "lead
 * msg"), a line each, without control characters. */
void diags_print(const struct diags *d, FILE *out);
void diags_free(struct diags *d);

/* fork() for a child that must neither read the terminal nor write over
 * the screen: its standard input, output and error are /dev/null. Returns
 * as fork() does: 0 in the child, the child's pid in the parent, or -1
 * (errno set). Output buffered in the parent is flushed first, so that the
 * child never writes it a second time. */
int util_fork_quiet(void);

/* Removes control characters so that text from a file can never move the
 * cursor or rewrite a terminal; tabs and newlines become spaces, runs of
 * spaces become one, a byte that is not UTF-8 becomes '?'. Returns a new
 * string. */
char *util_clean_text(const char *s);

#endif
