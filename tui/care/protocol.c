#include "care/protocol.h"
#include "care/builtin.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "base/inifile.h"
#include "care/screening.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* One vocabulary table per enum: the file word and the human label. The
 * kinds' file words are also what the Timeline's detail shows, translated. */
static const char *const kind_names[KIND_COUNT] = {
	/* TRANSLATORS: the kinds of care step, shown in the Timeline's
	 * details: a pause on a product or activity, what the skin is
	 * expected to do, something to do, a daily check-in, information. */
	N_("restriction"), N_("expectation"), N_("task"), N_("checkin"), N_("info"),
};
static const char *const phase_names[PHASE_COUNT] = {
	"preparation", "day-of", "first-24h", "24-72h", "first-week",
	"remodeling", "series",
};
static const char *const phase_labels[PHASE_COUNT] = {
	N_("Preparation"), N_("Day of the session"), N_("First 24 hours"), N_("24 to 72 hours"),
	N_("First week"), N_("Remodeling"), N_("Series"),
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

const char *protocol_kind_name(enum milestone_kind k) { return kind_names[k]; }
const char *protocol_phase_name(enum milestone_phase p) { return phase_names[p]; }
const char *protocol_kind_label(enum milestone_kind k) { return _(kind_names[k]); }
const char *protocol_phase_label(enum milestone_phase p) { return _(phase_labels[p]); }

#define MILESTONE_ROW(type, ctype, field, key, least, most, names) \
	{type, key, offsetof(struct milestone, field), least, most, names},
#define REDFLAG_ROW(type, ctype, field, key, least, most, names) \
	{type, key, offsetof(struct redflag, field), least, most, names},
const struct protocol_field protocol_milestone_fields[] = {MILESTONE_FIELDS(MILESTONE_ROW)};
const size_t protocol_milestone_nfields = ARRAY_LEN(protocol_milestone_fields);
const struct protocol_field protocol_redflag_fields[] = {REDFLAG_FIELDS(REDFLAG_ROW)};
const size_t protocol_redflag_nfields = ARRAY_LEN(protocol_redflag_fields);

/* Every row is a field of its structure, and every field a row: the
 * structures are made from the same lists. (A structure of one char a
 * row counts them.) */
#define COUNT_ROW(type, ctype, field, key, least, most, names) char field;
struct milestone_rows { MILESTONE_FIELDS(COUNT_ROW) };
struct redflag_rows { REDFLAG_FIELDS(COUNT_ROW) };
_Static_assert(ARRAY_LEN(protocol_milestone_fields) == sizeof(struct milestone_rows),
               "one row per milestone field");
_Static_assert(ARRAY_LEN(protocol_redflag_fields) == sizeof(struct redflag_rows),
               "one row per redflag field");

enum head_key { H_NAME, H_DESCRIPTION, H_BASE, H_MIN_INTERVAL, H_COUNT };
static const char *const head_names[H_COUNT] = {
	"name", "description", "base", "min-interval",
};

/* The most keys a section takes (slots), and the slot of omit. */
#define MAX_SLOTS 32
_Static_assert(ARRAY_LEN(protocol_milestone_fields) < MAX_SLOTS &&
               ARRAY_LEN(protocol_redflag_fields) < MAX_SLOTS &&
               RATING_COUNT <= MAX_SLOTS && H_COUNT <= MAX_SLOTS, "raise MAX_SLOTS");

static const struct protocol_field *fields_of(enum protocol_section s, size_t *n)
{
	*n = s == PSEC_MILESTONE ? protocol_milestone_nfields
	   : s == PSEC_REDFLAG ? protocol_redflag_nfields : 0;
	return s == PSEC_MILESTONE ? protocol_milestone_fields
	     : s == PSEC_REDFLAG ? protocol_redflag_fields : NULL;
}

size_t protocol_key_slots(enum protocol_section s)
{
	size_t n;
	fields_of(s, &n);
	switch (s) {
	case PSEC_MILESTONE:
	case PSEC_REDFLAG:
		return n + 1;
	case PSEC_NORMAL:
		return RATING_COUNT;
	case PSEC_PROTOCOL:
		return H_COUNT;
	case PSEC_COUNT:
		break;
	}
	return 0;
}

const char *protocol_key(enum protocol_section s, size_t slot)
{
	size_t n;
	const struct protocol_field *f = fields_of(s, &n);
	if (slot >= protocol_key_slots(s))
		return NULL;
	if (s == PSEC_NORMAL)
		return checkin_ratings[slot].name;
	if (s == PSEC_PROTOCOL)
		return head_names[slot];
	return slot == n ? "omit" : f[slot].key;
}

/* The slot of the key of len bytes at key in a section, or MAX_SLOTS. */
static size_t slot_of_n(enum protocol_section s, const char *key, size_t len)
{
	size_t n = protocol_key_slots(s);
	for (size_t i = 0; i < n; i++) {
		const char *k = protocol_key(s, i);
		if (k && strlen(k) == len && strncmp(k, key, len) == 0)
			return i;
	}
	return MAX_SLOTS;
}

static size_t slot_of(enum protocol_section s, const char *key)
{
	return slot_of_n(s, key, strlen(key));
}

/* The texts a translation may replace; the first two are [protocol]'s. */
static const char *const translatable_keys[] = {
	"name", "description", "title", "body", "end-title", "end-body", "action",
};

bool protocol_translatable(enum protocol_section s, const char *key)
{
	if (s == PSEC_NORMAL || s == PSEC_COUNT)
		return false;
	for (size_t i = 0; i < ARRAY_LEN(translatable_keys); i++)
		if (strcmp(translatable_keys[i], key) == 0)
			return slot_of(s, key) != MAX_SLOTS;
	return false;
}

/* A language as brackets hold it: a letter first, then letters, digits
 * and _ @ - . (ll, ll_CC, ll@mod, ll_CC.codeset@mod). */
static bool valid_tag(const char *t, size_t n)
{
	if (n == 0 || n > 64 || !isalpha((unsigned char)t[0]))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)t[i]) && !strchr("_@-.", t[i]))
			return false;
	return true;
}

