#include "care/protocol.h"
#include "care/builtin.h"
#include "base/fileio.h"
#include "base/inifile.h"
#include "care/screening.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* One vocabulary table per enum: the file word and the human label. */
static const char *const kind_names[KIND_COUNT] = {
	"restriction", "expectation", "task", "checkin", "info",
};
static const char *const phase_names[PHASE_COUNT] = {
	"preparation", "day-of", "first-24h", "24-72h", "first-week",
	"remodeling", "series",
};
static const char *const phase_labels[PHASE_COUNT] = {
	"Preparation", "Day of the session", "First 24 hours", "24 to 72 hours",
	"First week", "Remodeling", "Series",
};
static const char *const urgency_names[URGENCY_COUNT] = {
	"low", "normal", "critical", "emergency",
};
static const char *const night_names[NIGHT_COUNT] = {
	"keep", "next-morning", "evening-before",
};
static const char *const applies_names[APPLIES_COUNT] = {
	"every-session", "between-sessions", "last-session",
};

const char *protocol_kind_name(enum kind k) { return kind_names[k]; }
const char *protocol_phase_name(enum phase p) { return phase_names[p]; }
const char *protocol_phase_label(enum phase p) { return phase_labels[p]; }

/* The keys of a milestone section, in the order needlecare.5 lists them. */
/* The keys of every kind of section; which kind takes which is below. */
enum key { K_START, K_END, K_TIME, K_KIND, K_PHASE, K_TITLE, K_BODY,
           K_END_TITLE, K_END_BODY, K_URGENCY, K_NOTIFY, K_FACT, K_ONLY_IF,
           K_APPLIES, K_OMIT, K_RATING, K_AT_LEAST, K_RISING, K_SIGN,
           K_FROM_DAY, K_UNTIL_DAY, K_ACTION, K_REDNESS, K_SWELLING,
           K_DRYNESS, K_PAIN, K_NIGHT, K_CONTACT, K_ABOVE_NORMAL, K_COUNT };
static const char *const key_names[K_COUNT] = {
	"start", "end", "time", "kind", "phase", "title", "body", "end-title",
	"end-body", "urgency", "notify", "fact", "only-if", "applies", "omit",
	"rating", "at-least", "rising", "sign", "from-day", "until-day", "action",
	"redness", "swelling", "dryness", "pain", "night", "contact", "above-normal",
};

/* Section kinds: [ID] a milestone, [redflag.NAME] a warning-sign rule,
 * [normal] the ratings that are normal on each day. */
enum section { SEC_MILESTONE, SEC_REDFLAG, SEC_NORMAL };
#define BIT(k) (1ul << (k))
static const unsigned long section_keys[] = {
	[SEC_MILESTONE] = BIT(K_START) | BIT(K_END) | BIT(K_TIME) | BIT(K_KIND) |
	                  BIT(K_PHASE) | BIT(K_TITLE) | BIT(K_BODY) | BIT(K_END_TITLE) |
	                  BIT(K_END_BODY) | BIT(K_URGENCY) | BIT(K_NOTIFY) |
	                  BIT(K_FACT) | BIT(K_ONLY_IF) | BIT(K_APPLIES) | BIT(K_OMIT) |
	                  BIT(K_NIGHT) | BIT(K_CONTACT),
	[SEC_REDFLAG] = BIT(K_RATING) | BIT(K_AT_LEAST) | BIT(K_RISING) |
	                BIT(K_ABOVE_NORMAL) | BIT(K_SIGN) |
	                BIT(K_FROM_DAY) | BIT(K_UNTIL_DAY) | BIT(K_TITLE) |
	                BIT(K_ACTION) | BIT(K_URGENCY) | BIT(K_FACT) | BIT(K_OMIT),
	[SEC_NORMAL] = BIT(K_REDNESS) | BIT(K_SWELLING) | BIT(K_DRYNESS) | BIT(K_PAIN),
};

static enum section section_of(const char *name)
{
	if (strncmp(name, "redflag.", 8) == 0)
		return SEC_REDFLAG;
	return strcmp(name, "normal") == 0 ? SEC_NORMAL : SEC_MILESTONE;
}

