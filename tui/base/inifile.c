#define _GNU_SOURCE /* memfd_create */
#include "base/inifile.h"
#include "base/fileio.h"
#include "base/i18n.h"

#include <ctype.h>
#include <errno.h>
#include <iniparser.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* A binary file would otherwise produce a problem on every line. */
#define MAX_PROBLEMS 20

struct scan {
	const char *name;
	struct diags *d;
	size_t problems;
	struct inifile *f;
	size_t sections_cap;
	size_t *entries_cap; /* parallel to f->sections */
	size_t keys;         /* in all sections */
	bool full;           /* a limit was reached: stop reading */
};

static void problem(struct scan *s, unsigned line, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

static void problem(struct scan *s, unsigned line, const char *fmt, ...)
{
	s->problems++;
	if (s->problems > MAX_PROBLEMS)
		return;
	va_list ap;
	va_start(ap, fmt);
	if (s->problems == MAX_PROBLEMS) {
		diags_add(s->d, s->name, line, _("more problems follow: stopped reading"));
		s->full = true;
	} else {
		diags_vadd(s->d, s->name, line, fmt, ap);
	}
	va_end(ap);
}

/* Length of the UTF-8 sequence at p (at most n bytes), 0 if invalid. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	if (p[0] < 0x80)
		return 1;
	size_t len;
	unsigned min;
	unsigned cp;
	if ((p[0] & 0xE0) == 0xC0) {
		len = 2, min = 0x80, cp = p[0] & 0x1F;
	} else if ((p[0] & 0xF0) == 0xE0) {
		len = 3, min = 0x800, cp = p[0] & 0x0F;
	} else if ((p[0] & 0xF8) == 0xF0) {
		len = 4, min = 0x10000, cp = p[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

/* Checks the bytes of one physical line; false stops the whole scan (a
 * binary file). */
static bool check_bytes(struct scan *s, const char *p, size_t n, unsigned line)
{
	bool told = false; /* one control character a line is enough to say */
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)p[i];
		if (c == '\0') {
			problem(s, line, _("contains a NUL byte: this is not a text file"));
			return false;
		}
		if ((c < 0x20 && c != '\t' && !(c == '\r' && i + 1 == n)) || c == 0x7F) {
			if (!told)
				problem(s, line, _("contains the control character 0x%02X: "
				          "expected plain text"), c);
			told = true;
			i++;
			continue;
		}
		size_t l = utf8_len((const unsigned char *)p + i, n - i);
		if (l == 0) {
			problem(s, line, _("is not valid UTF-8 text (byte 0x%02X)"), c);
			return false;
		}
		/* C1 controls (U+0080-U+009F) include CSI, which some terminals
		 * obey like ESC [. */
		if (c == 0xC2 && (unsigned char)p[i + 1] <= 0x9F && !told) {
			problem(s, line, _("contains the control character U+%04X: "
			          "expected plain text"), (unsigned char)p[i + 1]);
			told = true;
		}
		i += l;
	}
	return true;
}