bool protocol_language_valid(const char *lang)
{
	return valid_tag(lang, strlen(lang));
}

/* "title[es_mx]": the key "title" (its length in *n) and the language in
 * the brackets (*tag, *ntag; NULL when there are none). False for
 * brackets that hold no language. */
static bool split_key(const char *key, size_t *n, const char **tag, size_t *ntag)
{
	const char *open = strchr(key, '[');
	*n = open ? (size_t)(open - key) : strlen(key);
	*tag = open ? open + 1 : NULL;
	*ntag = 0;
	if (!open)
		return true;
	size_t len = strlen(open);
	if (len < 3 || open[len - 1] != ']')
		return false;
	*ntag = len - 2;
	return *n > 0 && valid_tag(*tag, *ntag);
}

static bool same_part(const char *a, size_t na, const char *b, size_t nb)
{
	return na == nb && strncasecmp(a, b, na) == 0;
}

/* Whether a text in language t reaches a reader of language r: the same
 * language, and each of country and modifier the same or not given by t
 * (es reaches es_MX). With wider, also when r does not give it (es_MX
 * reaches es: check --lang es counts a more specific translation). */
static bool reaches(struct i18n_locale t, struct i18n_locale r, bool wider)
{
	return same_part(t.ll, t.nll, r.ll, r.nll) &&
	       (t.ncc == 0 || (wider && r.ncc == 0) || same_part(t.cc, t.ncc, r.cc, r.ncc)) &&
	       (t.nmod == 0 || (wider && r.nmod == 0) || same_part(t.mod, t.nmod, r.mod, r.nmod));
}

/* The place of a language in langs (most specific first), or SIZE_MAX. */
static size_t rank_of(const char *tag, size_t n, const char *const *langs)
{
	for (size_t i = 0; langs && langs[i]; i++)
		if (strlen(langs[i]) == n && strncasecmp(langs[i], tag, n) == 0)
			return i;
	return SIZE_MAX;
}

static enum protocol_section section_of(const char *name)
{
	if (strncmp(name, "redflag.", 8) == 0)
		return PSEC_REDFLAG;
	return strcmp(name, "normal") == 0 ? PSEC_NORMAL : PSEC_MILESTONE;
}

/* The word before the last of a list of keys or words. */
static const char *or_word(void)
{
	/* TRANSLATORS: joins the last two of a list of words a file may hold,
	 * "start, end or omit"; the words stay as they are. */
	return _(" or ");
}

/* "start, end, ... or omit": the keys a kind of section takes. */
static char *keys_of(enum protocol_section sec)
{
	size_t n = protocol_key_slots(sec), len = 1, last = 0;
	for (size_t k = 0; k < n; k++)
		if (protocol_key(sec, k)) {
			len += strlen(protocol_key(sec, k)) + strlen(or_word()) + 2;
			last = k;
		}
	char *list = xcalloc(1, len);
	for (size_t k = 0; k < n; k++) {
		const char *key = protocol_key(sec, k);
		if (!key)
			continue;
		if (*list)
			strcat(list, k == last ? or_word() : ", ");
		strcat(list, key);
	}
	return list;
}

#define MAX_BASE_DEPTH 8

struct rawval {
	const char *value; /* NULL when not given */
	const char *file;
	unsigned line;
	unsigned level; /* the file's place in the merge: 1 for the first */
};

struct rawsec {
	const char *id;
	const char *file;
	unsigned line;
	enum protocol_section sec;
	struct rawval v[MAX_SLOTS]; /* by slot (protocol_key) */
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
	unsigned level; /* of the last file merged */
	struct rawtr *tr; /* every translation given, in the order merged */
	size_t ntr, tr_cap;
};

/* "title[es] = ..." in section sec (an index of secs, or HEAD for
 * [protocol]), for the text of slot. The tag ends at ']'. */
