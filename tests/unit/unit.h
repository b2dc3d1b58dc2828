/* What the unit tests of the loaders share: a problem looked for among the
 * diagnostics, and a protocol's milestone or rule looked up by its id (NULL
 * when there is none, for the tests that want it gone). Included after
 * cmocka.h; static inline, so that a test uses what it needs. */
#ifndef NEEDLECARE_TEST_UNIT_H
#define NEEDLECARE_TEST_UNIT_H

#include <stdbool.h>
#include <string.h>

#include "care/protocol.h"

/* A problem whose message contains NEEDLE, on LINE (0: any line), in a
 * file whose name contains FILE (NULL: any file). */
static inline bool has_diag(const struct diags *d, const char *file, unsigned line,
                            const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if ((line == 0 || d->v[i].line == line) && strstr(d->v[i].msg, needle) &&
		    (!file || (d->v[i].file && strstr(d->v[i].file, file))))
			return true;
	return false;
}

static inline const struct milestone *find_milestone(const struct protocol *p, const char *id)
{
	for (size_t i = 0; i < p->count; i++)
		if (strcmp(p->milestones[i].id, id) == 0)
			return &p->milestones[i];
	return NULL;
}

static inline const struct redflag *find_rule(const struct protocol *p, const char *id)
{
	for (size_t i = 0; i < p->nredflags; i++)
		if (strcmp(p->redflags[i].id, id) == 0)
			return &p->redflags[i];
	return NULL;
}

#endif
