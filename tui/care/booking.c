#include "care/booking.h"
#include "base/fileio.h"
#include "care/course.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* w in the current zone; false when the zone is unknown (config_book()
 * then says so). */
static bool resolve(const struct civil *w, time_t *start)
{
	char *zone = dates_current_zone();
	*start = 0;
	bool known = dates_resolve_in_zone(w, zone, start);
	free(zone);
	return known;
}

/* Whether start is already a session of c other than skip. */
static bool booked_at(const struct config *c, time_t start, size_t skip)
{
	for (size_t i = 0; i < c->nsessions; i++)
		if (i != skip && c->sessions[i].start == start)
			return true;
	return false;
}

char *booking_too_close(const struct protocol *p, const struct config *c,
                        const struct civil *w, size_t skip)
{
	time_t start;
	if (!p || !resolve(w, &start) || booked_at(c, start, skip))
		return NULL;
	return course_too_close(p, c, start, skip);
}

/* Books or moves (old < nsessions) in out->cfg: the checks, then
 * config_book(). */
static enum booking_status book(const struct booking_request *r, size_t old,
                                struct booking_result *out)
{
	struct config *cfg = &out->cfg;
	const struct civil *w = &r->when;
	if (r->keep_same && old != SIZE_MAX &&
	    memcmp(&cfg->sessions[old].wall, w, sizeof *w) == 0) {
		out->same = true;
		out->start = cfg->sessions[old].start;
		return BOOKING_DONE;
	}
	time_t start;
	/* The same moment twice is a mistake, not a question of interval:
	 * config_book() says so. */
	bool known = resolve(w, &start) && !booked_at(cfg, start, old);
	out->start = start;
	out->close = known ? course_too_close(out->interval, cfg, start, old) : NULL;
	if (out->close && !r->force_close)
		return BOOKING_TOO_CLOSE;
	/* A date that has passed is a record of a session already done, never
	 * a plan: only on purpose. */
	out->past = known && start < r->now;
	if (out->past && !r->force_past)
		return BOOKING_PAST;
	if (!config_book(cfg, w, old, dates_now(), &out->why))
		return BOOKING_REFUSED;
	/* The booked session's moment, found again after sorting. */
	for (size_t i = 0; i < cfg->nsessions; i++)
		if (memcmp(&cfg->sessions[i].wall, w, sizeof *w) == 0)
			out->start = cfg->sessions[i].start;
	return BOOKING_DONE;
}

/* The change, in out->cfg read under the lock; BOOKING_DONE when it is to
 * be saved. */
static enum booking_status change(const struct booking_request *r,
                                  struct booking_result *out)
{
	struct config *cfg = &out->cfg;
	if (r->protocol) {
		free(cfg->protocol);
		cfg->protocol = xstrdup(r->protocol);
	}
	out->interval = r->interval;
	if (!out->interval) {
		out->opened = protocol_open(cfg->protocol, &out->diags);
		if (!out->opened)
			return BOOKING_NO_PROTOCOL;
		out->interval = out->opened;
	}
	size_t old = SIZE_MAX;
	if (r->op != BOOKING_ADD) {
		const struct config_session *s = &r->before->sessions[r->session];
		old = config_find_session(cfg, &s->wall, s->zone);
		if (old == SIZE_MAX) {
			out->why = course_gone(r->before, r->session, cfg);
			return BOOKING_GONE;
		}
	}
	out->first = cfg->nsessions == 0;
	if (r->answer >= 0)
		cfg->answers[r->answer] = r->answer_value;
	if (r->op == BOOKING_CANCEL) {
		out->start = cfg->sessions[old].start;
		config_remove_session(cfg, old);
		return BOOKING_DONE;
	}
	return book(r, old, out);
}

void booking_run(const struct booking_request *r, struct booking_result *out)
{
	memset(out, 0, sizeof *out);
	int lock;
	out->lock_status = config_lock(r->before->path, r->before->exists, &out->cfg,
	                               &lock, &out->diags);
	if (out->lock_status != STATUS_OK) {
		out->status = BOOKING_UNREADABLE;
		return;
	}
	out->status = change(r, out);
	if (out->status == BOOKING_DONE && !config_save(&out->cfg, &out->why))
		out->status = BOOKING_NOT_SAVED;
	fileio_unlock(lock);
}

void booking_result_free(struct booking_result *r)
{
	diags_free(&r->diags);
	free(r->why);
	free(r->close);
	config_free(&r->cfg);
	protocol_free(r->opened);
	memset(r, 0, sizeof *r);
}
