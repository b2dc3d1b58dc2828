#include "base/util.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void (*die_hook)(void);

static _Noreturn void out_of_memory(void)
{
	if (die_hook)
		die_hook();
	fputs("needlecare: out of memory\n", stderr);
	exit(STATUS_FAIL);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	void **pp = p;
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 8;
	while (c < need) {
		if (c > SIZE_MAX / 2 / size)
			out_of_memory();
		c *= 2;
	}
	*pp = xrealloc(*pp, c * size);
	*cap = c;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void util_set_die_hook(void (*hook)(void))
{
	die_hook = hook;
}

/* Length of the valid UTF-8 character at p, or 0. */
static size_t utf8_char(const unsigned char *p)
{
	if (p[0] < 0x80)
		return 1;
	size_t len = p[0] >= 0xC2 && p[0] <= 0xDF ? 2 : p[0] >= 0xE0 && p[0] <= 0xEF ? 3
	           : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : 0;
	for (size_t i = 1; i < len; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	/* Overlong forms, surrogates and code points past U+10FFFF. */
	if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] > 0x9F) ||
	    (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] > 0x8F))
		return 0;
	return len;
}

/* Messages quote file names, arguments and values: nothing in them may
 * move the cursor or rewrite the terminal. Control characters (C0, DEL and
 * C1) become '?', and so do bytes that are not UTF-8; a character cut short
 * (a message cut to fit a buffer) is dropped. */
static void put_text(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n = utf8_char(p);
		if (n == 0) {
			size_t k = 1;
			while (p[k] && (p[k] & 0xC0) == 0x80 && k < 4)
				k++;
			/* A lead byte and its continuations up to the end: a cut. */
			if (p[0] >= 0xC2 && p[0] <= 0xF4 && !p[k])
				return;
			fputc('?', out);
			p++;
			continue;
		}
		bool control = n == 1 ? *p < 0x20 || *p == 0x7F : n == 2 && p[0] == 0xC2 && p[1] < 0xA0;
		if (control)
			fputc(*p == '\t' ? ' ' : '?', out);
		else
			fwrite(p, 1, n, out);
		p += n;
	}
}

static void message(const char *fmt, va_list ap)
{
	char *msg = xvasprintf(fmt, ap);
	fputs("needlecare: ", stderr);
	put_text(stderr, msg);
	fputc('\n', stderr);
	free(msg);
}

void die(int status, const char *fmt, ...)
{
	if (die_hook)
		die_hook();
	va_list ap;
	va_start(ap, fmt);
	message(fmt, ap);
	va_end(ap);
	exit(status);
}

void warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message(fmt, ap);
	va_end(ap);
}

void diags_vadd(struct diags *d, const char *file, unsigned line,
                const char *fmt, va_list ap)
{
	xgrow(&d->v, &d->cap, d->n + 1, sizeof *d->v);
	struct diag *g = &d->v[d->n++];
	g->file = file ? xstrdup(file) : NULL;
	g->line = line;
	g->msg = xvasprintf(fmt, ap);
	g->lead = NULL;
}

void diags_add(struct diags *d, const char *file, unsigned line,
               const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diags_vadd(d, file, line, fmt, ap);
	va_end(ap);
}

void diags_say(struct diags *d, const char *lead, const char *file, unsigned line,
               const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diags_vadd(d, file, line, fmt, ap);
	va_end(ap);
	d->v[d->n - 1].lead = lead;
}

void diags_move(struct diags *d, struct diags *from, const char *lead)
{
	xgrow(&d->v, &d->cap, d->n + from->n, sizeof *d->v);
	for (size_t i = 0; i < from->n; i++) {
		d->v[d->n] = from->v[i];
		if (lead)
			d->v[d->n].lead = lead;
		d->n++;
	}
	free(from->v);
	from->v = NULL;
	from->n = from->cap = 0;
}

void diags_print(const struct diags *d, FILE *out)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		if (g->lead)
			put_text(out, g->lead);
		if (g->file) {
			put_text(out, g->file);
			if (g->line)
				fprintf(out, ":%u", g->line);
			fputs(": ", out);
		}
		put_text(out, g->msg);
		fputc('\n', out);
	}
}

void diags_free(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

char *util_clean_text(const char *s)
{
	size_t n = strlen(s);
	char *out = xmalloc(n + 1), *o = out;
	bool space = true; /* drops leading blanks too */
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		/* C1 controls arrive in UTF-8 as 0xC2 0x80..0x9F. */
		if (c == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			p++;
			continue;
		}
		if (c == '\t' || c == '\n' || c == '\r' || c == ' ') {
			if (!space)
				*o++ = ' ';
			space = true;
			continue;
		}
		if (c < 0x20 || c == 0x7F)
			continue;
		/* A byte that is not UTF-8 (typed in another encoding) is shown
		 * as '?', never passed on half a character. */
		size_t len = utf8_char(p);
		if (len == 0) {
			*o++ = '?';
		} else {
			memcpy(o, p, len);
			o += len;
			p += len - 1;
		}
		space = false;
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

int util_fork_quiet(void)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid != 0)
		return pid < 0 ? -1 : (int)pid;
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		if (null > STDERR_FILENO)
			close(null);
	}
	return 0;
}