/* "start, end, ... or omit": the keys a kind of section takes. */
static char *keys_of(enum section sec)
{
	size_t len = 1;
	for (int k = 0; k < K_COUNT; k++)
		len += strlen(key_names[k]) + 4;
	char *list = xcalloc(1, len);
	int last = -1;
	for (int k = 0; k < K_COUNT; k++)
		if (section_keys[sec] & BIT(k))
			last = k;
	for (int k = 0; k < K_COUNT; k++) {
		if (!(section_keys[sec] & BIT(k)))
			continue;
		if (*list)
			strcat(list, k == last ? " or " : ", ");
		strcat(list, key_names[k]);
	}
	return list;
}

enum head_key { H_NAME, H_DESCRIPTION, H_BASE, H_MIN_INTERVAL, H_COUNT };
static const char *const head_names[H_COUNT] = {
	"name", "description", "base", "min-interval",
};

#define MAX_BASE_DEPTH 8

struct rawval {
	const char *value; /* NULL when not given */
	const char *file;
	unsigned line;
};

struct rawsec {
	const char *id;
	const char *file;
	unsigned line;
	struct rawval v[K_COUNT];
};

/* Every file of a protocol and its bases, merged section by section. */
struct raw {
	struct rawsec *secs;
	size_t n, cap;
	struct inifile **files;
	size_t nfiles, files_cap;
	struct rawval head[H_COUNT];
	bool bad; /* a problem was found: report the rest, then fail */
	struct protocol_source *src; /* becomes the protocol's sources */
	size_t nsrc, src_cap;
};

static void add_source(struct raw *r, bool builtin, const char *name)
{
	xgrow(&r->src, &r->src_cap, r->nsrc + 1, sizeof *r->src);
	r->src[r->nsrc++] = (struct protocol_source){builtin, xstrdup(name)};
}

size_t protocol_builtin_count(void)
{
	return builtin_protocols_count;
}

const char *protocol_builtin_name(size_t i)
{
	return i < builtin_protocols_count ? builtin_protocols[i].name : NULL;
}

const char *protocol_builtin_text(const char *name, size_t *len)
{
	for (size_t i = 0; i < builtin_protocols_count; i++)
		if (strcmp(builtin_protocols[i].name, name) == 0) {
			*len = builtin_protocols[i].len;
			return builtin_protocols[i].text;
		}
	return NULL;
}

static bool is_path(const char *ref)
{
	size_t n = strlen(ref);
	return strchr(ref, '/') || (n > 4 && strcmp(ref + n - 4, ".ini") == 0);
}

static bool valid_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
			return false;
	return true;
}

static char *shipped_list(void)
{
	size_t n = 0;
	for (size_t i = 0; i < builtin_protocols_count; i++)
		n += strlen(builtin_protocols[i].name) + 2;
	char *s = xcalloc(1, n + 1);
	for (size_t i = 0; i < builtin_protocols_count; i++) {
		if (i)
			strcat(s, ", ");
		strcat(s, builtin_protocols[i].name);
	}
	return s;
}

/* Finds and reads one file of the chain. from is the file that names it as
 * its base (NULL for the protocol itself). */
static struct inifile *open_file(const char *ref, const struct rawval *from,
                                 struct raw *r, struct diags *d)
{
	const char *who = from ? from->file : NULL;
	unsigned line = from ? from->line : 0;
	int missing;
	if (is_path(ref)) {
		char *path;
		const char *slash = who ? strrchr(who, '/') : NULL;
		/* A base given as a relative path is found beside the file that
		 * names it, wherever needlecare was started. */
		if (ref[0] != '/' && slash)
			path = xasprintf("%.*s/%s", (int)(slash - who), who, ref);
		else
			path = xstrdup(ref);
		struct inifile *f = inifile_load(path, &missing, d);
		if (missing)
			diags_add(d, who, line, "the protocol file %s does not exist", path);
		add_source(r, false, path);
		free(path);
		return f;
	}
	if (!valid_name(ref)) {
		diags_add(d, who, line, "\"%s\" is not a protocol name: expected "
		          "letters, digits, '-', '_' or '.', or a path to a .ini file",
		          ref);
		return NULL;
	}
	char *leaf = xasprintf("protocols/%s.ini", ref);
	char *user = fileio_xdg_path("XDG_DATA_HOME", ".local/share", leaf);
	free(leaf);
	/* A user's microneedling.ini that names microneedling as its base
	 * means the shipped one, not itself. */
	if (!who || strcmp(who, user) != 0) {
		add_source(r, false, user);
		struct inifile *f = inifile_load(user, &missing, d);
		if (!missing) {
			free(user);
			return f;
		}
	}
	free(user);
	struct inifile *f;
	size_t len;
	const char *text = protocol_builtin_text(ref, &len);
	if (text) {
		add_source(r, true, ref);
		char *name = xasprintf("%s.ini (built in)", ref);
		f = inifile_parse(name, text, len, d);
		free(name);
		return f;
	}
	char *list = shipped_list();
	diags_add(d, who, line, "unknown protocol \"%s\": expected one of %s, or "
	          "a path to a protocol file", ref, list);
	free(list);
	return NULL;
}

