/* cache: the computed plan on disk, so that the commands a status bar runs
 * every few seconds (next, today, timeline) neither parse the configuration
 * and the protocol nor date the milestones again while nothing they were
 * built from has changed.
 *
 * One file per combination of --config, --protocol and --session, under
 * $XDG_CACHE_HOME/needlecare/ ("plan" for none of them), written with
 * fileio_save(). It is keyed by what the plan was built from, compared on
 * every load: the program (version, and the identity of its executable),
 * the options, the environment that names files and the time zone (HOME,
 * XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_STATE_HOME, TZ, TZDIR, the target of
 * /etc/localtime), the language of the protocol's texts
 * (i18n_language_key()), the text of each shipped protocol used, and the identity
 * (device, inode, size, modification and change times, or absence) of every
 * file read or looked for: the configuration, each protocol file of the
 * chain, the user protocol that would override a shipped one, the state
 * file, and the time zone files. The moment "now" is not part of it: the
 * plan does not depend on it.
 *
 * The file is binary, in the machine's own byte order, with a checksum; a
 * damaged, truncated, foreign or stale file is never trusted, only ignored
 * and replaced. */
#ifndef NEEDLECARE_CACHE_H
#define NEEDLECARE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct plan;
struct plan_options;
/* The memory a plan loaded from the cache points into. */
struct cache;

/* Fills p from the cache file for o when that file is intact and current,
 * and sets p->now; p then holds p->cached (with p->release), and
 * plan_free() releases it.
 * A cached plan has at least one session, no protocol sources, and no
 * configuration text (p->cfg.text is NULL): it is for reading, never for
 * config_save(). Returns false, with p zeroed, when there is no usable
 * cache; nothing is printed. */
bool cache_load(struct plan *p, const struct plan_options *o);

/* Writes p, just built by plan_open() with o, to the cache file for o.
 * started is the real time (CLOCK_REALTIME) read before plan_open() began:
 * a plan whose files changed since then, or a second before, is not
 * written, as what was read may already be older than those files. A
 * plan with no session is not written either. Failures are silent: the
 * cache only saves time. */
void cache_store(const struct plan *p, const struct plan_options *o,
                 const struct timespec *started);

/* plan_open(), from the cache while it is current (no problems then: a
 * plan with warnings is never cached), and writing the cache when it is
 * not. For what only reads the plan (next, today, timeline, the
 * interface): a cached plan has no configuration text, so a change is
 * saved over a configuration loaded afresh (cache_load()). */
struct diags;
int cache_open(struct plan *p, const struct plan_options *o, bool need_session,
               struct diags *problems);

/* Frees what cache_load() allocated; NULL is allowed. */
void cache_release(struct cache *c);

/* The cache file for o (allocated). */
char *cache_path(const struct plan_options *o);

/* For tests: rewrites the size and checksum in the header of the n bytes
 * of a cache file at data, so that damage done to it reaches the decoder.
 * n must be at least 32. */
void cache_seal(char *data, size_t n);

#endif
