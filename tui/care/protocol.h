/* protocol: a care protocol file turned into milestone definitions. The
 * definitions hold offsets from a session, not dates: timeline.c dates them. */
#ifndef NEEDLECARE_PROTOCOL_H
#define NEEDLECARE_PROTOCOL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/dates.h"
#include "care/checkin.h"
#include "base/util.h"
#include "care/urgency.h"

enum milestone_kind { KIND_RESTRICTION, KIND_EXPECTATION, KIND_TASK, KIND_CHECKIN,
            KIND_INFO, KIND_COUNT };
enum milestone_phase { PHASE_PREPARATION, PHASE_DAY_OF, PHASE_FIRST_24H, PHASE_24_72H,
             PHASE_FIRST_WEEK, PHASE_REMODELING, PHASE_SERIES, PHASE_COUNT };
/* What happens to a moment of a milestone that falls in the night, from
 * NIGHT_START to NIGHT_END local time: nothing, or it moves to NIGHT_END
 * that morning, or to EVENING the evening before. The session's own moment
 * never moves. */
enum milestone_night { NIGHT_KEEP, NIGHT_NEXT_MORNING, NIGHT_EVENING_BEFORE, NIGHT_COUNT };
#define NIGHT_START (22 * 60)
#define NIGHT_END (7 * 60)
#define NIGHT_EVENING (21 * 60)
/* The session times for which check asks whether a moment can fall in the
 * night: a clinic's working day. */
#define LINT_FIRST_SESSION (7 * 60 + 30)
#define LINT_LAST_SESSION (20 * 60)
enum milestone_applies { APPLIES_EVERY_SESSION, APPLIES_BETWEEN_SESSIONS,
               APPLIES_LAST_SESSION, APPLIES_COUNT };

/* The fields of a milestone and of a warning-sign rule, each once: the
 * structures below are made from these lists, and so are the parser's keys
 * (protocol.c), the plan cache's encoder and decoder (cache.c), the cache
 * test's comparison and the man page check (tests/unit/test_cache.c,
 * test_protocol_keys.c). A field is
 *   X(TYPE, C type, field, "key" or NULL (not read from a key), least, most, names)
 * least and most bound the numbers a cached plan may hold; names is the
 * vocabulary of an ENUM (protocol.c). A new field is one row here, and the
 * cache carries it; a TYPE the cache does not know fails to compile. */
enum field_type {
	FIELD_NAME,   /* char *, never NULL */
	FIELD_TEXT,   /* char *, NULL when the file does not give it */
	FIELD_OFFSET, /* struct offset */
	FIELD_BOOL,   /* bool: yes or no */
	FIELD_ENUM,   /* an enum, one of names[least..most] */
	FIELD_CLOCK,  /* int: a minute of the day, HH:MM, or -1 */
	FIELD_RATING, /* int: enum rating by name, or -1 */
	FIELD_LEVEL,  /* int: a rating value 0..RATING_MAX, or -1 */
	FIELD_SIGN,   /* int: enum sign by name, SIGN_COUNT for "any", or -1 */
	FIELD_DAY,    /* int: days since the session */
	FIELD_LINE,   /* unsigned: a line number */
};

/* Texts are cleaned of control characters. id, title and file are never
 * NULL. window: it has an end. minute_of_day: its own time key, or -1: the
 * reminder time. contact: the clinic's name and phone follow its body.
 * file and line: where its section is, for messages. */
#define MILESTONE_FIELDS(X)                                                        \
	X(FIELD_NAME, char *, id, NULL, 0, 0, NULL)                                    \
	X(FIELD_OFFSET, struct offset, start, "start", 0, 0, NULL)                     \
	X(FIELD_OFFSET, struct offset, end, "end", 0, 0, NULL)                         \
	X(FIELD_BOOL, bool, window, NULL, 0, 1, NULL)                                  \
	X(FIELD_CLOCK, int, minute_of_day, "time", -1, 24 * 60 - 1, NULL)             \
	X(FIELD_ENUM, enum milestone_kind, kind, "kind", 0, KIND_COUNT - 1, kind_names)          \
	X(FIELD_ENUM, enum milestone_phase, phase, "phase", 0, PHASE_COUNT - 1, phase_names)     \
	/* A milestone goes to everyone: only a rule that tripped on a patient's  \
	 * own check-in can call for emergency services. */                       \
	X(FIELD_ENUM, enum urgency, urgency, "urgency", 0, URGENCY_CRITICAL, urgency_names) \
	X(FIELD_ENUM, enum milestone_applies, applies, "applies", 0, APPLIES_COUNT - 1, applies_names) \
	X(FIELD_ENUM, enum milestone_night, night, "night", 0, NIGHT_COUNT - 1, night_names)     \
	X(FIELD_BOOL, bool, notify, "notify", 0, 1, NULL)                              \
	X(FIELD_BOOL, bool, contact, "contact", 0, 1, NULL)                            \
	X(FIELD_NAME, char *, title, "title", 0, 0, NULL)                              \
	X(FIELD_TEXT, char *, body, "body", 0, 0, NULL)                                \
	X(FIELD_TEXT, char *, end_title, "end-title", 0, 0, NULL)                      \
	X(FIELD_TEXT, char *, end_body, "end-body", 0, 0, NULL)                        \
	X(FIELD_TEXT, char *, fact, "fact", 0, 0, NULL)                                \
	X(FIELD_TEXT, char *, only_if, "only-if", 0, 0, NULL)                          \
	X(FIELD_NAME, char *, file, NULL, 0, 0, NULL)                                  \
	X(FIELD_LINE, unsigned, line, NULL, 0, 0, NULL)