static struct rawsec *raw_find(struct raw *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->secs[i].id, id) == 0)
			return &r->secs[i];
	return NULL;
}

/* Adds f's sections to r: a section of an id r already has overrides the
 * keys it gives. */
static void merge_sections(struct raw *r, const struct inifile *f, struct diags *d)
{
	for (size_t i = 0; i < f->nsections; i++) {
		const struct ini_section *s = &f->sections[i];
		if (strcmp(s->name, "protocol") == 0)
			continue;
		enum section sec = section_of(s->name);
		if (!valid_name(s->name) || (sec == SEC_REDFLAG && !s->name[8])) {
			diags_add(d, f->path, s->line, "[%s] is not a usable milestone id: "
			          "expected letters, digits, '-', '_' and '.'", s->name);
			r->bad = true;
			continue;
		}
		struct rawsec *rs = raw_find(r, s->name);
		const struct ini_entry *omit = inifile_entry(s, "omit");
		if (!rs && omit && strcmp(omit->value, "yes") == 0) {
			diags_add(d, f->path, omit->line, "[%s] has omit = yes, but no "
			          "milestone of that id comes from a base to omit", s->name);
			r->bad = true;
		}
		if (!rs) {
			xgrow(&r->secs, &r->cap, r->n + 1, sizeof *r->secs);
			rs = &r->secs[r->n++];
			*rs = (struct rawsec){.id = s->name, .file = f->path, .line = s->line};
		}
		for (size_t j = 0; j < s->nentries; j++) {
			const struct ini_entry *e = &s->entries[j];
			size_t k = 0;
			while (k < K_COUNT && strcmp(key_names[k], e->key) != 0)
				k++;
			if (k == K_COUNT || !(section_keys[sec] & BIT(k))) {
				char *list = keys_of(sec);
				diags_add(d, f->path, e->line, "unknown key \"%s\" in [%s]: "
				          "expected %s", e->key, s->name, list);
				free(list);
				r->bad = true;
				continue;
			}
			rs->v[k] = (struct rawval){e->value, f->path, e->line};
		}
	}
}

static bool load_chain(const char *ref, const struct rawval *from, int depth,
                       struct raw *r, struct diags *d)
{
	if (depth > MAX_BASE_DEPTH) {
		diags_add(d, from->file, from->line, "protocol bases are nested more "
		          "than %d deep: is a base its own base?", MAX_BASE_DEPTH);
		return false;
	}
	struct inifile *f = open_file(ref, from, r, d);
	if (!f)
		return false;
	xgrow(&r->files, &r->files_cap, r->nfiles + 1, sizeof *r->files);
	r->files[r->nfiles++] = f;

	const struct ini_section *head = inifile_section(f, "protocol");
	struct rawval mine[H_COUNT] = {0};
	for (size_t i = 0; head && i < head->nentries; i++) {
		const struct ini_entry *e = &head->entries[i];
		size_t k = 0;
		while (k < H_COUNT && strcmp(head_names[k], e->key) != 0)
			k++;
		if (k == H_COUNT) {
			diags_add(d, f->path, e->line, "unknown key \"%s\" in [protocol]: "
			          "expected name, description, base or min-interval", e->key);
			r->bad = true;
			continue;
		}
		mine[k] = (struct rawval){e->value, f->path, e->line};
	}
	if (mine[H_BASE].value) {
		if (!load_chain(mine[H_BASE].value, &mine[H_BASE], depth + 1, r, d))
			return false;
	}
	for (size_t k = 0; k < H_COUNT; k++)
		if (mine[k].value && k != H_BASE)
			r->head[k] = mine[k];
	merge_sections(r, f, d);
	return true;
}