#define HEAD SIZE_MAX
struct rawtr {
	size_t sec, slot;
	const char *tag;
	size_t ntag;
	struct rawval v;
};

static void add_translation(struct raw *r, size_t sec, size_t slot, const char *tag,
                            size_t ntag, struct rawval v)
{
	xgrow(&r->tr, &r->tr_cap, r->ntr + 1, sizeof *r->tr);
	r->tr[r->ntr++] = (struct rawtr){sec, slot, tag, ntag, v};
}

/* The text a translation translates, as the merge left it. */
static const struct rawval *translated(const struct raw *r, const struct rawtr *t)
{
	return t->sec == HEAD ? &r->head[t->slot] : &r->secs[t->sec].v[t->slot];
}

/* A translation counts when the text it translates was written in its
 * file or an earlier one: a clinic that rewrites a title in English only
 * must not have its patients read the base's translation of the old
 * title. */
static bool counts(const struct raw *r, const struct rawtr *t)
{
	const struct rawval *u = translated(r, t);
	return !u->value || u->level <= t->v.level;
}

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
			diags_add(d, who, line, _("the protocol file %s does not exist"), path);
		add_source(r, false, path);
		free(path);
		return f;
	}
	if (!valid_name(ref)) {
		diags_add(d, who, line, _("\"%s\" is not a protocol name: expected "
		            "letters, digits, '-', '_' or '.', or a path to a .ini file"),
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
	diags_add(d, who, line, _("unknown protocol \"%s\": expected one of %s, or "
	            "a path to a protocol file"), ref, list);
	free(list);
	return NULL;
}

/* A key with brackets that are no language, or on a text that takes
 * none: reported. */
static bool bad_translation(enum protocol_section sec, const char *section,
                            const struct ini_entry *e, bool good, size_t slot,
                            const char *file, struct diags *d)
{
	if (!good) {
		diags_add(d, file, e->line, _("\"%s\" in [%s]: expected a language in "
		            "brackets, such as title[es], title[es_MX] or action[es@formal]"),
		          e->key, section);
		return true;
	}
	if (!protocol_translatable(sec, protocol_key(sec, slot))) {
		diags_add(d, file, e->line, _("\"%s\" in [%s]: only name, description, "
		            "title, body, end-title, end-body and action take a language "
		            "in brackets"), e->key, section);
		return true;
	}
	return false;
}

static struct rawsec *raw_find(struct raw *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->secs[i].id, id) == 0)
			return &r->secs[i];
	return NULL;
}

/* Adds f's sections to r: a section of an id r already has overrides the
 * keys it gives. level: f's place in the merge. */
static void merge_sections(struct raw *r, const struct inifile *f, unsigned level,
                           struct diags *d)
{
	for (size_t i = 0; i < f->nsections; i++) {
		const struct ini_section *s = &f->sections[i];
		if (strcmp(s->name, "protocol") == 0)
			continue;
		enum protocol_section sec = section_of(s->name);
		if (!valid_name(s->name) || (sec == PSEC_REDFLAG && !s->name[8])) {
			diags_add(d, f->path, s->line, _("[%s] is not a usable milestone id: "
			            "expected letters, digits, '-', '_' and '.'"), s->name);
			r->bad = true;
			continue;
		}
		struct rawsec *rs = raw_find(r, s->name);
		const struct ini_entry *omit = inifile_entry(s, "omit");
		if (!rs && omit && strcmp(omit->value, "yes") == 0) {
			diags_add(d, f->path, omit->line, _("[%s] has omit = yes, but no "
			            "milestone of that id comes from a base to omit"), s->name);
			r->bad = true;
		}
		if (!rs) {
			xgrow(&r->secs, &r->cap, r->n + 1, sizeof *r->secs);
			rs = &r->secs[r->n++];
			*rs = (struct rawsec){.id = s->name, .file = f->path, .line = s->line,
			                      .sec = sec};
		}
		size_t at = (size_t)(rs - r->secs);
		for (size_t j = 0; j < s->nentries; j++) {
			const struct ini_entry *e = &s->entries[j];
			const char *tag;
			size_t n, ntag;
			bool good = split_key(e->key, &n, &tag, &ntag);
			size_t k = slot_of_n(sec, e->key, n);
			if (k == MAX_SLOTS) {
				char *list = keys_of(sec);
				diags_add(d, f->path, e->line, _("unknown key \"%s\" in [%s]: "
				            "expected %s"), e->key, s->name, list);
				free(list);
				r->bad = true;
				continue;
			}
			struct rawval v = {e->value, f->path, e->line, level};
			if (!tag)
				rs->v[k] = v;
			else if (bad_translation(sec, s->name, e, good, k, f->path, d))
				r->bad = true;
			else
				add_translation(r, at, k, tag, ntag, v);
		}
	}
}