#define PROTOCOL_FIELD_MEMBER(type, ctype, field, key, least, most, names) ctype field;

struct milestone {
	MILESTONE_FIELDS(PROTOCOL_FIELD_MEMBER)
};

/* A warning-sign rule, from a [redflag.NAME] section: it trips on a
 * check-in whose rating reaches at_least, is above the normal range of its
 * day, or rose since the check-in before (and above the normal range, when
 * the protocol gives one), or whose warning sign is answered yes, on the
 * days it covers. */
/* A warning-sign rule, from a [redflag.NAME] section: it trips on a
 * check-in whose rating reaches at_least, is above the normal range of its
 * day, or rose since the check-in before (and above the normal range, when
 * the protocol gives one), or whose warning sign is answered yes, on the
 * days it covers. id is NAME. at_least, rising and above_normal go with a
 * rating: the lowest value that trips it (or -1), higher than at the
 * check-in before, higher than normal on its day. from_day and until_day:
 * days since the session, inclusive; from_day INT_MIN: any, until_day -1:
 * no end. */
#define REDFLAG_FIELDS(X)                                                          \
	X(FIELD_NAME, char *, id, NULL, 0, 0, NULL)                                    \
	X(FIELD_RATING, int, rating, "rating", -1, RATING_COUNT - 1, NULL)             \
	X(FIELD_LEVEL, int, at_least, "at-least", -1, RATING_MAX, NULL)                \
	X(FIELD_BOOL, bool, rising, "rising", 0, 1, NULL)                              \
	X(FIELD_BOOL, bool, above_normal, "above-normal", 0, 1, NULL)                  \
	X(FIELD_SIGN, int, sign, "sign", -1, SIGN_COUNT, NULL)                         \
	X(FIELD_DAY, int, from_day, "from-day", INT_MIN, INT_MAX, NULL)                \
	X(FIELD_DAY, int, until_day, "until-day", INT_MIN, INT_MAX, NULL)              \
	X(FIELD_NAME, char *, title, "title", 0, 0, NULL)                              \
	X(FIELD_NAME, char *, action, "action", 0, 0, NULL)                            \
	X(FIELD_TEXT, char *, fact, "fact", 0, 0, NULL)                                \
	X(FIELD_ENUM, enum urgency, urgency, "urgency", 0, URGENCY_COUNT - 1, urgency_names) \
	X(FIELD_NAME, char *, file, NULL, 0, 0, NULL)                                  \
	X(FIELD_LINE, unsigned, line, NULL, 0, 0, NULL)

struct redflag {
	REDFLAG_FIELDS(PROTOCOL_FIELD_MEMBER)
};

/* One row of those lists, for code that walks them. */
struct protocol_field {
	enum field_type type;
	const char *key;    /* NULL: not read from a key */
	size_t offset;      /* offsetof() into the structure */
	long long least, most;
	const char *const *names; /* FIELD_ENUM: the words, least..most */
};
extern const struct protocol_field protocol_milestone_fields[];
extern const size_t protocol_milestone_nfields;
extern const struct protocol_field protocol_redflag_fields[];
extern const size_t protocol_redflag_nfields;

/* The kinds of section, and the keys each takes: slot i of a milestone
 * or a rule is row i of its list above (NULL for a field read from no key),
 * then omit; [normal] takes the rating names; [protocol] name, description,
 * base and min-interval. The parser and the man page check read them here.
 * protocol_key() returns a static string, or NULL for a slot that is no key
 * and for slot >= protocol_key_slots(s). */
enum protocol_section { PSEC_MILESTONE, PSEC_REDFLAG, PSEC_NORMAL, PSEC_PROTOCOL,
                        PSEC_COUNT };
size_t protocol_key_slots(enum protocol_section s);
const char *protocol_key(enum protocol_section s, size_t slot);