/* The shared warning-sign rules come first in every chain, so that a
 * protocol only writes the rules it changes, and a clinic's own protocol
 * with no base still knows the signs that need a call today. */
static void load_shared(struct raw *r, struct diags *d)
{
	struct inifile *f = inifile_parse("warning-signs.ini (built in)",
	                                  builtin_warning_signs.text,
	                                  builtin_warning_signs.len, d);
	if (!f) {
		r->bad = true;
		return;
	}
	xgrow(&r->files, &r->files_cap, r->nfiles + 1, sizeof *r->files);
	r->files[r->nfiles++] = f;
	merge_sections(r, f, d);
}

static bool pick(const struct rawval *v, const char *const *names, size_t n,
                 int *out, const char *key, struct diags *d)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v->value, names[i]) == 0) {
			*out = (int)i;
			return true;
		}
	size_t len = 0;
	for (size_t i = 0; i < n; i++)
		len += strlen(names[i]) + 4;
	char *list = xcalloc(1, len + 1);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(list, i + 1 == n ? " or " : ", ");
		strcat(list, names[i]);
	}
	diags_add(d, v->file, v->line, "%s = \"%s\": expected %s", key, v->value, list);
	free(list);
	return false;
}

static bool yes_no(const struct rawval *v, bool *out, const char *key,
                   struct diags *d)
{
	static const char *const words[] = {"no", "yes"};
	int i;
	if (!pick(v, words, 2, &i, key, d))
		return false;
	*out = i == 1;
	return true;
}

/* The earliest and latest minute after the session start that an offset
 * can mean, over every session time of day and month length, with room for
 * a DST change. */
static void offset_span(struct offset o, int tod, long *lo, long *hi)
{
	switch (o.unit) {
	case UNIT_MIN:
		*lo = *hi = o.n;
		return;
	case UNIT_HOUR:
		*lo = *hi = o.n * 60;
		return;
	case UNIT_DAY:
	case UNIT_WEEK: {
		long days = o.n * (o.unit == UNIT_WEEK ? 7 : 1);
		*lo = days * 1440 + tod - 1439 - 60;
		*hi = days * 1440 + tod + 60;
		return;
	}
	case UNIT_MONTH: {
		long a = o.n * 28, b = o.n * 31;
		*lo = (a < b ? a : b) * 1440 - 1439 - 60;
		*hi = (a < b ? b : a) * 1440 + 1439 + 60;
		return;
	}
	}
}

static char *text_of(const struct rawval *v)
{
	return v->value ? util_clean_text(v->value) : NULL;
}