static char *strip(const char *p, size_t n)
{
	while (n > 0 && isspace((unsigned char)*p))
		p++, n--;
	while (n > 0 && isspace((unsigned char)p[n - 1]))
		n--;
	return xstrndup(p, n);
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static struct ini_section *find_section(struct inifile *f, const char *name)
{
	for (size_t i = 0; i < f->nsections; i++)
		if (strcmp(f->sections[i].name, name) == 0)
			return &f->sections[i];
	return NULL;
}

static void logical_line(struct scan *s, char *text, unsigned line,
                         struct ini_section **cur)
{
	struct inifile *f = s->f;
	char *t = strip(text, strlen(text));
	size_t n = strlen(t);
	if (n == 0 || t[0] == ';' || t[0] == '#') {
		free(t);
		return;
	}
	if (t[0] == '[') {
		char *close = strchr(t, ']');
		if (!close || close[1] != '\0') {
			problem(s, line, _("expected a section header such as [name], "
			          "but found \"%s\""), t);
			free(t);
			*cur = NULL;
			return;
		}
		char *name = strip(t + 1, (size_t)(close - t - 1));
		free(t);
		lower(name);
		if (!*name || strchr(name, ':')) {
			problem(s, line, _("\"[%s]\" is not a usable section name: it must "
			          "not be empty or contain ':'"), name);
			free(name);
			*cur = NULL;
			return;
		}
		struct ini_section *old = find_section(f, name);
		if (old) {
			problem(s, line, _("[%s] appears a second time (first on line %u): "
			          "each section may appear once"), name, old->line);
			free(name);
			*cur = NULL; /* its keys are not checked twice */
			return;
		}
		if (f->nsections == INIFILE_MAX_SECTIONS) {
			problem(s, line, _("has more than %u sections: stopped reading"),
			        INIFILE_MAX_SECTIONS);
			free(name);
			s->full = true;
			return;
		}
		if (f->nsections == s->sections_cap) {
			xgrow(&f->sections, &s->sections_cap, f->nsections + 1,
			      sizeof *f->sections);
			s->entries_cap = xrealloc(s->entries_cap,
			                          s->sections_cap * sizeof *s->entries_cap);
		}
		f->sections[f->nsections] = (struct ini_section){.name = name, .line = line};
		/* Grown with sections just above (the analyzer cannot see xgrow). */
		s->entries_cap[f->nsections] = 0; // NOLINT(clang-analyzer-core.NullDereference)
		*cur = &f->sections[f->nsections++];
		return;
	}
	char *eq = strchr(t, '=');
	if (!eq) {
		problem(s, line, _("expected \"key = value\" or a [section], but found "
		          "\"%s\""), t);
		free(t);
		return;
	}
	char *key = strip(t, (size_t)(eq - t));
	free(t);
	lower(key);
	if (!*key || strchr(key, ':')) {
		problem(s, line, _("expected a key name before '=' (without ':')"));
		free(key);
		return;
	}
	if (!*cur) {
		if (s->problems == 0 || f->nsections == 0)
			problem(s, line, _("\"%s\" stands outside any [section]"), key);
		free(key);
		return;
	}
	struct ini_section *sec = *cur;
	for (size_t i = 0; i < sec->nentries; i++)
		if (strcmp(sec->entries[i].key, key) == 0) {
			problem(s, line, _("\"%s\" is set a second time in [%s] (first on "
			          "line %u): each key may appear once"), key, sec->name,
			        sec->entries[i].line);
			free(key);
			return;
		}
	if (s->keys == INIFILE_MAX_KEYS || sec->nentries == INIFILE_MAX_SECTION_KEYS) {
		if (s->keys == INIFILE_MAX_KEYS)
			problem(s, line, _("has more than %u keys: stopped reading"),
			        INIFILE_MAX_KEYS);
		else
			problem(s, line, _("has more than %u keys in one section: stopped reading"),
			        INIFILE_MAX_SECTION_KEYS);
		free(key);
		s->full = true;
		return;
	}
	s->keys++;
	size_t idx = (size_t)(sec - f->sections);
	xgrow(&sec->entries, &s->entries_cap[idx], sec->nentries + 1, sizeof *sec->entries);
	sec->entries[sec->nentries++] = (struct ini_entry){.key = key, .line = line};
}

static void scan(struct scan *s, const char *text, size_t len)
{
	struct ini_section *cur = NULL;
	char *logical = NULL;
	size_t loglen = 0;
	unsigned first = 0, line = 0;
	const char *p = text, *end = text + len;
	while (p < end && !s->full) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		line++;
		if (!check_bytes(s, p, n, line))
			break;
		if (n > INIFILE_MAX_LINE)
			problem(s, line, _("is %zu characters long: lines may have at most "
			          "%u"), n, INIFILE_MAX_LINE);
		if (!logical)
			first = line;
		logical = xrealloc(logical, loglen + n + 1);
		memcpy(logical + loglen, p, n);
		loglen += n;
		/* As iniparser reads it: blanks at the end of what was read so far
		 * go, and a backslash left at its end joins the next line in its
		 * place (so several backslashes go on over several lines). */
		while (loglen > 0 && isspace((unsigned char)logical[loglen - 1]))
			loglen--;
		bool cont = loglen > 0 && logical[loglen - 1] == '\\';
		loglen -= cont;
		logical[loglen] = '\0';
		if (cont && loglen > INIFILE_MAX_LINE) {
			problem(s, first, _("continues over more than %u characters"),
			        INIFILE_MAX_LINE);
			cont = false;
		}
		if (!cont) {
			logical_line(s, logical, first, &cur);
			free(logical);
			logical = NULL;
			loglen = 0;
		}
		p = nl ? nl + 1 : end;
	}
	/* iniparser drops a line still waiting for its continuation. */
	if (logical && p >= end && !s->full)
		problem(s, first, _("ends in a backslash, but no line follows to "
		          "continue it"));
	free(logical);
}

static char iniparser_message[256];

static int keep_message(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(iniparser_message, sizeof iniparser_message, fmt, ap);
	va_end(ap);
	return 0;
}

/* The value of key k. iniparser keeps its keys in file order, a section's
 * name before its keys, and finds a key by looking at every one: walking
 * the dictionary alongside the scan (at) keeps a big protocol's load from
 * growing with the square of its keys; a search is the fallback. */
