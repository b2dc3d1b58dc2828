/* ics: the course as an iCalendar file (RFC 5545), written directly: a
 * calendar library would cost every start of needlecare far more than this
 * file does. Pure: no clock, no files. */
#ifndef NEEDLECARE_ICS_H
#define NEEDLECARE_ICS_H

#include <stddef.h>
#include <time.h>

#include "care/timeline.h"

struct ics_text {
	char *data;     /* NUL-terminated, allocated: the caller frees it */
	size_t len;     /* octets, without the NUL */
	size_t nevents; /* VEVENTs: one per timeline entry */
	size_t nalarms; /* VALARMs over all of them */
};

/* One VCALENDAR with a VEVENT per entry of t, every line ending in CRLF and
 * folded at 75 octets. Times are in UTC. Each event's UID is
 * "session-N-ID@needlecare", so that importing the file again after a
 * session moved updates the events instead of adding them twice (a session
 * booked before the others, or cancelled, renumbers those after it, and
 * their UIDs with them). now is the DTSTAMP, and gives the SEQUENCE (see
 * ics.c). Every restriction, task and check-in gets an alarm where it
 * starts, and every restriction one where it ends, except alarms before
 * now. Never fails (out of memory exits, util.h). */
void ics_build(const struct timeline *t, time_t now, struct ics_text *out);

#endif