static bool convert(const struct rawsec *rs, struct milestone *m, struct diags *d)
{
	const struct rawval *v = rs->v;
	bool ok = true;
	char why[DATES_WHY];
	static const enum key required[] = {K_START, K_KIND, K_PHASE, K_TITLE};
	for (size_t i = 0; i < ARRAY_LEN(required); i++)
		if (!v[required[i]].value || !*v[required[i]].value) {
			diags_add(d, rs->file, rs->line, "[%s] has no %s: every milestone "
			          "needs start, kind, phase and title", rs->id,
			          key_names[required[i]]);
			ok = false;
		}
	memset(m, 0, sizeof *m);
	m->minute_of_day = -1;
	m->notify = true;
	m->urgency = URGENCY_NORMAL;
	m->applies = APPLIES_EVERY_SESSION;
	if (v[K_START].value && *v[K_START].value &&
	    !dates_parse_offset(v[K_START].value, &m->start, why, sizeof why)) {
		diags_add(d, v[K_START].file, v[K_START].line, "start: %s", why);
		ok = false;
	}
	if (v[K_END].value) {
		m->window = true;
		if (!dates_parse_offset(v[K_END].value, &m->end, why, sizeof why)) {
			diags_add(d, v[K_END].file, v[K_END].line, "end: %s", why);
			ok = false;
			m->window = false;
		}
	}
	if (v[K_TIME].value &&
	    !dates_parse_clock(v[K_TIME].value, &m->minute_of_day, why, sizeof why)) {
		diags_add(d, v[K_TIME].file, v[K_TIME].line, "time: %s", why);
		ok = false;
	}
	int e;
	if (v[K_KIND].value && *v[K_KIND].value) {
		if (pick(&v[K_KIND], kind_names, KIND_COUNT, &e, "kind", d))
			m->kind = (enum kind)e;
		else
			ok = false;
	}
	if (v[K_PHASE].value && *v[K_PHASE].value) {
		if (pick(&v[K_PHASE], phase_names, PHASE_COUNT, &e, "phase", d))
			m->phase = (enum phase)e;
		else
			ok = false;
	}
	if (v[K_URGENCY].value) {
		/* A milestone goes to everyone: only a rule that tripped on a
		 * patient's own check-in can call for emergency services. */
		if (pick(&v[K_URGENCY], urgency_names, URGENCY_EMERGENCY, &e, "urgency", d))
			m->urgency = (enum urgency)e;
		else
			ok = false;
	}
	if (v[K_NIGHT].value) {
		if (pick(&v[K_NIGHT], night_names, NIGHT_COUNT, &e, "night", d))
			m->night = (enum night)e;
		else
			ok = false;
	}
	if (v[K_CONTACT].value && !yes_no(&v[K_CONTACT], &m->contact, "contact", d))
		ok = false;
	if (v[K_APPLIES].value) {
		if (pick(&v[K_APPLIES], applies_names, APPLIES_COUNT, &e, "applies", d))
			m->applies = (enum applies)e;
		else
			ok = false;
	}
	if (v[K_NOTIFY].value && !yes_no(&v[K_NOTIFY], &m->notify, "notify", d))
		ok = false;
	if (v[K_ONLY_IF].value && !screening_find(v[K_ONLY_IF].value)) {
		diags_add(d, v[K_ONLY_IF].file, v[K_ONLY_IF].line, "only-if = \"%s\": "
		          "expected the name of a screening question, such as "
		          "cold-sores", v[K_ONLY_IF].value);
		ok = false;
	}
	/* An end that could not be read is reported once, where it is written:
	 * not again as a missing end at the base's end-title. */
	if (!m->window && !v[K_END].value && (v[K_END_TITLE].value || v[K_END_BODY].value)) {
		const struct rawval *x = v[K_END_TITLE].value ? &v[K_END_TITLE] : &v[K_END_BODY];
		diags_add(d, x->file, x->line, "[%s] has end-title or end-body but no "
		          "end: only a window has an end to announce", rs->id);
		ok = false;
	}
	if (ok && m->window) {
		int tod = m->minute_of_day >= 0 ? m->minute_of_day : 0;
		long slo, shi, elo, ehi;
		offset_span(m->start, tod, &slo, &shi);
		offset_span(m->end, tod, &elo, &ehi);
		if (ehi < slo) {
			diags_add(d, v[K_END].file, v[K_END].line, "end = %s comes before "
			          "start = %s: a window must not end before it starts",
			          v[K_END].value, v[K_START].value);
			ok = false;
		}
	}
	if (!ok)
		return false;
	m->id = xstrdup(rs->id);
	m->title = text_of(&v[K_TITLE]);
	m->body = text_of(&v[K_BODY]);
	m->end_title = text_of(&v[K_END_TITLE]);
	m->end_body = text_of(&v[K_END_BODY]);
	m->fact = text_of(&v[K_FACT]);
	m->only_if = text_of(&v[K_ONLY_IF]);
	m->file = xstrdup(rs->file);
	m->line = rs->line;
	return true;
}

static bool day_number(const struct rawval *v, const char *key, int *out,
                       struct diags *d)
{
	char *end;
	long n = strtol(v->value, &end, 10);
	if (!*v->value || *end || n < -60 || n > 3650) {
		diags_add(d, v->file, v->line, "%s = \"%s\": expected a number of days "
		          "since the session, such as 4", key, v->value);
		return false;
	}
	*out = (int)n;
	return true;
}

