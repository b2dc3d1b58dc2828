/* journal: the healing journal, the check-ins (checkin.h) of one patient.
 * Each is appended to one file and synced before it counts as saved, so a
 * saved entry is never lost. The warning-sign rules they trip are
 * rules.h's. */
#ifndef NEEDLECARE_JOURNAL_H
#define NEEDLECARE_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/util.h"
#include "care/checkin.h"

struct journal {
	struct checkin *v; /* in file order, which is time order */
	size_t n, cap;
};

/* Loads path (a missing file is an empty journal). A damaged line is
 * reported in d and skipped; the other entries still load. Returns false
 * only when the file cannot be read at all. */
bool journal_load(const char *path, struct journal *j, struct diags *d);
/* Appends c and syncs it, under the journal's lock (fileio_lock); returns
 * false with *err set, and then nothing was reported saved. Refuses a path
 * that is a symbolic link. */
bool journal_append(const char *path, const struct checkin *c, char **err);
void journal_free(struct journal *j);

/* $XDG_STATE_HOME/needlecare/journal. Allocated. */
char *journal_path(void);

#endif