static const char *value_of(const dictionary *dict, int *at, const char *k)
{
	for (int tries = 0; tries < 2 && *at < dict->n && dict->key[*at]; tries++) {
		if (strcmp(dict->key[*at], k) == 0)
			return dict->val[(*at)++];
		if (strchr(dict->key[*at], ':'))
			break;
		(*at)++; /* a section's own entry */
	}
	/* getstring only: Debian's numeric getters crash on a key that names
	 * a section (CVE-2023-33461). */
	return iniparser_getstring(dict, k, NULL);
}

/* iniparser reads only paths; a memory file gives it our checked bytes:
 * here the part of the text that holds sections [first, end). */
static bool read_part(struct scan *s, const char *text, size_t len,
                      size_t first, size_t end)
{
	int fd = memfd_create("needlecare-ini", MFD_CLOEXEC);
	if (fd < 0) {
		diags_add(s->d, s->name, 0, _("cannot be read: no memory file (%s)"),
		          strerror(errno));
		return false;
	}
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, text + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			diags_add(s->d, s->name, 0, _("cannot be read: %s"), strerror(errno));
			close(fd);
			return false;
		}
		done += (size_t)w;
	}
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	iniparser_message[0] = '\0';
	iniparser_set_error_callback(keep_message);
	dictionary *dict = iniparser_load(path);
	close(fd);
	if (!dict) {
		iniparser_message[strcspn(iniparser_message, "\n")] = '\0';
		diags_add(s->d, s->name, 0, _("iniparser could not read it: %s"),
		          *iniparser_message ? iniparser_message : _("unknown error"));
		return false;
	}
	int at = 0;
	for (size_t i = first; i < end; i++) {
		struct ini_section *sec = &s->f->sections[i];
		for (size_t j = 0; j < sec->nentries; j++) {
			char *k = xasprintf("%s:%s", sec->name, sec->entries[j].key);
			const char *v = value_of(dict, &at, k);
			sec->entries[j].value = xstrdup(v ? v : "");
			free(k);
		}
	}
	iniparser_freedict(dict);
	return true;
}

/* iniparser stores each key after comparing it with every key it holds, so
 * it is handed the text in parts of whole sections of about this many keys
 * each: a big protocol then loads in time that grows with its size, not
 * with its square. A part begins on the first line of a section header. */
#define PART_KEYS 256

static bool read_values(struct scan *s, const char *text, size_t len)
{
	const struct inifile *f = s->f;
	if (f->nsections == 0)
		return read_part(s, text, len, 0, 0);
	size_t from = 0;
	unsigned line = 1; /* the line that begins at p */
	const char *p = text;
	for (size_t first = 0, end; first < f->nsections; first = end) {
		size_t keys = f->sections[first].nentries + 1;
		for (end = first + 1; end < f->nsections &&
		     keys + f->sections[end].nentries + 1 <= PART_KEYS; end++)
			keys += f->sections[end].nentries + 1;
		size_t to = len;
		if (end < f->nsections) {
			while (line < f->sections[end].line && p < text + len) {
				const char *nl = memchr(p, '\n', (size_t)(text + len - p));
				p = nl ? nl + 1 : text + len;
				line++;
			}
			to = (size_t)(p - text);
		}
		if (!read_part(s, text + from, to - from, first, end))
			return false;
		from = to;
	}
	return true;
}

struct inifile *inifile_parse(const char *name, const char *text, size_t len,
                              struct diags *d)
{
	struct inifile *f = xcalloc(1, sizeof *f);
	f->path = xstrdup(name);
	struct scan s = {.name = name, .d = d, .f = f};
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	scan(&s, text, len);
	free(s.entries_cap);
	if (s.problems || !read_values(&s, text, len)) {
		inifile_free(f);
		return NULL;
	}
	return f;
}

struct inifile *inifile_load(const char *path, int *missing, struct diags *d)
{
	char *data;
	size_t len;
	enum fileio_result r = fileio_load(path, INIFILE_MAX_BYTES, NULL, &data, &len, d);
	*missing = r == FILEIO_MISSING;
	if (r != FILEIO_OK)
		return NULL;
	struct inifile *f = inifile_parse(path, data, len, d);
	free(data);
	return f;
}

void inifile_free(struct inifile *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nsections; i++) {
		struct ini_section *s = &f->sections[i];
		for (size_t j = 0; j < s->nentries; j++) {
			free((char *)s->entries[j].key);
			free((char *)s->entries[j].value);
		}
		free(s->entries);
		free((char *)s->name);
	}
	free(f->sections);
	free(f->path);
	free(f);
}

const struct ini_section *inifile_section(const struct inifile *f,
                                          const char *name)
{
	return find_section((struct inifile *)f, name);
}

const struct ini_entry *inifile_entry(const struct ini_section *s,
                                      const char *key)
{
	for (size_t i = 0; s && i < s->nentries; i++)
		if (strcmp(s->entries[i].key, key) == 0)
			return &s->entries[i];
	return NULL;
}