static bool convert_flag(const struct rawsec *rs, struct redflag *f, struct diags *d)
{
	const struct rawval *v = rs->v;
	bool ok = true;
	memset(f, 0, sizeof *f);
	f->rating = f->at_least = f->sign = f->until_day = -1;
	f->from_day = INT_MIN;
	f->urgency = URGENCY_NORMAL;
	if (!v[K_TITLE].value || !*v[K_TITLE].value || !v[K_ACTION].value ||
	    !*v[K_ACTION].value) {
		diags_add(d, rs->file, rs->line, "[%s] needs a title and an action: what "
		          "the patient sees, and what to do", rs->id);
		ok = false;
	}
	if (!v[K_RATING].value == !v[K_SIGN].value) {
		diags_add(d, rs->file, rs->line, "[%s] needs either a rating (with "
		          "at-least, above-normal or rising) or a sign", rs->id);
		ok = false;
	}
	if (v[K_RATING].value) {
		for (int i = 0; i < RATING_COUNT; i++)
			if (strcmp(v[K_RATING].value, journal_ratings[i].name) == 0)
				f->rating = i;
		if (f->rating < 0) {
			diags_add(d, v[K_RATING].file, v[K_RATING].line, "rating = \"%s\": "
			          "expected redness, swelling, dryness or pain", v[K_RATING].value);
			ok = false;
		}
		if (!v[K_AT_LEAST].value && !v[K_RISING].value && !v[K_ABOVE_NORMAL].value) {
			diags_add(d, rs->file, rs->line, "[%s] gives a rating but none of "
			          "at-least, above-normal and rising", rs->id);
			ok = false;
		}
	}
	if (v[K_AT_LEAST].value) {
		const char *a = v[K_AT_LEAST].value;
		if (strlen(a) != 1 || a[0] < '0' || a[0] > '0' + RATING_MAX) {
			diags_add(d, v[K_AT_LEAST].file, v[K_AT_LEAST].line, "at-least = \"%s\": "
			          "expected 0 to %d", a, RATING_MAX);
			ok = false;
		} else {
			f->at_least = a[0] - '0';
		}
	}
	if (v[K_RISING].value && !yes_no(&v[K_RISING], &f->rising, "rising", d))
		ok = false;
	if (v[K_ABOVE_NORMAL].value &&
	    !yes_no(&v[K_ABOVE_NORMAL], &f->above_normal, "above-normal", d))
		ok = false;
	if (v[K_SIGN].value) {
		const char *names[SIGN_COUNT + 1];
		for (int i = 0; i < SIGN_COUNT; i++)
			names[i] = journal_signs[i].name;
		names[SIGN_COUNT] = "any";
		if (pick(&v[K_SIGN], names, SIGN_COUNT + 1, &f->sign, "sign", d) == false)
			ok = false;
	}
	if (v[K_FROM_DAY].value && !day_number(&v[K_FROM_DAY], "from-day", &f->from_day, d))
		ok = false;
	if (v[K_UNTIL_DAY].value && !day_number(&v[K_UNTIL_DAY], "until-day", &f->until_day, d))
		ok = false;
	int e;
	if (v[K_URGENCY].value) {
		if (pick(&v[K_URGENCY], urgency_names, URGENCY_COUNT, &e, "urgency", d))
			f->urgency = (enum urgency)e;
		else
			ok = false;
	}
	if (!ok)
		return false;
	f->id = xstrdup(rs->id + strlen("redflag."));
	f->title = text_of(&v[K_TITLE]);
	f->action = text_of(&v[K_ACTION]);
	f->fact = text_of(&v[K_FACT]);
	f->file = xstrdup(rs->file);
	f->line = rs->line;
	return true;
}

/* "3 3 2 1 1 0": the highest normal rating on day 0, 1, 2 ... */
static bool convert_normal(const struct rawsec *rs, struct protocol *p, struct diags *d)
{
	bool ok = true;
	static const enum key keys[RATING_COUNT] = {K_REDNESS, K_SWELLING, K_DRYNESS, K_PAIN};
	for (int r = 0; r < RATING_COUNT; r++) {
		const struct rawval *v = &rs->v[keys[r]];
		if (!v->value)
			continue;
		int n = 0;
		bool good = true;
		for (const char *c = v->value; *c && good; c++) {
			if (*c == ' ')
				continue;
			good = *c >= '0' && *c <= '0' + RATING_MAX && n < NORMAL_DAYS &&
			       (c[1] == ' ' || !c[1]);
			if (good)
				p->normal[r][n++] = (signed char)(*c - '0');
		}
		if (!good || n == 0) {
			diags_add(d, v->file, v->line, "%s = \"%s\": expected the highest "
			          "normal rating (0-3) for day 0, 1, 2 ... separated by "
			          "spaces, at most %d days", key_names[keys[r]], v->value,
			          NORMAL_DAYS);
			ok = false;
			continue;
		}
		p->normal_days[r] = n;
	}
	return ok;
}

