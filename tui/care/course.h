/* course: the sessions of a course as a whole: the least interval between
 * them, and what the screening answers ask the patient to discuss. */
#ifndef NEEDLECARE_COURSE_H
#define NEEDLECARE_COURSE_H

#include <stddef.h>
#include <time.h>

#include "care/config.h"
#include "care/protocol.h"

/* Why a session at start would be too close to the session before or after
 * it (the protocol's min-interval), in plain words; NULL when it is not.
 * skip is the index of a session being moved (SIZE_MAX for none).
 * Allocated. */
char *course_too_close(const struct protocol *p, const struct config *c,
                       time_t start, size_t skip);

/* What became of session i of before, which now (the configuration as
 * it is now) no longer has, in words that name it: "the session on Wed 2
 * Dec 2026 10:30 was cancelled", "... was moved to Thu 3 Dec 2026 11:00",
 * or "... was moved or cancelled" when the changes do not tell. Allocated. */
char *course_gone(const struct config *before, size_t i, const struct config *now);

/* Whether later is at least the protocol's interval after earlier. */
bool course_gap_ok(const struct protocol *p, time_t earlier, time_t later);

#endif
