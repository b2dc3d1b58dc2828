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
	size_t nwarnings; /* problems timeline_build() reported (printed) */
	struct cache *cached; /* set when it came from the cache: everything
	                       * above points into it (cache.h) */
};

/* Loads everything. Returns STATUS_OK, or the exit status with every
 * problem printed to standard error and p freed. With no session at all,
 * returns STATUS_NO_SESSION only when need_session; otherwise the plan has
 * an empty timeline (the interface then opens its booking screen). */
int plan_open(struct plan *p, const struct plan_options *o, bool need_session);
/* The same as plan_open(), from the cache (cache.h) while it is current,
 * and writing the cache when it is not. For what only reads the plan (next,
 * today, timeline, the interface): a cached plan has no configuration text,
 * so a change is saved over a configuration loaded afresh (cache_load()). */
int plan_open_cached(struct plan *p, const struct plan_options *o, bool need_session);
void plan_free(struct plan *p);
/* The state key of session number n (1-based). */
const char *plan_session_key(const struct plan *p, unsigned n);

#endif
