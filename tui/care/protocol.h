/* protocol: a care protocol file turned into milestone definitions. The
 * definitions hold offsets from a session, not dates: timeline.c dates them. */
#ifndef NEEDLECARE_PROTOCOL_H
#define NEEDLECARE_PROTOCOL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/dates.h"
#include "care/checkin.h"
#include "base/util.h"
#include "care/urgency.h"

enum kind { KIND_RESTRICTION, KIND_EXPECTATION, KIND_TASK, KIND_CHECKIN,
            KIND_INFO, KIND_COUNT };
enum phase { PHASE_PREPARATION, PHASE_DAY_OF, PHASE_FIRST_24H, PHASE_24_72H,
             PHASE_FIRST_WEEK, PHASE_REMODELING, PHASE_SERIES, PHASE_COUNT };
/* What happens to a moment of a milestone that falls in the night, from
 * NIGHT_START to NIGHT_END local time: nothing, or it moves to NIGHT_END
 * that morning, or to EVENING the evening before. The session's own moment
 * never moves. */
enum night { NIGHT_KEEP, NIGHT_NEXT_MORNING, NIGHT_EVENING_BEFORE, NIGHT_COUNT };
#define NIGHT_START (22 * 60)
#define NIGHT_END (7 * 60)
#define NIGHT_EVENING (21 * 60)
/* The session times for which check asks whether a moment can fall in the
 * night: a clinic's working day. */
#define LINT_FIRST_SESSION (7 * 60 + 30)
#define LINT_LAST_SESSION (20 * 60)
enum applies { APPLIES_EVERY_SESSION, APPLIES_BETWEEN_SESSIONS,
               APPLIES_LAST_SESSION, APPLIES_COUNT };

struct milestone {
	char *id;
	struct offset start, end;
	bool window;       /* it has an end */
	int minute_of_day; /* its own time key, or -1: the reminder time */
	enum kind kind;
	enum phase phase;
	enum urgency urgency;
	enum applies applies;
	enum night night;
	bool notify;
	bool contact;      /* the clinic's name and phone follow its body */
	/* Texts are cleaned of control characters. title is never NULL; the
	 * others are NULL when the file does not give them. */
	char *title, *body, *end_title, *end_body;
	char *fact, *only_if;
	char *file;  /* where its section is, for messages */
	unsigned line;
};

/* A warning-sign rule, from a [redflag.NAME] section: it trips on a
 * check-in whose rating reaches at_least, is above the normal range of its
 * day, or rose since the check-in before (and above the normal range, when
 * the protocol gives one), or whose warning sign is answered yes, on the
 * days it covers. */
struct redflag {
	char *id;         /* NAME */
	int rating;       /* enum rating, or -1 */
	int at_least;     /* with rating: the lowest value that trips it, or -1 */
	bool rising;      /* with rating: higher than at the check-in before */
	bool above_normal; /* with rating: higher than normal on its day */
	int sign;         /* enum sign, SIGN_COUNT for any of them, or -1 */
	int from_day;     /* days since the session, inclusive; INT_MIN: any */
	int until_day;    /* inclusive, or -1 for no end */
	char *title, *action, *fact;
	enum urgency urgency;
	char *file;
	unsigned line;
};

/* A file a protocol was read from, or looked for, for the plan cache. */
struct protocol_source {
	bool builtin; /* name is a shipped protocol's name; else a path */
	char *name;
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
};

/* Opens a protocol by shipped name ("microneedling"), by a name found in
 * $XDG_DATA_HOME/needlecare/protocols/NAME.ini (which overrides a shipped
 * one), or by a path (anything with a '/' or ending in ".ini"). Returns NULL
 * with every problem in d. The result is owned by the caller. */
struct protocol *protocol_open(const char *ref, struct diags *d);
void protocol_free(struct protocol *p);

/* What check says of a protocol beyond what opening it refuses: problems
 * that make it unfit to hand out (errors: check fails) and habits that
 * mislead patients (warnings), each at its section's file and line. */
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

/* The words used in protocol files ("first-24h") and for people ("First
 * 24 hours"). */
const char *protocol_kind_name(enum kind k);
const char *protocol_phase_name(enum phase p);
const char *protocol_phase_label(enum phase p);

#endif
