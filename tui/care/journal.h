/* journal: the healing journal. Check-ins rate redness, swelling,
 * dryness and pain on one scale (0 none, 1 mild, 2 moderate, 3 marked) and
 * answer the warning signs; each is appended to one file and synced before
 * it counts as saved, so a saved entry is never lost. */
#ifndef NEEDLECARE_JOURNAL_H
#define NEEDLECARE_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/util.h"

enum rating { RATING_REDNESS, RATING_SWELLING, RATING_DRYNESS, RATING_PAIN,
              RATING_COUNT };
/* New signs go at the end: a journal line keeps them in this order, and
 * lines written before a sign existed simply stop short of it. */
enum sign { SIGN_PUS, SIGN_FEVER, SIGN_BLISTERS, SIGN_HIVES, SIGN_BUMPS,
            SIGN_DARK_PATCHES, SIGN_SPREADING, SIGN_BREATHING, SIGN_LINES,
            SIGN_RAISED_SCARS, SIGN_BRUISES, SIGN_DENTS, SIGN_NUMBNESS,
            SIGN_COUNT };
/* The signs of the first journal format, and of the first TSV and CSV
 * columns: the later ones follow the note. */
#define SIGN_FIRST_COUNT 6

#define RATING_MAX 3

struct journal_word {
	const char *name;     /* as typed: "redness", "dark-patches" */
	const char *label;    /* as asked or shown */
};
extern const struct journal_word journal_ratings[RATING_COUNT];
extern const struct journal_word journal_signs[SIGN_COUNT];
/* "none", "mild", "moderate", "marked" */
extern const char *const journal_scale[RATING_MAX + 1];

/* One check-in. Ratings and signs not given are -1. */
struct checkin {
	time_t when;
	signed char rating[RATING_COUNT];
	signed char sign[SIGN_COUNT];
	char *note;  /* NULL when none */
	char *photo; /* a file path, NULL when none */
};

struct journal {
	struct checkin *v; /* in file order, which is time order */
	size_t n, cap;
};

void checkin_init(struct checkin *c, time_t when);
void checkin_free(struct checkin *c);
bool checkin_empty(const struct checkin *c);

/* "redness, swelling, dryness, pain (0-3), pus, ... (yes/no), note or
 * photo": every name log takes. Allocated. */
char *journal_names(void);

/* Reads "name=value" words (log's arguments) into c. On a problem returns
 * false with an allocated message in *err naming the word and what was
 * expected. */
bool checkin_set(struct checkin *c, const char *word, char **err);

/* Loads path (a missing file is an empty journal). A damaged line is
 * reported in d and skipped; the other entries still load. Returns false
 * only when the file cannot be read at all. */
bool journal_load(const char *path, struct journal *j, struct diags *d);
/* Appends c and syncs it, under the journal's lock (fileio_lock); returns
 * false with *err set, and then nothing was reported saved. Refuses a path
 * that is a symbolic link. */
bool journal_append(const char *path, const struct checkin *c, char **err);
void journal_free(struct journal *j);

struct plan;
struct redflag;
/* The warning-sign rules of p's protocol that check-in i of j trips, on
 * its day since the session and against the check-in before it that gave
 * the same rating, the most urgent first. Fills out (room for every rule)
 * and returns how many. */
size_t journal_redflags(const struct plan *p, const struct journal *j, size_t i,
                        const struct redflag **out);

/* The one notification of a check-in that tripped rules f[0..n), most
 * urgent first (as journal_redflags() orders them): its title leads the
 * summary, so an emergency says what to do in its first words; the body
 * gives its action, names the other rules and the clinic. In discreet
 * mode (c->discreet) no health detail. Strings allocated. */
struct config;
struct warning_notice {
	char *summary, *body;
	int urgency; /* enum urgency */
};
void journal_warning_notice(const struct redflag **f, size_t n,
                            const struct config *c, struct warning_notice *out);
void journal_warning_notice_free(struct warning_notice *w);

/* Warnings waiting to be read: the rules tripped by the newest check-in
 * that has any not acknowledged in s (MARK_ACK under
 * journal_alert_session, key journal_alert_key()). Fills out (room for
 * every rule), sets *entry to that check-in's index, returns how many
 * (0: none). */
struct state;
size_t journal_unread(const struct plan *p, const struct journal *j,
                      const struct state *s, size_t *entry,
                      const struct redflag **out);
extern const char journal_alert_session[];
/* "2026-12-06T08:00:00Z redness-late": one rule on one check-in.
 * Allocated. */
char *journal_alert_key(const struct checkin *c, const struct redflag *f);

/* $XDG_STATE_HOME/needlecare/journal. Allocated. */
char *journal_path(void);

#endif
