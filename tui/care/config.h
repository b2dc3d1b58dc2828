/* config: the patient's configuration file. One table lists every setting
 * with its default; the shipped config/needlecare.ini must agree with it. */
#ifndef NEEDLECARE_CONFIG_H
#define NEEDLECARE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/dates.h"
#include "base/util.h"

/* A booked session: the wall time and zone it was booked in fix the moment
 * for good, whatever the zone is later. */
struct config_session {
	struct civil wall;
	char *zone;
	struct civil booked; /* in the same zone; all zero when unknown */
	bool has_booked;
	time_t start;        /* the moment, from wall and zone */
	time_t booked_at;
};

struct config {
	char *path;
	bool exists;
	char *protocol;         /* a shipped name or a path */
	int reminder_minute;    /* minutes after midnight */
	int quiet_start, quiet_end; /* minutes after midnight; equal: none */
	bool discreet;          /* notifications without health details */
	bool color;
	char *clinic_name;      /* the practitioner to call; empty when unset */
	char *clinic_phone;
	signed char *answers;   /* per screening question: -1 unanswered, 0, 1 */
	struct config_session *sessions; /* sorted by start */
	size_t nsessions;
	char *text;             /* the file as read, to rewrite it faithfully */
};

/* Loads path into c (defaults first). A missing file is no error: c->exists
 * says so. Problems go to d; returns false if there were any. */
bool config_load(const char *path, struct config *c, struct diags *d);
void config_defaults(struct config *c);
void config_free(struct config *c);

/* The default path: $XDG_CONFIG_HOME/needlecare/config.ini. Allocated. */
char *config_default_path(void);

/* Starts an update of the configuration at path: takes its lock
 * (fileio_lock), then loads the file as it is now into c, so that what
 * another needlecare saved meanwhile is kept. existed says whether the
 * file was there when the caller first read it: gone now, it was deleted
 * meanwhile (needlecare forget), and the update is refused rather than
 * starting a new file. Returns STATUS_OK with the lock in *lock, to be
 * released with fileio_unlock() once config_save() is done; otherwise
 * STATUS_FAIL (no lock, or deleted: messages that name the file, in d
 * without one) or STATUS_INVALID (the file has problems, in d), and no
 * lock held. config_free(c) in any case. */
int config_lock(const char *path, bool existed, struct config *c, int *lock,
                struct diags *d);

/* Writes c's sessions, protocol and screening answers back into its file,
 * keeping every other line the user wrote. A new file starts from the shipped one. Returns false
 * with an allocated message in *err; the old file is then untouched. */
bool config_save(const struct config *c, char **err);

/* Adds a session and keeps the list sorted; returns its index. */
size_t config_add_session(struct config *c, const struct civil *wall,
                          const char *zone, time_t start, time_t booked_at);
void config_remove_session(struct config *c, size_t i);
/* The index of the session booked at wall in zone, or SIZE_MAX. */
size_t config_find_session(const struct config *c, const struct civil *wall,
                           const char *zone);
/* Books a session at wall time in the current time zone, booked at now;
 * with move < nsessions, that session is moved there instead. Refuses a
 * moment that is already booked (false, *err allocated). Saves nothing. */
bool config_book(struct config *c, const struct civil *wall, size_t move,
                 time_t now, char **err);

/* The names answered "yes", for timeline_build(). Array owned by c's caller
 * (free it); the strings are static. */
const char **config_yes_answers(const struct config *c, size_t *n);

/* The shipped configuration text. */
const char *config_shipped_text(size_t *len);

/* The settings table, for tests: section, key and default of setting i. */
size_t config_setting_count(void);
void config_setting(size_t i, const char **section, const char **key,
                    const char **def);

#endif