static bool load_chain(const char *ref, const struct rawval *from, int depth,
                       struct raw *r, struct diags *d)
{
	if (depth > MAX_BASE_DEPTH) {
		diags_add(d, from->file, from->line, _("protocol bases are nested more "
		            "than %d deep: is a base its own base?"), MAX_BASE_DEPTH);
		return false;
	}
	struct inifile *f = open_file(ref, from, r, d);
	if (!f)
		return false;
	xgrow(&r->files, &r->files_cap, r->nfiles + 1, sizeof *r->files);
	r->files[r->nfiles++] = f;

	const struct ini_section *head = inifile_section(f, "protocol");
	struct rawval mine[H_COUNT] = {0};
	bool *take = xcalloc(head ? head->nentries + 1 : 1, sizeof *take);
	for (size_t i = 0; head && i < head->nentries; i++) {
		const struct ini_entry *e = &head->entries[i];
		const char *tag;
		size_t n, ntag;
		bool good = split_key(e->key, &n, &tag, &ntag);
		size_t k = slot_of_n(PSEC_PROTOCOL, e->key, n);
		if (k == MAX_SLOTS) {
			diags_add(d, f->path, e->line, _("unknown key \"%s\" in [protocol]: "
			            "expected name, description, base or min-interval"), e->key);
			r->bad = true;
		} else if (!tag) {
			mine[k] = (struct rawval){e->value, f->path, e->line, 0};
		} else if (bad_translation(PSEC_PROTOCOL, "protocol", e, good, k, f->path, d)) {
			r->bad = true;
		} else {
			take[i] = true;
		}
	}
	if (mine[H_BASE].value) {
		if (!load_chain(mine[H_BASE].value, &mine[H_BASE], depth + 1, r, d)) {
			free(take);
			return false;
		}
	}
	/* The file's level is its place once its bases are merged. */
	unsigned level = ++r->level;
	for (size_t k = 0; k < H_COUNT; k++)
		if (mine[k].value && k != H_BASE) {
			r->head[k] = mine[k];
			r->head[k].level = level;
		}
	for (size_t i = 0; head && i < head->nentries; i++) {
		const struct ini_entry *e = &head->entries[i];
		const char *tag;
		size_t n, ntag;
		if (take[i] && split_key(e->key, &n, &tag, &ntag))
			add_translation(r, HEAD, slot_of_n(PSEC_PROTOCOL, e->key, n), tag, ntag,
			                (struct rawval){e->value, f->path, e->line, level});
	}
	free(take);
	merge_sections(r, f, level, d);
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
	merge_sections(r, f, ++r->level, d);
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
		len += strlen(names[i]) + strlen(or_word()) + 2;
	char *list = xcalloc(1, len + 1);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(list, i + 1 == n ? or_word() : ", ");
		strcat(list, names[i]);
	}
	diags_add(d, v->file, v->line, _("%s = \"%s\": expected %s"), key, v->value, list);
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

static bool day_number(const struct rawval *v, const char *key, int *out,
                       struct diags *d)
{
	char *end;
	long n = strtol(v->value, &end, 10);
	if (!*v->value || *end || n < -60 || n > 3650) {
		diags_add(d, v->file, v->line, _("%s = \"%s\": expected a number of days "
		            "since the session, such as 4"), key, v->value);
		return false;
	}
	*out = (int)n;
	return true;
}

/* The enums are stored as int: the cache and the parser write them so. */
_Static_assert(sizeof(enum milestone_kind) == sizeof(int) && sizeof(enum milestone_phase) == sizeof(int) &&
               sizeof(enum urgency) == sizeof(int) && sizeof(enum milestone_applies) == sizeof(int) &&
               sizeof(enum milestone_night) == sizeof(int), "enums the size of int");

/* Reads the value v of field f into obj. Texts are taken later, once the
 * whole section is known to be good. */
static bool read_field(const struct protocol_field *f, const struct rawval *v,
                       void *obj, struct diags *d)
{
	char *at = (char *)obj + f->offset;
	char why[DATES_WHY];
	int i = -1;
	switch (f->type) {
	case FIELD_NAME:
	case FIELD_TEXT:
	case FIELD_LINE:
		return true;
	case FIELD_OFFSET:
		if (dates_parse_offset(v->value, (struct offset *)(void *)at, why, sizeof why))
			return true;
		diags_add(d, v->file, v->line, "%s: %s", f->key, why);
		return false;
	case FIELD_CLOCK:
		if (dates_parse_clock(v->value, (int *)(void *)at, why, sizeof why))
			return true;
		diags_add(d, v->file, v->line, "%s: %s", f->key, why);
		return false;
	case FIELD_BOOL:
		return yes_no(v, (bool *)at, f->key, d);
	case FIELD_ENUM:
		if (!pick(v, f->names, (size_t)f->most + 1, &i, f->key, d))
			return false;
		break;
	case FIELD_RATING:
		for (int r = 0; r < RATING_COUNT; r++)
			if (strcmp(v->value, checkin_ratings[r].name) == 0)
				i = r;
		if (i < 0) {
			diags_add(d, v->file, v->line, _("%s = \"%s\": expected redness, "
			            "swelling, dryness or pain"), f->key, v->value);
			return false;
		}
		break;
	case FIELD_LEVEL:
		if (strlen(v->value) != 1 || v->value[0] < '0' || v->value[0] > '0' + RATING_MAX) {
			diags_add(d, v->file, v->line, _("%s = \"%s\": expected 0 to %d"),
			          f->key, v->value, RATING_MAX);
			return false;
		}
		i = v->value[0] - '0';
		break;
	case FIELD_SIGN: {
		const char *names[SIGN_COUNT + 1];
		for (int s = 0; s < SIGN_COUNT; s++)
			names[s] = checkin_signs[s].name;
		names[SIGN_COUNT] = "any";
		if (!pick(v, names, SIGN_COUNT + 1, &i, f->key, d))
			return false;
		break;
	}
	case FIELD_DAY:
		if (!day_number(v, f->key, &i, d))
			return false;
		break;
	}
	memcpy(at, &i, sizeof i);
	return true;
}

