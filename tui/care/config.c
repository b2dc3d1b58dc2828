#include "care/config.h"
#include "base/i18n.h"
#include "care/builtin.h"
#include "base/fileio.h"
#include "base/inifile.h"
#include "care/screening.h"

#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum type { T_TEXT, T_OPTIONAL, T_CLOCK, T_RANGE, T_YESNO };

/* Every setting, its default, and where it lands in struct config. */
static const struct setting {
	const char *section, *key, *def;
	enum type type;
	size_t field, field2;
} settings[] = {
	{"course", "protocol", "microneedling", T_TEXT,
	 offsetof(struct config, protocol), 0},
	{"reminders", "time", "09:00", T_CLOCK,
	 offsetof(struct config, reminder_minute), 0},
	{"notify", "quiet-hours", "22:00-08:00", T_RANGE,
	 offsetof(struct config, quiet_start), offsetof(struct config, quiet_end)},
	{"notify", "discreet", "no", T_YESNO, offsetof(struct config, discreet), 0},
	{"display", "color", "yes", T_YESNO, offsetof(struct config, color), 0},
	{"clinic", "name", "", T_OPTIONAL, offsetof(struct config, clinic_name), 0},
	{"clinic", "phone", "", T_OPTIONAL, offsetof(struct config, clinic_phone), 0},
};

size_t config_setting_count(void)
{
	return ARRAY_LEN(settings);
}

void config_setting(size_t i, const char **section, const char **key,
                    const char **def)
{
	*section = settings[i].section;
	*key = settings[i].key;
	*def = settings[i].def;
}

#define FIELD(c, off, type) ((type *)(void *)((char *)(c) + (off)))

static bool apply(struct config *c, const struct setting *s, const char *value,
                  char *why, size_t n)
{
	switch (s->type) {
	case T_TEXT: {
		/* Blanks alone, once cleaned, are no value either. */
		char *clean = util_clean_text(value);
		if (!*clean) {
			free(clean);
			snprintf(why, n, _("expected a value"));
			return false;
		}
		free(*FIELD(c, s->field, char *));
		*FIELD(c, s->field, char *) = clean;
		return true;
	}
	case T_OPTIONAL:
		free(*FIELD(c, s->field, char *));
		*FIELD(c, s->field, char *) = util_clean_text(value);
		return true;
	case T_CLOCK:
		return dates_parse_clock(value, FIELD(c, s->field, int), why, n);
	case T_RANGE: {
		if (strcmp(value, "none") == 0) {
			*FIELD(c, s->field, int) = *FIELD(c, s->field2, int) = 0;
			return true;
		}
		const char *dash = strchr(value, '-');
		if (!dash || dash - value != 5) {
			snprintf(why, n, _("expected HH:MM-HH:MM, such as 22:00-08:00, or "
			           "none, but found \"%s\""), value);
			return false;
		}
		char first[6];
		memcpy(first, value, 5);
		first[5] = '\0';
		return dates_parse_clock(first, FIELD(c, s->field, int), why, n) &&
		       dates_parse_clock(dash + 1, FIELD(c, s->field2, int), why, n);
	}
	case T_YESNO:
		if (strcmp(value, "yes") == 0 || strcmp(value, "no") == 0) {
			*FIELD(c, s->field, bool) = value[0] == 'y';
			return true;
		}
		snprintf(why, n, _("expected yes or no, but found \"%s\""), value);
		return false;
	}
	return false;
}

void config_defaults(struct config *c)
{
	char why[DATES_WHY];
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < ARRAY_LEN(settings); i++)
		if (!apply(c, &settings[i], settings[i].def, why, sizeof why))
			die(STATUS_FAIL, _("built-in default of %s: %s"), settings[i].key, why);
	c->answers = xmalloc(screening_count ? screening_count : 1);
	memset(c->answers, -1, screening_count);
}

void config_free(struct config *c)
{
	free(c->path);
	free(c->protocol);
	free(c->clinic_name);
	free(c->clinic_phone);
	free(c->answers);
	for (size_t i = 0; i < c->nsessions; i++)
		free(c->sessions[i].zone);
	free(c->sessions);
	free(c->text);
	memset(c, 0, sizeof *c);
}

char *config_default_path(void)
{
	return fileio_xdg_path("XDG_CONFIG_HOME", ".config", "config.ini");
}

const char *config_shipped_text(size_t *len)
{
	*len = builtin_config.len;
	return builtin_config.text;
}

