/* state: what needlecare remembers between runs: which milestones were
 * announced (and when), and which tasks the patient ticked. One small text
 * file under $XDG_STATE_HOME/needlecare/, saved atomically, mode 0600.
 * Every update holds the file's lock (fileio_lock) while it reads, changes
 * and saves it, so that the interface, one-shot notifier passes and the
 * daemon never overwrite each other's marks. */
#ifndef NEEDLECARE_STATE_H
#define NEEDLECARE_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/dates.h"
#include "base/fileio.h"
#include "base/util.h"

enum mark_kind {
	MARK_SENT_START, MARK_SENT_END, /* a milestone's start or end was announced */
	MARK_TICK,                      /* a task was ticked */
	MARK_ACK,                       /* a warning banner was acknowledged */
	MARK_COUNT
};

/* A milestone of a session, marked at a moment. */
struct mark {
	enum mark_kind kind;
	char *session;   /* state_session_key() */
	char *milestone; /* the milestone id */
	time_t when;
};

struct state {
	struct mark *marks;
	size_t count, cap;
};

/* Reads path into s. A missing file is an empty state. A damaged line is
 * reported in d and skipped; the others still load. Returns false only when
 * the file cannot be read at all. */
bool state_load(const char *path, struct state *s, struct diags *d);
/* Replaces path with s (temporary file, fsync, rename, 0600). */
bool state_save(const char *path, const struct state *s, char **err);
void state_free(struct state *s);

/* The mark, or NULL. Pointers stay valid until s changes. */
const struct mark *state_find(const struct state *s, enum mark_kind k,
                              const char *session, const char *milestone);
/* Sets (or moves) a mark; returns false if it was already there. */
bool state_set(struct state *s, enum mark_kind k, const char *session,
               const char *milestone, time_t when);
/* Removes a mark; returns false if there was none. */
bool state_clear(struct state *s, enum mark_kind k, const char *session,
                 const char *milestone);

/* Sets (set) or clears marks k of session for each of milestones[0..n)
 * in the file at path, under its lock (fileio_lock(path, read_from)), on
 * the file as it is now. With out non-NULL, *out is the state saved (free
 * it). False with *err allocated: nothing was changed. */
bool state_mark(const char *path, const char *read_from, enum mark_kind k,
                const char *session, const char *const *milestones, size_t n,
                bool set, time_t when, struct state *out, char **err);

/* "2026-12-02 10:30 Europe/Berlin": a session as it was booked, so marks
 * follow it across time-zone changes and a moved session starts afresh. */
char *state_session_key(const struct civil *wall, const char *zone);

/* $XDG_STATE_HOME/needlecare/<leaf>. Allocated. */
char *state_path(const char *leaf);

#endif