/* Reads every field of a section that the file gives, except the keys in
 * skip (checked by the caller), then the texts when all were good. */
static bool read_fields(const struct rawsec *rs, const struct protocol_field *f,
                        size_t n, void *obj, struct diags *d)
{
	bool ok = true;
	for (size_t i = 0; i < n; i++)
		if (f[i].key && rs->v[i].value)
			ok &= read_field(&f[i], &rs->v[i], obj, d);
	return ok;
}

static void take_texts(const struct rawsec *rs, const struct protocol_field *f,
                       size_t n, void *obj)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].key && (f[i].type == FIELD_NAME || f[i].type == FIELD_TEXT)) {
			char *t = text_of(&rs->v[i]);
			memcpy((char *)obj + f[i].offset, &t, sizeof t);
		}
}

static void free_texts(const struct protocol_field *f, size_t n, void *obj)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].type == FIELD_NAME || f[i].type == FIELD_TEXT) {
			char *t;
			memcpy(&t, (char *)obj + f[i].offset, sizeof t);
			free(t);
		}
}

#define MS(key) (&rs->v[slot_of(PSEC_MILESTONE, key)])

static bool convert(const struct rawsec *rs, struct milestone *m, struct diags *d)
{
	bool ok = true;
	static const char *const required[] = {"start", "kind", "phase", "title"};
	for (size_t i = 0; i < ARRAY_LEN(required); i++) {
		const char *given = MS(required[i])->value;
		if (!given || !*given) {
			diags_add(d, rs->file, rs->line, _("[%s] has no %s: every milestone "
			            "needs start, kind, phase and title"), rs->id, required[i]);
			ok = false;
		}
	}
	memset(m, 0, sizeof *m);
	m->minute_of_day = -1;
	m->notify = true;
	m->urgency = URGENCY_NORMAL;
	m->applies = APPLIES_EVERY_SESSION;
	/* A required key given empty is reported above, once; window: the
	 * end was read. */
	for (size_t i = 0; i < protocol_milestone_nfields; i++) {
		const struct protocol_field *f = &protocol_milestone_fields[i];
		const struct rawval *v = &rs->v[i];
		bool needed = false;
		for (size_t r = 0; f->key && r < ARRAY_LEN(required); r++)
			needed |= strcmp(f->key, required[r]) == 0;
		if (!f->key || !v->value || (needed && !*v->value))
			continue;
		bool good = read_field(f, v, m, d);
		ok &= good;
		if (strcmp(f->key, "end") == 0)
			m->window = good;
	}
	const struct rawval *end = MS("end"), *only_if = MS("only-if");
	if (only_if->value && !screening_find(only_if->value)) {
		diags_add(d, only_if->file, only_if->line, _("only-if = \"%s\": "
		            "expected the name of a screening question, such as "
		            "cold-sores"), only_if->value);
		ok = false;
	}
	/* An end that could not be read is reported once, where it is written:
	 * not again as a missing end at the base's end-title. */
	const struct rawval *et = MS("end-title"), *eb = MS("end-body");
	if (!m->window && !end->value && (et->value || eb->value)) {
		const struct rawval *x = et->value ? et : eb;
		diags_add(d, x->file, x->line, _("[%s] has end-title or end-body but no "
		            "end: only a window has an end to announce"), rs->id);
		ok = false;
	}
	if (ok && m->window) {
		int tod = m->minute_of_day >= 0 ? m->minute_of_day : 0;
		long slo, shi, elo, ehi;
		offset_span(m->start, tod, &slo, &shi);
		offset_span(m->end, tod, &elo, &ehi);
		if (ehi < slo) {
			diags_add(d, end->file, end->line, _("end = %s comes before "
			            "start = %s: a window must not end before it starts"),
			          end->value, MS("start")->value);
			ok = false;
		}
	}
	if (!ok)
		return false;
	take_texts(rs, protocol_milestone_fields, protocol_milestone_nfields, m);
	m->id = xstrdup(rs->id);
	m->file = xstrdup(rs->file);
	m->line = rs->line;
	return true;
}