int protocol_normal_max(const struct protocol *p, enum rating r, long day)
{
	int n = p->normal_days[r];
	if (n == 0 || day < 0)
		return -1;
	return p->normal[r][day < n ? day : n - 1];
}

static void raw_free(struct raw *r)
{
	for (size_t i = 0; i < r->nfiles; i++)
		inifile_free(r->files[i]);
	free(r->files);
	free(r->secs);
	for (size_t i = 0; i < r->nsrc; i++)
		free(r->src[i].name);
	free(r->src);
}

struct protocol *protocol_open(const char *ref, struct diags *d)
{
	struct raw r = {0};
	load_shared(&r, d);
	size_t own = r.nfiles;
	if (!load_chain(ref, NULL, 0, &r, d)) {
		raw_free(&r);
		return NULL;
	}
	struct protocol *p = xcalloc(1, sizeof *p);
	p->ref = xstrdup(ref);
	p->name = r.head[H_NAME].value && *r.head[H_NAME].value
	          ? util_clean_text(r.head[H_NAME].value) : xstrdup(ref);
	p->description = text_of(&r.head[H_DESCRIPTION]);
	p->origin = xstrdup(r.files[own]->path);
	p->sources = r.src;
	p->nsources = r.nsrc;
	r.src = NULL;
	r.nsrc = 0;
	p->milestones = xcalloc(r.n, sizeof *p->milestones);
	p->redflags = xcalloc(r.n, sizeof *p->redflags);
	bool ok = !r.bad;
	/* Skin needs about four weeks to rebuild between sessions. */
	p->min_interval = (struct offset){28, UNIT_DAY};
	const struct rawval *mi = &r.head[H_MIN_INTERVAL];
	char why[DATES_WHY];
	if (mi->value && (!dates_parse_offset(mi->value, &p->min_interval, why, sizeof why) ||
	                  p->min_interval.n <= 0)) {
		diags_add(d, mi->file, mi->line, "min-interval = \"%s\": expected a "
		          "positive offset such as 28d or 72h", mi->value);
		ok = false;
	}
	for (size_t i = 0; i < r.n; i++) {
		const struct rawval *omit = &r.secs[i].v[K_OMIT];
		bool skip = false;
		if (omit->value && !yes_no(omit, &skip, "omit", d)) {
			ok = false;
			continue;
		}
		if (skip)
			continue;
		switch (section_of(r.secs[i].id)) {
		case SEC_MILESTONE:
			if (convert(&r.secs[i], &p->milestones[p->count], d))
				p->count++;
			else
				ok = false;
			break;
		case SEC_REDFLAG:
			if (convert_flag(&r.secs[i], &p->redflags[p->nredflags], d))
				p->nredflags++;
			else
				ok = false;
			break;
		case SEC_NORMAL:
			ok &= convert_normal(&r.secs[i], p, d);
			break;
		}
	}
	if (ok && p->count == 0) {
		diags_add(d, p->origin, 0, "has no milestones: expected at least one "
		          "section with start, kind, phase and title");
		ok = false;
	}
	raw_free(&r);
	if (!ok) {
		protocol_free(p);
		return NULL;
	}
	return p;
}

void protocol_free(struct protocol *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->count; i++) {
		struct milestone *m = &p->milestones[i];
		free(m->id);
		free(m->title);
		free(m->body);
		free(m->end_title);
		free(m->end_body);
		free(m->fact);
		free(m->only_if);
		free(m->file);
	}
	free(p->milestones);
	for (size_t i = 0; i < p->nredflags; i++) {
		struct redflag *f = &p->redflags[i];
		free(f->id);
		free(f->title);
		free(f->action);
		free(f->fact);
		free(f->file);
	}
	free(p->redflags);
	for (size_t i = 0; i < p->nsources; i++)
		free(p->sources[i].name);
	free(p->sources);
	free(p->ref);
	free(p->name);
	free(p->description);
	free(p->origin);
	free(p);
}

bool protocol_asks_sign(const struct protocol *p, int s)
{
	for (size_t i = 0; i < p->nredflags; i++)
		if (p->redflags[i].sign == s || p->redflags[i].sign == SIGN_COUNT)
			return true;
	return false;
}