static int cmp_session(const void *a, const void *b)
{
	const struct config_session *x = a, *y = b;
	return (x->start > y->start) - (x->start < y->start);
}

size_t config_add_session(struct config *c, const struct civil *wall,
                          const char *zone, time_t start, time_t booked_at)
{
	c->sessions = xrealloc(c->sessions, (c->nsessions + 1) * sizeof *c->sessions);
	struct config_session *s = &c->sessions[c->nsessions++];
	*s = (struct config_session){.wall = *wall, .zone = xstrdup(zone), .start = start};
	if (booked_at) {
		s->has_booked = true;
		s->booked_at = booked_at;
		/* The booking moment is written in the session's own zone. */
		s->booked = dates_civil_in_zone(booked_at, zone);
	}
	qsort(c->sessions, c->nsessions, sizeof *c->sessions, cmp_session);
	for (size_t i = 0; i < c->nsessions; i++)
		if (c->sessions[i].start == start && c->sessions[i].zone &&
		    strcmp(c->sessions[i].zone, zone) == 0)
			return i;
	return 0;
}

void config_remove_session(struct config *c, size_t i)
{
	free(c->sessions[i].zone);
	memmove(&c->sessions[i], &c->sessions[i + 1],
	        (c->nsessions - i - 1) * sizeof *c->sessions);
	c->nsessions--;
}

size_t config_find_session(const struct config *c, const struct civil *wall,
                           const char *zone)
{
	for (size_t i = 0; i < c->nsessions; i++)
		if (memcmp(&c->sessions[i].wall, wall, sizeof *wall) == 0 &&
		    strcmp(c->sessions[i].zone, zone) == 0)
			return i;
	return SIZE_MAX;
}

bool config_book(struct config *c, const struct civil *wall, size_t move,
                 time_t now, char **err)
{
	char *zone = dates_current_zone();
	time_t start;
	if (!dates_resolve_in_zone(wall, zone, &start)) {
		*err = xasprintf(_("the time zone \"%s\" is not known: set TZ to a "
		                   "zone such as Europe/Berlin, or unset it"), zone);
		free(zone);
		return false;
	}
	for (size_t i = 0; i < c->nsessions; i++)
		if (c->sessions[i].start == start && i != move) {
			*err = xstrdup(_("a session is already booked at that time"));
			free(zone);
			return false;
		}
	if (move < c->nsessions)
		config_remove_session(c, move);
	/* Booked "now": milestones already past at this moment are history,
	 * not news. */
	config_add_session(c, wall, zone, start, now);
	free(zone);
	return true;
}

const char **config_yes_answers(const struct config *c, size_t *n)
{
	const char **v = xcalloc(screening_count + 1, sizeof *v);
	*n = 0;
	for (size_t i = 0; i < screening_count; i++)
		if (c->answers && c->answers[i] == 1)
			v[(*n)++] = screening_questions[i].name;
	return v;
}