#define RF(key) (&rs->v[slot_of(PSEC_REDFLAG, key)])

static bool convert_flag(const struct rawsec *rs, struct redflag *f, struct diags *d)
{
	bool ok = true;
	memset(f, 0, sizeof *f);
	f->rating = f->at_least = f->sign = f->until_day = -1;
	f->from_day = INT_MIN;
	f->urgency = URGENCY_NORMAL;
	const char *title = RF("title")->value, *action = RF("action")->value;
	if (!title || !*title || !action || !*action) {
		diags_add(d, rs->file, rs->line, _("[%s] needs a title and an action: what "
		            "the patient sees, and what to do"), rs->id);
		ok = false;
	}
	if (!RF("rating")->value == !RF("sign")->value) {
		diags_add(d, rs->file, rs->line, _("[%s] needs either a rating (with "
		            "at-least, above-normal or rising) or a sign"), rs->id);
		ok = false;
	}
	if (RF("rating")->value && !RF("at-least")->value && !RF("rising")->value &&
	    !RF("above-normal")->value) {
		diags_add(d, rs->file, rs->line, _("[%s] gives a rating but none of "
		            "at-least, above-normal and rising"), rs->id);
		ok = false;
	}
	ok &= read_fields(rs, protocol_redflag_fields, protocol_redflag_nfields, f, d);
	if (!ok)
		return false;
	take_texts(rs, protocol_redflag_fields, protocol_redflag_nfields, f);
	f->id = xstrdup(rs->id + strlen("redflag."));
	f->file = xstrdup(rs->file);
	f->line = rs->line;
	return true;
}