/* A file a protocol was read from, or looked for, for the plan cache. */
struct protocol_source {
	bool builtin; /* name is a shipped protocol's name; else a path */
	char *name;
};

/* A text a translation may replace: [protocol] name and description, a
 * milestone's title, body, end-title and end-body, a rule's title and
 * action. Each is written once untranslated ("title") and may follow with
 * one line a language ("title[es]", "title[es_MX]", "action[es@formal]"),
 * as desktop entries do. One row for the text as written (tag NULL), then
 * one for each translation of it that counts (inherited ones only from the
 * level of the text or later: needlecare(5)), tag lower-case as the file
 * reader stores keys; each at its file and line. For check. */
struct protocol_text {
	char *section; /* "protocol", a milestone id, "redflag.NAME" */
	const char *key;
	char *tag;
	char *file;
	unsigned line;
};

/* How many days of normal ranges a [normal] section may give. */
#define NORMAL_DAYS 60

struct protocol {
	char *ref;         /* what it was opened as: a name or a path */
	char *name;        /* its [protocol] name, or ref */
	char *description; /* may be NULL */
	char *origin;      /* the file it came from, or "built in" */
	struct offset min_interval; /* the least time between two sessions */
	struct milestone *milestones; /* in file order, base file first */
	size_t count;
	struct redflag *redflags;     /* in file order */
	size_t nredflags;
	/* The highest rating that is normal on day d after the session, for
	 * d < normal_days[r]; later days repeat the last one. */
	signed char normal[RATING_COUNT][NORMAL_DAYS];
	int normal_days[RATING_COUNT];
	/* What it was built from (cache.h): each file of the chain as opened,
	 * each user protocol looked for (found or not), each shipped text. */
	struct protocol_source *sources;
	size_t nsources;
	/* Only from protocol_open_in(..., true), never in a cached plan. */
	struct protocol_text *texts;
	size_t ntexts;
};

/* Opens a protocol by shipped name ("microneedling"), by a name found in
 * $XDG_DATA_HOME/needlecare/protocols/NAME.ini (which overrides a shipped
 * one), or by a path (anything with a '/' or ending in ".ini"). Returns NULL
 * with every problem in d. The result is owned by the caller. */
struct protocol *protocol_open(const char *ref, struct diags *d);
/* The same, with the texts of the first language of langs (NULL-ended,
 * most specific first, as i18n_languages() gives them) that the file
 * translates, each text on its own: "title[es]" where given, else
 * "title". protocol_open() takes i18n_languages(). texts: also fill
 * p->texts, for check. */
struct protocol *protocol_open_in(const char *ref, const char *const *langs,
                                  bool texts, struct diags *d);
void protocol_free(struct protocol *p);

/* Whether key (without brackets) of a kind of section may be translated. */
bool protocol_translatable(enum protocol_section s, const char *key);
/* Whether lang is a language as a key's brackets hold it: ll, ll_CC,
 * ll@modifier, ll_CC@modifier (letters, digits, '-' and '.'). */
bool protocol_language_valid(const char *lang);
/* For check --lang: adds to missing each text of p->texts with no
 * translation that a reader of lang gets ("es" for lang es_MX counts, and
 * so does "es_MX" for lang es), at the file and line of the text. */
void protocol_untranslated(const struct protocol *p, const char *lang,
                           struct diags *missing);

/* What check says of a protocol beyond what opening it refuses: problems
 * that make it unfit to hand out (errors: check fails) and habits that
 * mislead patients (warnings), each at its section's file and line. With
 * p->texts, also translations half done: a title translated without its
 * body (or end-title without end-body, a rule's title without its action,
 * and the other way round), or a translation of a text not written. */
void protocol_lint(const struct protocol *p, struct diags *errors,
                   struct diags *warnings);
/* Whether the protocol has a rule that asks about sign s. */
bool protocol_asks_sign(const struct protocol *p, int s);

/* The highest normal rating on a day since the session, or -1 when the
 * protocol does not say. */
int protocol_normal_max(const struct protocol *p, enum rating r, long day);

/* Shipped protocol names, in the order they are offered. */
size_t protocol_builtin_count(void);
const char *protocol_builtin_name(size_t i);
/* The text of a shipped protocol, or NULL. */
const char *protocol_builtin_text(const char *name, size_t *len);

/* The words used in protocol files and scripts ("first-24h", "task") and
 * for people, in their language ("First 24 hours", "tarea"). */
const char *protocol_kind_name(enum milestone_kind k);
const char *protocol_kind_label(enum milestone_kind k);
const char *protocol_phase_name(enum milestone_phase p);
const char *protocol_phase_label(enum milestone_phase p);

#endif
