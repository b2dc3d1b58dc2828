/* checkin: what a patient reports on one check-in, and the words for it.
 * Check-ins rate redness, swelling, dryness and pain on one scale (0 none,
 * 1 mild, 2 moderate, 3 marked) and answer the warning signs. Below both
 * the journal that keeps them and the protocol whose rules read them.
 * (The word tables keep their journal_ names.) */
#ifndef NEEDLECARE_CHECKIN_H
#define NEEDLECARE_CHECKIN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

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

struct checkin_word {
	const char *name;     /* as typed: "redness", "dark-patches" */
	const char *label;    /* as asked or shown: English, show _(label) */
};
extern const struct checkin_word checkin_ratings[RATING_COUNT];
extern const struct checkin_word checkin_signs[SIGN_COUNT];
/* "none", "mild", "moderate", "marked" */
extern const char *const checkin_scale[RATING_MAX + 1];

/* One check-in. Ratings and signs not given are -1. */
struct checkin {
	time_t when;
	signed char rating[RATING_COUNT];
	signed char sign[SIGN_COUNT];
	char *note;  /* NULL when none */
	char *photo; /* a file path, NULL when none */
};

void checkin_init(struct checkin *c, time_t when);
void checkin_free(struct checkin *c);
bool checkin_empty(const struct checkin *c);

/* "redness, swelling, dryness, pain (0-3), pus, ... (yes/no), note or
 * photo": every name log takes. Allocated. */
char *checkin_names(void);

/* Reads "name=value" words (log's arguments) into c. On a problem returns
 * false with an allocated message in *err naming the word and what was
 * expected. */
bool checkin_set(struct checkin *c, const char *word, char **err);

#endif