/* "3 3 2 1 1 0": the highest normal rating on day 0, 1, 2 ... */
static bool convert_normal(const struct rawsec *rs, struct protocol *p, struct diags *d)
{
	bool ok = true;
	for (int r = 0; r < RATING_COUNT; r++) {
		const struct rawval *v = &rs->v[r];
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
			diags_add(d, v->file, v->line, _("%s = \"%s\": expected the highest "
			            "normal rating (0-3) for day 0, 1, 2 ... separated by "
			            "spaces, at most %d days"), protocol_key(PSEC_NORMAL, (size_t)r),
			          v->value, NORMAL_DAYS);
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
	free(r->tr);
}

/* The translation each text shows a reader of langs: per section (HEAD
 * last) and slot, the one of the most specific language, of the later
 * file on a tie. NULL when langs has none. */
struct shown {
	const struct rawval *v;
	size_t rank;
};

static struct shown *choose(const struct raw *r, const char *const *langs)
{
	if (!langs || !langs[0] || r->ntr == 0)
		return NULL;
	struct shown *c = xcalloc((r->n + 1) * MAX_SLOTS, sizeof *c);
	for (size_t i = 0; i < r->ntr; i++) {
		const struct rawtr *t = &r->tr[i];
		size_t rank = rank_of(t->tag, t->ntag, langs);
		struct shown *at = &c[(t->sec == HEAD ? r->n : t->sec) * MAX_SLOTS + t->slot];
		/* An empty translation is none: the text as written shows. */
		if (rank == SIZE_MAX || !*t->v.value || !translated(r, t)->value ||
		    !counts(r, t) || (at->v && rank > at->rank))
			continue;
		*at = (struct shown){&t->v, rank};
	}
	return c;
}

static void add_text(struct protocol *p, size_t *cap, const char *section,
                     const char *key, const char *tag, size_t ntag,
                     const struct rawval *v)
{
	xgrow(&p->texts, cap, p->ntexts + 1, sizeof *p->texts);
	p->texts[p->ntexts++] = (struct protocol_text){
		xstrdup(section), key, tag ? xstrndup(tag, ntag) : NULL,
		v && v->file ? xstrdup(v->file) : NULL, v ? v->line : 0};
}

/* The rows of p->texts for the texts of one section (HEAD for
 * [protocol]): each text given, or translated without being given (then
 * its row has no file), and after it each translation that counts, the
 * last file's for a language given twice. */
static void add_texts(struct protocol *p, size_t *cap, const struct raw *r, size_t sec)
{
	enum protocol_section kind = sec == HEAD ? PSEC_PROTOCOL : r->secs[sec].sec;
	const char *name = sec == HEAD ? "protocol" : r->secs[sec].id;
	for (size_t k = 0; k < protocol_key_slots(kind); k++) {
		const char *key = protocol_key(kind, k);
		if (!key || !protocol_translatable(kind, key))
			continue;
		const struct rawval *u = sec == HEAD ? &r->head[k] : &r->secs[sec].v[k];
		size_t first = p->ntexts;
		for (size_t i = 0; i < r->ntr; i++) {
			const struct rawtr *t = &r->tr[i];
			if (t->sec != sec || t->slot != k || !*t->v.value || !counts(r, t))
				continue;
			if (p->ntexts == first)
				add_text(p, cap, name, key, NULL, 0, u->value ? u : NULL);
			size_t j = first + 1;
			while (j < p->ntexts && !(strlen(p->texts[j].tag) == t->ntag &&
			                          strncmp(p->texts[j].tag, t->tag, t->ntag) == 0))
				j++;
			if (j == p->ntexts) {
				add_text(p, cap, name, key, t->tag, t->ntag, &t->v);
			} else {
				free(p->texts[j].file);
				p->texts[j].file = xstrdup(t->v.file);
				p->texts[j].line = t->v.line;
			}
		}
		if (p->ntexts == first && u->value)
			add_text(p, cap, name, key, NULL, 0, u);
	}
}

struct protocol *protocol_open(const char *ref, struct diags *d)
{
	return protocol_open_in(ref, i18n_languages(), false, d);
}

struct protocol *protocol_open_in(const char *ref, const char *const *langs,
                                  bool texts, struct diags *d)
{
	struct raw r = {0};
	load_shared(&r, d);
	size_t own = r.nfiles;
	if (!load_chain(ref, NULL, 0, &r, d)) {
		raw_free(&r);
		return NULL;
	}
	struct shown *shown = choose(&r, langs);
	const struct shown *head = shown ? &shown[r.n * MAX_SLOTS] : NULL;
	const struct rawval *name = head && head[H_NAME].v ? head[H_NAME].v : &r.head[H_NAME];
	struct protocol *p = xcalloc(1, sizeof *p);
	size_t cap = 0;
	p->ref = xstrdup(ref);
	p->name = name->value && *name->value ? util_clean_text(name->value) : xstrdup(ref);
	p->description = text_of(head && head[H_DESCRIPTION].v ? head[H_DESCRIPTION].v
	                         : &r.head[H_DESCRIPTION]);
	if (texts)
		add_texts(p, &cap, &r, HEAD);
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
		diags_add(d, mi->file, mi->line, _("min-interval = \"%s\": expected a "
		            "positive offset such as 28d or 72h"), mi->value);
		ok = false;
	}
	for (size_t i = 0; i < r.n; i++) {
		const struct rawsec *rs = &r.secs[i];
		struct rawsec view;
		if (shown) {
			view = r.secs[i];
			for (size_t k = 0; k < MAX_SLOTS; k++)
				if (shown[i * MAX_SLOTS + k].v)
					view.v[k] = *shown[i * MAX_SLOTS + k].v;
			rs = &view;
		}
		static const struct rawval none;
		const struct rawval *omit = rs->sec == PSEC_NORMAL ? &none
		                            : &rs->v[slot_of(rs->sec, "omit")];
		bool skip = false;
		if (omit->value && !yes_no(omit, &skip, "omit", d)) {
			ok = false;
			continue;
		}
		if (skip)
			continue;
		if (texts && rs->sec != PSEC_NORMAL)
			add_texts(p, &cap, &r, i);
		switch (rs->sec) {
		case PSEC_MILESTONE:
			if (convert(rs, &p->milestones[p->count], d))
				p->count++;
			else
				ok = false;
			break;
		case PSEC_REDFLAG:
			if (convert_flag(rs, &p->redflags[p->nredflags], d))
				p->nredflags++;
			else
				ok = false;
			break;
		case PSEC_NORMAL:
			ok &= convert_normal(rs, p, d);
			break;
		case PSEC_PROTOCOL:
		case PSEC_COUNT:
			break;
		}
	}
	if (ok && p->count == 0) {
		diags_add(d, p->origin, 0, _("has no milestones: expected at least one "
		            "section with start, kind, phase and title"));
		ok = false;
	}
	free(shown);
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
		free_texts(protocol_milestone_fields, protocol_milestone_nfields,
		           &p->milestones[i]);
	}
	free(p->milestones);
	for (size_t i = 0; i < p->nredflags; i++) {
		free_texts(protocol_redflag_fields, protocol_redflag_nfields,
		           &p->redflags[i]);
	}
	free(p->redflags);
	for (size_t i = 0; i < p->nsources; i++)
		free(p->sources[i].name);
	free(p->sources);
	for (size_t i = 0; i < p->ntexts; i++) {
		free(p->texts[i].section);
		free(p->texts[i].tag);
		free(p->texts[i].file);
	}
	free(p->texts);
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
		diags_add(w, m->file, m->line, _("[%s] time = %s sends its notification "
		            "in the night (22:00 to 07:00): give it a time of day when "
		            "people are awake"), m->id, a);
		return;
	}
	int first = 0, last = 0;
	if (!lands_at_night(o, &first, &last))
		return;
	clock_text(first, a, sizeof a);
	clock_text(last, b, sizeof b);
	/* TRANSLATORS: "[wash] start = +8h falls in the night ... between
	 * 14:00 and 20:00"; the unit after the number is h or min, as the file
	 * writes it. */
	diags_add(w, m->file, m->line, _("[%s] %s = %+ld%s falls in the night (22:00 "
	            "to 07:00) for a session between %s and %s: count it in days with "
	            "a time of day, or add night = next-morning or evening-before"),
	          m->id, key, o.n, o.unit == UNIT_HOUR ? "h" : "min", a, b);
}

