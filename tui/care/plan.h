/* plan: what every view needs, loaded once: the configuration, the
 * protocol, and the timeline of the course (or of the one --session). */
#ifndef NEEDLECARE_PLAN_H
#define NEEDLECARE_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "care/config.h"
#include "care/protocol.h"
#include "care/timeline.h"

struct cache;

struct plan_options {
	const char *config_path; /* NULL: the default path */
	const char *protocol;    /* NULL: the configured one */
	const char *session;     /* "YYYY-MM-DD HH:MM": this session only */
};

struct plan {
	struct config cfg;
	struct protocol *proto;
	struct timeline tl;
	char **keys;   /* state_session_key() of each timeline session */
	time_t *booked; /* when each was booked, 0 when unknown */
	time_t now;
	size_t nwarnings; /* warnings plan_open() returned */
	/* Set when it came from the cache (cache.h): everything above points
	 * into cached, which plan_free() hands to release. */
	struct cache *cached;
	void (*release)(struct cache *cached);
};

/* Loads everything, printing nothing. Returns STATUS_OK, or the exit
 * status with p freed. With no session at all, returns STATUS_NO_SESSION
 * only when need_session; otherwise the plan has an empty timeline (the
 * interface then opens its booking screen). Appends to problems, for the
 * caller to print (diags_print) or show: with STATUS_INVALID what is wrong
 * in the configuration or the protocol, at its file and line; with
 * STATUS_USAGE (a bad --session) or STATUS_NO_SESSION one sentence, led
 * by "needlecare: "; with STATUS_OK the warnings, led by "needlecare:
 * warning: " (milestones the timeline cannot date: the plan stands). */
int plan_open(struct plan *p, const struct plan_options *o, bool need_session,
              struct diags *problems);
void plan_free(struct plan *p);
/* The state key of session number n (1-based). */
const char *plan_session_key(const struct plan *p, unsigned n);

#endif