static bool at_night(int minute)
{
	return minute >= NIGHT_START || minute < NIGHT_END;
}

static void clock_text(int minute, char *buf, size_t n)
{
	snprintf(buf, n, "%02d:%02d", minute / 60 % 24, minute % 60);
}

/* An elapsed offset that can put a notification in the night, for a
 * session in a clinic's working day: the first and last session times
 * for which it does. */
static bool lands_at_night(struct offset o, int *first, int *last)
{
	long span = o.unit == UNIT_HOUR ? o.n * 60 : o.n;
	int found = 0;
	for (int s = LINT_FIRST_SESSION; s <= LINT_LAST_SESSION; s++) {
		long m = ((s + span) % 1440 + 1440) % 1440;
		if (!at_night((int)m))
			continue;
		if (!found++)
			*first = s;
		*last = s;
	}
	return found > 0;
}

static void lint_night(const struct milestone *m, const char *key, struct offset o,
                       struct diags *w)
{
	/* The session's own moment is the patient's choice, not the protocol's. */
	if (!m->notify || m->night != NIGHT_KEEP || (o.n == 0 && !dates_offset_is_calendar(o)))
		return;
	char a[16], b[16];
	if (dates_offset_is_calendar(o)) {
		if (m->minute_of_day < 0 || !at_night(m->minute_of_day))
			return;
		clock_text(m->minute_of_day, a, sizeof a);
		diags_add(w, m->file, m->line, "[%s] time = %s sends its notification "
		          "in the night (22:00 to 07:00): give it a time of day when "
		          "people are awake", m->id, a);
		return;
	}
	int first = 0, last = 0;
	if (!lands_at_night(o, &first, &last))
		return;
	clock_text(first, a, sizeof a);
	clock_text(last, b, sizeof b);
	diags_add(w, m->file, m->line, "[%s] %s = %+ld%s falls in the night (22:00 "
	          "to 07:00) for a session between %s and %s: count it in days with "
	          "a time of day, or add night = next-morning or evening-before",
	          m->id, key, o.n, o.unit == UNIT_HOUR ? "h" : "min", a, b);
}

void protocol_lint(const struct protocol *p, struct diags *errors,
                   struct diags *warnings)
{
	bool checkins = false, normal = false, emergency = false;
	for (int r = 0; r < RATING_COUNT; r++)
		normal |= p->normal_days[r] > 0;
	for (size_t i = 0; i < p->count; i++) {
		const struct milestone *m = &p->milestones[i];
		checkins |= m->kind == KIND_CHECKIN;
		if (m->urgency == URGENCY_CRITICAL)
			diags_add(warnings, m->file, m->line, "[%s] has urgency = critical: "
			          "a milestone goes to every patient, and a critical alert "
			          "for routine advice teaches people to ignore real ones; "
			          "keep critical for warning-sign rules", m->id);
		lint_night(m, "start", m->start, warnings);
		if (m->window)
			lint_night(m, "end", m->end, warnings);
	}
	for (size_t i = 0; i < p->nredflags; i++) {
		const struct redflag *f = &p->redflags[i];
		emergency |= f->urgency == URGENCY_EMERGENCY;
		/* With no [normal] at all, the error below says it once. */
		if (checkins && normal && (f->above_normal || f->rising) &&
		    f->rating >= 0 && p->normal_days[f->rating] == 0)
			diags_add(errors, f->file, f->line, "[redflag.%s] compares %s with "
			          "its normal range, but [normal] gives none for %s", f->id,
			          journal_ratings[f->rating].name, journal_ratings[f->rating].name);
	}
	if (!checkins)
		return;
	if (p->nredflags == 0)
		diags_add(errors, p->origin, 0, "offers check-ins but has no warning-sign "
		          "rules: a check-in would never tell anyone to call for help; "
		          "keep the shared [redflag.NAME] rules or write your own");
	if (!normal)
		diags_add(errors, p->origin, 0, "offers check-ins but has no [normal] "
		          "ranges: a check-in cannot tell normal healing from a "
		          "problem");
	if (p->nredflags && !emergency)
		diags_add(warnings, p->origin, 0, "has no rule with urgency = emergency: "
		          "nothing tells a patient to call emergency services");
}