/* The row of p->texts for the text key of section, or p->ntexts. */
static size_t text_row(const struct protocol *p, const char *section, const char *key)
{
	for (size_t i = 0; i < p->ntexts; i++)
		if (!p->texts[i].tag && strcmp(p->texts[i].key, key) == 0 &&
		    strcmp(p->texts[i].section, section) == 0)
			return i;
	return p->ntexts;
}

/* Whether text row i has a translation that reaches a reader of l. */
static bool translated_for(const struct protocol *p, size_t i, struct i18n_locale l, bool wider)
{
	for (size_t j = i + 1; j < p->ntexts && p->texts[j].tag; j++)
		if (reaches(i18n_locale_parts(p->texts[j].tag, strlen(p->texts[j].tag)), l, wider))
			return true;
	return false;
}

/* Texts read together: a reader who gets the first translated must get
 * the second too, or reads half a milestone in each language. (The other
 * way round is left to check --lang: a body translated under a title
 * rewritten since is the base's work, still good.) */
static const char *const text_pairs[][2] = {
	{"title", "body"}, {"end-title", "end-body"}, {"title", "action"},
};

static void lint_translations(const struct protocol *p, struct diags *errors)
{
	for (size_t i = 0; i < p->ntexts; i++) {
		const struct protocol_text *t = &p->texts[i];
		if (t->tag)
			continue;
		for (size_t j = i + 1; !t->file && j < p->ntexts && p->texts[j].tag; j++)
			diags_add(errors, p->texts[j].file, p->texts[j].line,
			          _("[%s] has %s[%s] but no %s: a translation needs the "
			            "text it translates"), t->section, t->key,
			          p->texts[j].tag, t->key);
		for (size_t k = 0; t->file && k < ARRAY_LEN(text_pairs); k++) {
			if (strcmp(text_pairs[k][0], t->key) != 0)
				continue;
			size_t other = text_row(p, t->section, text_pairs[k][1]);
			if (other == p->ntexts || !p->texts[other].file)
				continue;
			for (size_t j = i + 1; j < p->ntexts && p->texts[j].tag; j++) {
				const char *tag = p->texts[j].tag;
				if (!translated_for(p, other, i18n_locale_parts(tag, strlen(tag)), false))
					diags_add(errors, p->texts[j].file, p->texts[j].line,
					          _("[%s] has %s[%s] but no %s[%s]: a reader of %s "
					            "would get one translated and not the other"),
					          t->section, t->key, tag, text_pairs[k][1], tag, tag);
			}
		}
	}
}

void protocol_untranslated(const struct protocol *p, const char *lang,
                           struct diags *missing)
{
	struct i18n_locale l = i18n_locale_parts(lang, strlen(lang));
	for (size_t i = 0; i < p->ntexts; i++) {
		const struct protocol_text *t = &p->texts[i];
		if (!t->tag && t->file && !translated_for(p, i, l, true))
			diags_add(missing, t->file, t->line,
			          _("[%s] %s has no translation for %s (%s[%s])"),
			          t->section, t->key, lang, t->key, lang);
	}
}

void protocol_lint(const struct protocol *p, struct diags *errors,
                   struct diags *warnings)
{
	lint_translations(p, errors);
	bool checkins = false, normal = false, emergency = false;
	for (int r = 0; r < RATING_COUNT; r++)
		normal |= p->normal_days[r] > 0;
	for (size_t i = 0; i < p->count; i++) {
		const struct milestone *m = &p->milestones[i];
		checkins |= m->kind == KIND_CHECKIN;
		if (m->urgency == URGENCY_CRITICAL)
			diags_add(warnings, m->file, m->line, _("[%s] has urgency = critical: "
			            "a milestone goes to every patient, and a critical alert "
			            "for routine advice teaches people to ignore real ones; "
			            "keep critical for warning-sign rules"), m->id);
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
			diags_add(errors, f->file, f->line, _("[redflag.%s] compares %s with "
			            "its normal range, but [normal] gives none for %s"), f->id,
			          checkin_ratings[f->rating].name, checkin_ratings[f->rating].name);
	}
	if (!checkins)
		return;
	if (p->nredflags == 0)
		diags_add(errors, p->origin, 0, _("offers check-ins but has no warning-sign "
		            "rules: a check-in would never tell anyone to call for help; "
		            "keep the shared [redflag.NAME] rules or write your own"));
	if (!normal)
		diags_add(errors, p->origin, 0, _("offers check-ins but has no [normal] "
		            "ranges: a check-in cannot tell normal healing from a "
		            "problem"));
	if (p->nredflags && !emergency)
		diags_add(warnings, p->origin, 0, _("has no rule with urgency = emergency: "
		            "nothing tells a patient to call emergency services"));
}
