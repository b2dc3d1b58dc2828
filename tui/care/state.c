#include "care/state.h"
#include "base/i18n.h"
#include "base/fileio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The file: a header line, then one mark a line,
 *   KIND<TAB>SESSION<TAB>MILESTONE<TAB>YYYY-MM-DD HH:MM:SS (UTC)
 * Times are UTC so that the file means the same in any zone. */
#define HEADER "needlecare state 1"
#define MAX_STATE_BYTES (4u * 1024 * 1024)

static const char *const kind_words[MARK_COUNT] = {
	"sent", "sent-end", "ticked", "acknowledged",
};

static void add(struct state *s, enum mark_kind k, const char *session,
                const char *milestone, time_t when)
{
	xgrow(&s->marks, &s->cap, s->count + 1, sizeof *s->marks);
	s->marks[s->count++] = (struct mark){k, xstrdup(session), xstrdup(milestone), when};
}

static bool parse_utc(const char *s, time_t *out)
{
	struct civil c;
	char why[DATES_WHY];
	if (!dates_parse_moment(s, true, &c, why, sizeof why))
		return false;
	/* timegm() is not in C17: the civil date is counted directly. */
	long y = c.year, m = c.month;
	y -= m <= 2;
	long era = y / 400, yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + c.day - 1;
	long days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
	*out = (time_t)days * 86400 + c.hour * 3600 + c.min * 60 + c.sec;
	return true;
}

static void format_utc(time_t t, char *buf, size_t n)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Keys and ids come from files the patient edits: a tab or a newline in
 * them would break the line format. */
static bool field_ok(const char *s)
{
	return *s && !strpbrk(s, "\t\n\r");
}

static void parse_line(struct state *s, char *l, bool nul, const char *path,
                       unsigned line, struct diags *d)
{
	char *f[5], *save = NULL;
	int nf = 0;
	for (char *t = strtok_r(l, "\t", &save); t && nf < 5; t = strtok_r(NULL, "\t", &save))
		f[nf++] = t;
	int k = -1;
	for (int i = 0; nf == 4 && i < MARK_COUNT; i++)
		if (strcmp(f[0], kind_words[i]) == 0)
			k = i;
	time_t when;
	if (nul || k < 0 || !parse_utc(f[3], &when)) {
		diags_add(d, path, line, _("a damaged line was skipped: expected KIND, "
		            "SESSION, MILESTONE and a time, separated by tabs"));
		return;
	}
	state_set(s, (enum mark_kind)k, f[1], f[2], when);
}

/* One line of the file, for fileio_load_lines(). */
struct load {
	struct state *s;
	const char *path;
	struct diags *d;
};

static void load_line(void *ctx, char *l, unsigned line, bool nul, bool cut)
{
	struct load *x = ctx;
	(void)cut; /* a last line cut short still says what it says */
	parse_line(x->s, l, nul, x->path, line, x->d);
}

bool state_load(const char *path, struct state *s, struct diags *d)
{
	/* A link could point at any file: it is neither read here nor replaced
	 * by fileio_save(). */
	static const struct fileio_lines format = {
		HEADER, N_("a needlecare state file"), N_("is a symbolic link: needlecare "
		                              "keeps its state only in a regular file"), MAX_STATE_BYTES, false,
	};
	memset(s, 0, sizeof *s);
	struct load x = {s, path, d};
	bool ok = fileio_load_lines(path, &format, load_line, &x, d);
	if (!ok)
		state_free(s);
	return ok;
}

bool state_save(const char *path, const struct state *s, char **err)
{
	size_t cap = 64, n = 0;
	char *out = xmalloc(cap);
	n = (size_t)snprintf(out, cap, "%s\n", HEADER);
	for (size_t i = 0; i < s->count; i++) {
		const struct mark *m = &s->marks[i];
		if (!field_ok(m->session) || !field_ok(m->milestone))
			continue;
		char when[64];
		format_utc(m->when, when, sizeof when);
		size_t need = strlen(kind_words[m->kind]) + strlen(m->session) +
		              strlen(m->milestone) + strlen(when) + 5;
		xgrow(&out, &cap, n + need, 1);
		n += (size_t)snprintf(out + n, cap - n, "%s\t%s\t%s\t%s\n",
		                      kind_words[m->kind], m->session, m->milestone, when);
	}
	int rc = fileio_save(path, out, n, err);
	free(out);
	return rc == 0;
}

void state_free(struct state *s)
{
	for (size_t i = 0; i < s->count; i++) {
		free(s->marks[i].session);
		free(s->marks[i].milestone);
	}
	free(s->marks);
	memset(s, 0, sizeof *s);
}

static bool matches(const struct mark *m, enum mark_kind k, const char *session,
                    const char *milestone)
{
	return m->kind == k && strcmp(m->session, session) == 0 &&
	       strcmp(m->milestone, milestone) == 0;
}

const struct mark *state_find(const struct state *s, enum mark_kind k,
                              const char *session, const char *milestone)
{
	for (size_t i = 0; i < s->count; i++)
		if (matches(&s->marks[i], k, session, milestone))
			return &s->marks[i];
	return NULL;
}

bool state_set(struct state *s, enum mark_kind k, const char *session,
               const char *milestone, time_t when)
{
	struct mark *m = (struct mark *)state_find(s, k, session, milestone);
	if (m) {
		m->when = when;
		return false;
	}
	add(s, k, session, milestone, when);
	return true;
}

bool state_clear(struct state *s, enum mark_kind k, const char *session,
                 const char *milestone)
{
	for (size_t i = 0; i < s->count; i++) {
		if (!matches(&s->marks[i], k, session, milestone))
			continue;
		free(s->marks[i].session);
		free(s->marks[i].milestone);
		memmove(&s->marks[i], &s->marks[i + 1], (s->count - i - 1) * sizeof *s->marks);
		s->count--;
		return true;
	}
	return false;
}

char *state_session_key(const struct civil *wall, const char *zone)
{
	char when[20];
	dates_format_civil(wall, false, when, sizeof when);
	return xasprintf("%s %s", when, zone);
}

char *state_path(const char *leaf)
{
	return fileio_xdg_path("XDG_STATE_HOME", ".local/state", leaf);
}

bool state_mark(const char *path, const char *read_from, enum mark_kind k,
                const char *session, const char *const *milestones, size_t n,
                bool set, time_t when, struct state *out, char **err)
{
	int fd = fileio_lock(path, read_from, err);
	if (fd < 0)
		return false;
	struct state s;
	struct diags d = {0};
	if (!state_load(path, &s, &d)) {
		*err = xstrdup(d.n ? d.v[0].msg : _("the state file cannot be read"));
		diags_free(&d);
		fileio_unlock(fd);
		return false;
	}
	diags_free(&d);
	for (size_t i = 0; i < n; i++) {
		if (set)
			state_set(&s, k, session, milestones[i], when);
		else
			state_clear(&s, k, session, milestones[i]);
	}
	bool ok = state_save(path, &s, err);
	if (ok && out)
		*out = s;
	else
		state_free(&s);
	fileio_unlock(fd);
	return ok;
}