static bool is_session_section(const char *name)
{
	if (strncmp(name, "session.", 8) != 0 || !name[8])
		return false;
	for (const char *p = name + 8; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	return true;
}

static void load_session(struct config *c, const struct ini_section *s,
                         const char *path, struct diags *d)
{
	char why[DATES_WHY];
	struct civil wall, booked = {0};
	const struct ini_entry *start = NULL, *zone = NULL, *bk = NULL;
	bool ok = true;
	for (size_t i = 0; i < s->nentries; i++) {
		const struct ini_entry *e = &s->entries[i];
		if (strcmp(e->key, "start") == 0)
			start = e;
		else if (strcmp(e->key, "zone") == 0)
			zone = e;
		else if (strcmp(e->key, "booked") == 0)
			bk = e;
		else {
			diags_add(d, path, e->line, _("unknown key \"%s\" in [%s]: expected "
			            "start, zone or booked"), e->key, s->name);
			ok = false;
		}
	}
	if (!start) {
		diags_add(d, path, s->line, _("[%s] has no start: expected "
		            "start = YYYY-MM-DD HH:MM"), s->name);
		return;
	}
	if (!dates_parse_moment(start->value, false, &wall, why, sizeof why)) {
		diags_add(d, path, start->line, "start: %s", why);
		ok = false;
	}
	if (bk && !dates_parse_moment(bk->value, true, &booked, why, sizeof why)) {
		diags_add(d, path, bk->line, "booked: %s", why);
		ok = false;
	}
	char *here = zone ? NULL : dates_current_zone();
	const char *z = zone ? zone->value : here;
	time_t t = 0, b = 0;
	if (ok && !dates_resolve_in_zone(&wall, z, &t)) {
		diags_add(d, path, zone ? zone->line : s->line, _("zone = \"%s\": expected a time zone "
		            "such as Europe/Berlin"), z);
		ok = false;
	}
	if (ok && bk)
		dates_resolve_in_zone(&booked, z, &b);
	if (ok) {
		for (size_t i = 0; i < c->nsessions; i++)
			if (c->sessions[i].start == t) {
				diags_add(d, path, start->line, _("[%s] is at the same moment as "
				            "another session"), s->name);
				ok = false;
			}
	}
	if (ok) {
		size_t i = config_add_session(c, &wall, z, t, 0);
		if (bk) {
			c->sessions[i].has_booked = true;
			c->sessions[i].booked = booked;
			c->sessions[i].booked_at = b;
		}
	}
	free(here);
}

bool config_load(const char *path, struct config *c, struct diags *d)
{
	config_defaults(c);
	c->path = xstrdup(path);
	size_t before = d->n;
	char *data;
	size_t len;
	if (!fileio_load_optional(path, INIFILE_MAX_BYTES, NULL, &data, &len, d))
		return false;
	if (!data)
		return true; /* the defaults */
	c->exists = true;
	c->text = data;
	struct inifile *f = inifile_parse(path, data, len, d);
	if (!f)
		return false;
	char why[DATES_WHY];
	for (size_t i = 0; i < f->nsections; i++) {
		const struct ini_section *s = &f->sections[i];
		if (is_session_section(s->name)) {
			load_session(c, s, path, d);
			continue;
		}
		bool screening = strcmp(s->name, "screening") == 0, known = screening;
		for (size_t k = 0; k < ARRAY_LEN(settings); k++)
			known |= strcmp(settings[k].section, s->name) == 0;
		if (!known) {
			diags_add(d, path, s->line, _("unknown section [%s]: expected [course], "
			            "[reminders], [notify], [display], [clinic], [screening] or "
			            "[session.N]"), s->name);
			continue;
		}
		for (size_t j = 0; j < s->nentries; j++) {
			const struct ini_entry *e = &s->entries[j];
			if (screening) {
				const struct screening_question *q = screening_find(e->key);
				if (!q) {
					diags_add(d, path, e->line, _("unknown screening question "
					            "\"%s\": see needlecare(5) for the list"), e->key);
				} else if (strcmp(e->value, "yes") == 0 ||
				           strcmp(e->value, "no") == 0) {
					c->answers[q - screening_questions] = e->value[0] == 'y';
				} else {
					diags_add(d, path, e->line, _("%s = \"%s\": expected yes or no"),
					          e->key, e->value);
				}
				continue;
			}
			const struct setting *st = NULL;
			for (size_t k = 0; k < ARRAY_LEN(settings); k++)
				if (strcmp(settings[k].section, s->name) == 0 &&
				    strcmp(settings[k].key, e->key) == 0)
					st = &settings[k];
			if (!st)
				diags_add(d, path, e->line, _("unknown key \"%s\" in [%s]: see "
				            "needlecare(5) for the keys"), e->key, s->name);
			else if (!apply(c, st, e->value, why, sizeof why))
				diags_add(d, path, e->line, "%s: %s", e->key, why);
		}
	}
	inifile_free(f);
	return d->n == before;
}

int config_lock(const char *path, bool existed, struct config *c, int *lock,
                struct diags *d)
{
	memset(c, 0, sizeof *c);
	char *err;
	*lock = fileio_lock(path, existed ? path : NULL, &err);
	if (*lock < 0) {
		diags_add(d, NULL, 0, "%s", err);
		free(err);
		return STATUS_FAIL;
	}
	if (!config_load(path, c, d)) {
		fileio_unlock(*lock);
		*lock = -1;
		return STATUS_INVALID;
	}
	return STATUS_OK;
}

/* Lines of a text, edited in place and joined again. */
struct lines {
	char **v;
	size_t n, cap;
};

static void lines_insert(struct lines *l, size_t at, char *s)
{
	xgrow(&l->v, &l->cap, l->n + 1, sizeof *l->v);
	memmove(&l->v[at + 1], &l->v[at], (l->n - at) * sizeof *l->v);
	l->v[at] = s;
	l->n++;
}

/* One line of text as inifile (and iniparser) read it: a physical line,
 * and the next ones while what was read so far, blanks at its end dropped,
 * ends in a backslash (which goes). Returns how many bytes of text it
 * spans, up to its last newline; *out, if asked for, gets the line as read
 * (allocated). */
static size_t read_line(const char *text, char **out)
{
	size_t n = 0, len = 0, cap = 0;
	char *buf = NULL;
	for (;;) {
		size_t k = strcspn(text + n, "\n");
		xgrow(&buf, &cap, len + k + 1, 1);
		memcpy(buf + len, text + n, k);
		len += k;
		n += k;
		while (len > 0 && isspace((unsigned char)buf[len - 1]))
			len--;
		if (len == 0 || buf[len - 1] != '\\' || text[n] != '\n' || !text[n + 1])
			break;
		len--;
		n++;
	}
	buf[len] = '\0';
	if (out)
		*out = buf;
	else
		free(buf);
	return n;
}

static void lines_split(struct lines *l, const char *text)
{
	while (*text) {
		/* Lines continued with a backslash stay one entry, so that a key
		 * is replaced or dropped with all of its lines. */
		size_t n = read_line(text, NULL);
		lines_insert(l, l->n, xstrndup(text, n));
		text += n + (text[n] == '\n');
	}
}

/* An entry of lines_split() as inifile reads it. */
static char *joined(const char *line)
{
	char *out;
	read_line(line, &out);
	return out;
}

/* The section a header line opens ("[course]" gives "course"), or NULL. */
static char *header_name(const char *raw)
{
	char *j = joined(raw), *t = NULL;
	const char *line = j;
	while (isspace((unsigned char)*line))
		line++;
	const char *close = strchr(line, ']');
	if (*line == '[' && close) {
		char *name = xstrndup(line + 1, (size_t)(close - line - 1));
		for (char *p = name; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		t = util_clean_text(name);
		free(name);
	}
	free(j);
	return t;
}

/* Whether raw sets key, or, with commented, is the commented example of
 * it ("; cold-sores = no"). */
static bool line_sets_as(const char *raw, const char *key, bool commented)
{
	char *j = joined(raw);
	const char *line = j;
	while (isspace((unsigned char)*line))
		line++;
	if (commented) {
		if (*line != ';' && *line != '#') {
			free(j);
			return false;
		}
		line++;
		while (*line == ' ' || *line == '\t')
			line++;
	}
	size_t n = strlen(key);
	bool sets = strncasecmp(line, key, n) == 0;
	line += sets ? n : 0;
	while (*line == ' ' || *line == '\t')
		line++;
	sets = sets && *line == '=';
	free(j);
	return sets;
}

static bool line_sets(const char *raw, const char *key)
{
	return line_sets_as(raw, key, false);
}

/* A value as it must be written to read back the same: quoted when it
 * holds what would otherwise end it (';' or '#' begin a comment, a final
 * backslash continues the line, a quote first is taken as quoting). NULL
 * when no quotes can hold it: it has both kinds and needs them. */
static char *ini_value(const char *v)
{
	size_t n = strlen(v);
	if (!strpbrk(v, ";#") && (n == 0 || v[n - 1] != '\\') && *v != '"' && *v != '\'')
		return xstrdup(v);
	if (!strchr(v, '"'))
		return xasprintf("\"%s\"", v);
	if (!strchr(v, '\''))
		return xasprintf("'%s'", v);
	return NULL;
}

/* Returns where a line was inserted among the others, or SIZE_MAX. */
static size_t set_key(struct lines *l, const char *section, const char *key,
                      const char *value)
{
	char *line = xasprintf("%s = %s", key, value);
	size_t header = SIZE_MAX, end = l->n, example = SIZE_MAX;
	for (size_t i = 0; i < l->n; i++) {
		char *name = header_name(l->v[i]);
		if (name) {
			bool found = header != SIZE_MAX;
			if (strcmp(name, section) == 0 && !found)
				header = i;
			free(name);
			if (found) {
				end = i;
				break;
			}
			continue;
		}
		if (header != SIZE_MAX && line_sets(l->v[i], key)) {
			free(l->v[i]);
			l->v[i] = line;
			return SIZE_MAX;
		}
		if (header != SIZE_MAX && example == SIZE_MAX && line_sets_as(l->v[i], key, true))
			example = i;
	}
	/* A new key takes the place of its commented example, so that the
	 * answers stand in the order of the questions; else it goes at the
	 * end of the section, below its comments. */
	if (example != SIZE_MAX) {
		free(l->v[example]);
		l->v[example] = line;
		return SIZE_MAX;
	}
	if (header != SIZE_MAX) {
		while (end > header + 1 && !*l->v[end - 1])
			end--;
		lines_insert(l, end, line);
		return end;
	}
	if (l->n && l->v[l->n - 1][0])
		lines_insert(l, l->n, xstrdup(""));
	lines_insert(l, l->n, xasprintf("[%s]", section));
	lines_insert(l, l->n, line);
	return SIZE_MAX;
}

bool config_save(const struct config *c, char **err)
{
	size_t len;
	const char *base = c->text ? c->text : config_shipped_text(&len);
	/* A byte-order mark would hide the first section header below (and
	 * [course] would be added a second time): the new file has none. */
	if (strncmp(base, "\xEF\xBB\xBF", 3) == 0)
		base += 3;
	struct lines l = {0};
	lines_split(&l, base);

	/* Sessions are rewritten whole, where the first of them stood. */
	size_t at = SIZE_MAX;
	bool dropping = false;
	for (size_t i = 0; i < l.n;) {
		char *name = header_name(l.v[i]);
		if (name) {
			dropping = is_session_section(name);
			if (dropping && at == SIZE_MAX)
				at = i;
			free(name);
		}
		/* Comments and blank lines in a session section stay: they are
		 * the user's. */
		char *j = joined(l.v[i]);
		const char *t = j + strspn(j, " \t");
		bool keep = !*t || *t == ';' || *t == '#';
		free(j);
		if (dropping && !keep) {
			free(l.v[i]);
			memmove(&l.v[i], &l.v[i + 1], (l.n - i - 1) * sizeof *l.v);
			l.n--;
		} else {
			i++;
		}
	}
	char *protocol = ini_value(c->protocol);
	if (!protocol) {
		*err = xasprintf(_("the protocol \"%s\" cannot be written to %s: it "
		                   "holds both kinds of quotes and a ';', '#' or final '\\'"),
		                 c->protocol, c->path);
		for (size_t i = 0; i < l.n; i++)
			free(l.v[i]);
		free(l.v);
		return false;
	}
	/* A key added to a section that the sessions follow moves where
	 * they go. */
	size_t put = set_key(&l, "course", "protocol", protocol);
	at += put <= at && at != SIZE_MAX;
	free(protocol);
	for (size_t i = 0; i < screening_count; i++)
		if (c->answers[i] >= 0) {
			put = set_key(&l, "screening", screening_questions[i].name,
			              c->answers[i] ? "yes" : "no");
			at += put <= at && at != SIZE_MAX;
		}
	if (at == SIZE_MAX || at > l.n) {
		at = l.n;
		while (at > 0 && !l.v[at - 1][0])
			at--;
	}
	for (size_t i = 0; i < c->nsessions; i++) {
		const struct config_session *s = &c->sessions[i];
		char when[32];
		if (at > 0 && l.v[at - 1][0])
			lines_insert(&l, at++, xstrdup(""));
		lines_insert(&l, at++, xasprintf("[session.%zu]", i + 1));
		dates_format_civil(&s->wall, false, when, sizeof when);
		lines_insert(&l, at++, xasprintf("start = %s", when));
		lines_insert(&l, at++, xasprintf("zone = %s", s->zone));
		if (s->has_booked) {
			dates_format_civil(&s->booked, true, when, sizeof when);
			lines_insert(&l, at++, xasprintf("booked = %s", when));
		}
	}
	if (at < l.n && l.v[at][0])
		lines_insert(&l, at, xstrdup(""));

	/* Rewriting sessions in place can leave blank lines next to each
	 * other: keep one. */
	for (size_t i = 1; i < l.n;) {
		if (!l.v[i][0] && !l.v[i - 1][0]) {
			free(l.v[i]);
			memmove(&l.v[i], &l.v[i + 1], (l.n - i - 1) * sizeof *l.v);
			l.n--;
		} else {
			i++;
		}
	}
	size_t total = 0;
	for (size_t i = 0; i < l.n; i++)
		total += strlen(l.v[i]) + 1;
	char *out = xmalloc(total + 1), *o = out;
	for (size_t i = 0; i < l.n; i++) {
		size_t n = strlen(l.v[i]);
		memcpy(o, l.v[i], n);
		o += n;
		*o++ = '\n';
		free(l.v[i]);
	}
	*o = '\0';
	free(l.v);
	int rc = fileio_save(c->path, out, total, err);
	free(out);
	return rc == 0;
}
