#include "care/journal.h"
#include "base/i18n.h"
#include "base/dates.h"
#include "base/fileio.h"
#include "care/state.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file: a header line, then one check-in a line, tab-separated:
 *   UTC time, 4 ratings, the signs (1/0), photo, note
 * with empty fields for what was not given, and \t, \n, \\ escaped in the
 * photo and the note. A line without its newline is damaged. Lines written
 * before the later signs existed hold the first SIGN_FIRST_COUNT of them. */
#define HEADER "needlecare journal 1"
#define FIELDS (1 + RATING_COUNT + SIGN_COUNT + 2)
#define FIELDS_FIRST (1 + RATING_COUNT + SIGN_FIRST_COUNT + 2)
#define MAX_JOURNAL_BYTES (16u * 1024 * 1024)

static void escape(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\t')
			fputs("\\t", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '\\')
			fputs("\\\\", f);
		else
			fputc(*s, f);
	}
}

static char *unescape(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

static bool parse_utc(const char *s, time_t *out)
{
	struct civil c;
	char why[DATES_WHY];
	if (!dates_parse_moment(s, true, &c, why, sizeof why))
		return false;
	struct tm tm = {.tm_year = c.year - 1900, .tm_mon = c.month - 1,
	                .tm_mday = c.day, .tm_hour = c.hour, .tm_min = c.min,
	                .tm_sec = c.sec};
	*out = timegm(&tm);
	return true;
}

/* One line, split in place at tabs. On failure c holds nothing. */
static bool parse_line(char *line, struct checkin *c)
{
	checkin_init(c, 0);
	char *f[FIELDS];
	size_t n = 0;
	for (char *p = line;; p++) {
		if (n == FIELDS)
			return false;
		f[n++] = p;
		p = strchr(p, '\t');
		if (!p)
			break;
		*p = '\0';
	}
	if (n < FIELDS_FIRST || !parse_utc(f[0], &c->when))
		return false;
	int nsigns = (int)n - (FIELDS_FIRST - SIGN_FIRST_COUNT);
	for (int i = 0; i < RATING_COUNT; i++) {
		const char *v = f[1 + i];
		if (!*v)
			continue;
		if (strlen(v) != 1 || v[0] < '0' || v[0] > '0' + RATING_MAX)
			return false;
		c->rating[i] = (signed char)(v[0] - '0');
	}
	for (int i = 0; i < nsigns; i++) {
		const char *v = f[1 + RATING_COUNT + i];
		if (!*v)
			continue;
		if (strcmp(v, "1") != 0 && strcmp(v, "0") != 0)
			return false;
		c->sign[i] = v[0] == '1';
	}
	const char *photo = f[n - 2], *note = f[n - 1];
	/* Both are shown: a control character in the file must not reach the
	 * terminal. */
	if (*photo) {
		char *raw = unescape(photo);
		c->photo = util_clean_text(raw);
		free(raw);
	}
	if (*note) {
		char *raw = unescape(note);
		c->note = util_clean_text(raw);
		free(raw);
	}
	/* Nothing left once cleaned is no text at all, as an empty field is. */
	if (c->photo && !*c->photo) {
		free(c->photo);
		c->photo = NULL;
	}
	if (c->note && !*c->note) {
		free(c->note);
		c->note = NULL;
	}
	return true;
}

/* One line of the file, for fileio_load_lines(). */
struct load {
	struct journal *j;
	const char *path;
	struct diags *d;
};

static void load_line(void *ctx, char *l, unsigned line, bool nul, bool cut)
{
	struct load *x = ctx;
	struct checkin c;
	if (cut || nul || !parse_line(l, &c)) {
		diags_add(x->d, x->path, line, "%s",
		          cut ? _("a damaged entry was skipped (the last one, cut short)")
		              : _("a damaged entry was skipped"));
		return;
	}
	xgrow(&x->j->v, &x->j->cap, x->j->n + 1, sizeof *x->j->v);
	x->j->v[x->j->n++] = c;
}

bool journal_load(const char *path, struct journal *j, struct diags *d)
{
	static const struct fileio_lines format = {
		HEADER, N_("a needlecare journal"), N_("is a symbolic link: needlecare keeps "
		                           "its journal in a regular file"), MAX_JOURNAL_BYTES, true,
	};
	memset(j, 0, sizeof *j);
	struct load x = {j, path, d};
	bool ok = fileio_load_lines(path, &format, load_line, &x, d);
	if (!ok)
		journal_free(j);
	return ok;
}

void journal_free(struct journal *j)
{
	for (size_t i = 0; i < j->n; i++)
		checkin_free(&j->v[i]);
	free(j->v);
	memset(j, 0, sizeof *j);
}

char *journal_path(void)
{
	return state_path("journal");
}

static bool write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

static bool append(const char *path, const struct checkin *c, char **err)
{
	int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		*err = errno == ELOOP
		       ? xasprintf(_("%s is a symbolic link: needlecare keeps its journal "
		                     "in a regular file"), path)
		       : xasprintf(_("cannot open %s: %s"), path, strerror(errno));
		return false;
	}
	struct stat st;
	char *line = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&line, &len);
	if (fstat(fd, &st) != 0 || !m) {
		*err = xasprintf(_("cannot read %s: %s"), path, strerror(errno));
		if (m)
			fclose(m);
		free(line);
		close(fd);
		return false;
	}
	if (st.st_size == 0) {
		fprintf(m, "%s\n", HEADER);
	} else {
		/* A crash may have cut the last entry short: end it, so that this
		 * one does not join it. */
		char last;
		if (pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n')
			fputc('\n', m);
	}
	struct tm tm;
	gmtime_r(&c->when, &tm);
	fprintf(m, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
	        tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	for (int i = 0; i < RATING_COUNT; i++) {
		fputc('\t', m);
		if (c->rating[i] >= 0)
			fputc('0' + c->rating[i], m);
	}
	for (int i = 0; i < SIGN_COUNT; i++) {
		fputc('\t', m);
		if (c->sign[i] >= 0)
			fputc(c->sign[i] ? '1' : '0', m);
	}
	fputc('\t', m);
	escape(m, c->photo);
	fputc('\t', m);
	escape(m, c->note);
	fputc('\n', m);
	fclose(m);
	/* One write for the whole entry, then the sync: only then is it saved. */
	bool ok = write_all(fd, line, len) && fsync(fd) == 0;
	if (!ok)
		*err = xasprintf(_("cannot save the entry in %s: %s"), path, strerror(errno));
	if (close(fd) != 0 && ok) {
		*err = xasprintf(_("cannot save the entry in %s: %s"), path, strerror(errno));
		ok = false;
	}
	free(line);
	return ok;
}

bool journal_append(const char *path, const struct checkin *c, char **err)
{
	/* Each entry is one write to a file opened O_APPEND, whole whatever
	 * else writes. The lock is for the rest: two first check-ins would
	 * each write the header, and forget deletes the journal under it, so
	 * that an entry never lands in a file already deleted. */
	int lock = fileio_lock(path, NULL, err);
	if (lock < 0)
		return false;
	bool ok = append(path, c, err);
	fileio_unlock(lock);
	return ok;
}
