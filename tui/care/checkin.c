#include "care/checkin.h"
#include "base/i18n.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_NOTE 4000

const struct checkin_word checkin_ratings[RATING_COUNT] = {
	{"redness", N_("Redness")},
	{"swelling", N_("Swelling")},
	{"dryness", N_("Dryness or flaking")},
	{"pain", N_("Pain or tenderness")},
};

/* Puffy eyelids belong to the swelling rating and a mild itch to normal
 * healing: the labels keep them out of the signs that raise a warning. */
const struct checkin_word checkin_signs[SIGN_COUNT] = {
	{"pus", N_("Pus, cloudy fluid or yellow crusts")},
	{"fever", N_("Fever or chills")},
	{"blisters", N_("Blisters, or tingling or burning near the lips")},
	{"hives", N_("Hives or an itchy rash (a mild itch is normal)")},
	{"bumps", N_("New firm, itchy red bumps")},
	{"dark-patches", N_("New dark patches on the treated skin")},
	{"spreading", N_("Redness that spreads, streaks or feels hot")},
	{"breathing", N_("Swollen lips, tongue or throat, hard to breathe")},
	{"lines", N_("Lines or tracks left by the needles")},
	{"raised-scars", N_("Raised or thickening scars")},
	{"bruises", N_("A bruise that grows, or bleeding that goes on")},
	{"dents", N_("A dent or hollow in the treated skin")},
	{"numbness", N_("Numbness or tingling that does not fade")},
};

const char *const checkin_scale[RATING_MAX + 1] = {
	/* TRANSLATORS: how strong a rating is, after its number: "2 moderate". */
	N_("none"), N_("mild"), N_("moderate"), N_("marked"),
};

void checkin_init(struct checkin *c, time_t when)
{
	memset(c, 0, sizeof *c);
	c->when = when;
	memset(c->rating, -1, sizeof c->rating);
	memset(c->sign, -1, sizeof c->sign);
}

void checkin_free(struct checkin *c)
{
	free(c->note);
	free(c->photo);
	c->note = c->photo = NULL;
}

bool checkin_empty(const struct checkin *c)
{
	for (int i = 0; i < RATING_COUNT; i++)
		if (c->rating[i] >= 0)
			return false;
	for (int i = 0; i < SIGN_COUNT; i++)
		if (c->sign[i] >= 0)
			return false;
	return !c->note && !c->photo;
}

char *checkin_names(void)
{
	/* TRANSLATORS: after the names a person types (keep them, and yes/no,
	 * note and photo, in English: they are typed as they are). */
	const char *tail = _(" (yes/no), note or photo");
	size_t len = 64 + strlen(tail);
	for (int i = 0; i < RATING_COUNT; i++)
		len += strlen(checkin_ratings[i].name) + 2;
	for (int i = 0; i < SIGN_COUNT; i++)
		len += strlen(checkin_signs[i].name) + 2;
	char *s = xcalloc(1, len);
	for (int i = 0; i < RATING_COUNT; i++) {
		strcat(s, checkin_ratings[i].name);
		strcat(s, i + 1 < RATING_COUNT ? ", " : " (0-3), ");
	}
	for (int i = 0; i < SIGN_COUNT; i++) {
		strcat(s, checkin_signs[i].name);
		strcat(s, i + 1 < SIGN_COUNT ? ", " : tail);
	}
	return s;
}

bool checkin_set(struct checkin *c, const char *word, char **err)
{
	const char *eq = strchr(word, '=');
	if (!eq) {
		*err = xasprintf(_("\"%s\": expected NAME=VALUE, such as redness=2"), word);
		return false;
	}
	size_t n = (size_t)(eq - word);
	const char *v = eq + 1;
	for (int i = 0; i < RATING_COUNT; i++) {
		if (strlen(checkin_ratings[i].name) != n || strncmp(word, checkin_ratings[i].name, n))
			continue;
		if (strlen(v) != 1 || v[0] < '0' || v[0] > '0' + RATING_MAX) {
			*err = xasprintf(_("%s=%s: expected 0 (none), 1 (mild), 2 (moderate) "
			                   "or 3 (marked)"), checkin_ratings[i].name, v);
			return false;
		}
		c->rating[i] = (signed char)(v[0] - '0');
		return true;
	}
	for (int i = 0; i < SIGN_COUNT; i++) {
		if (strlen(checkin_signs[i].name) != n || strncmp(word, checkin_signs[i].name, n))
			continue;
		if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0) {
			*err = xasprintf(_("%s=%s: expected yes or no"), checkin_signs[i].name, v);
			return false;
		}
		c->sign[i] = v[0] == 'y';
		return true;
	}
	if (n == 4 && strncmp(word, "note", 4) == 0) {
		char *clean = util_clean_text(v);
		if (strlen(clean) > MAX_NOTE) {
			*err = xasprintf(_("note: at most %d characters, please"), MAX_NOTE);
			free(clean);
			return false;
		}
		free(c->note);
		c->note = clean;
		return true;
	}
	if (n == 5 && strncmp(word, "photo", 5) == 0) {
		struct stat st;
		if (!*v || stat(v, &st) != 0 || !S_ISREG(st.st_mode)) {
			*err = xasprintf(_("photo=%s: expected the path of a photo file that "
			                   "exists"), v);
			return false;
		}
		char *abs = realpath(v, NULL);
		free(c->photo);
		c->photo = abs ? abs : xstrdup(v);
		return true;
	}
	char *list = checkin_names();
	*err = xasprintf(_("unknown name \"%.*s\": expected %s"), (int)n, word, list);
	free(list);
	return false;
}
