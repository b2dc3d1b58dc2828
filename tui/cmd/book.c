/* book: needlecare book (add, --move, --cancel) and needlecare sessions. */
#include "cmd/cli.h"
#include "cmd/cmd.h"
#include "care/config.h"
#include "care/course.h"
#include "base/dates.h"
#include "send/due.h"
#include "base/fileio.h"
#include "care/format.h"
#include "send/notifier.h"
#include "care/protocol.h"
#include "care/screening.h"
#include "base/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A session named on the command line: "YYYY-MM-DD" or "YYYY-MM-DD HH:MM",
 * matched against the wall time it was booked at. */
static int find_session(const struct config *cfg, const char *what, size_t *out)
{
	struct civil w;
	char why[DATES_WHY];
	bool with_time = strlen(what) > 10;
	if (with_time ? !dates_parse_moment(what, false, &w, why, sizeof why)
	              : !dates_parse_date(what, &w, why, sizeof why)) {
		warn("%s", why);
		return STATUS_USAGE;
	}
	/* The patient may name it as booked (in its own zone) or as shown
	 * (in the zone of now). */
	size_t found = 0;
	for (size_t i = 0; i < cfg->nsessions; i++) {
		struct civil here = dates_civil(cfg->sessions[i].start);
		const struct civil *forms[] = {&cfg->sessions[i].wall, &here};
		for (size_t k = 0; k < 2; k++) {
			const struct civil *s = forms[k];
			if (s->year == w.year && s->month == w.month && s->day == w.day &&
			    (!with_time || (s->hour == w.hour && s->min == w.min))) {
				*out = i;
				found++;
				break;
			}
		}
	}
	if (found == 1)
		return STATUS_OK;
	if (found == 0)
		warn("no session is booked on %s: 'needlecare sessions' lists them", what);
	else
		warn("%zu sessions are booked on %s: give the time too, as "
		     "'YYYY-MM-DD HH:MM'", found, what);
	return STATUS_FAIL;
}

static char *join(char **v, size_t n)
{
	size_t len = 1;
	for (size_t i = 0; i < n; i++)
		len += strlen(v[i]) + 1;
	char *s = xcalloc(1, len);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, v[i]);
	}
	return s;
}

static bool is_clock(const char *s)
{
	int m;
	char why[DATES_WHY];
	return dates_parse_clock(s, &m, why, sizeof why);
}

static int parse_new_moment(char **args, size_t n, struct civil *w)
{
	char why[DATES_WHY];
	char *when = join(args, n);
	bool ok = n > 0 && dates_parse_moment(when, false, w, why, sizeof why);
	if (!ok)
		warn("%s", n ? why : "expected the date and time of the session, "
		     "as YYYY-MM-DD HH:MM");
	free(when);
	return ok ? STATUS_OK : STATUS_USAGE;
}

/* What book was asked to do, read from the command line against the
 * configuration as first read, before any lock is taken: a mistake there
 * changes nothing and makes no file. */
struct booking {
	size_t was;     /* --move, --cancel: the session in before */
	struct civil w; /* book, --move: the new moment */
};

static int book_request(const struct cli *c, const struct config *before,
                        struct booking *b)
{
	char **args = c->args;
	size_t n = c->nargs;
	if (c->move || c->cancel) {
		if (n == 0) {
			warn("book --%s: expected the date of the session, as YYYY-MM-DD",
			     c->move ? "move" : "cancel");
			return STATUS_USAGE;
		}
		/* The old session is its date, and its time when the next word is
		 * a time of day. */
		size_t used = n > 1 && is_clock(args[1]) ? 2 : 1;
		char *what = join(args, used);
		int rc = find_session(before, what, &b->was);
		free(what);
		if (rc != STATUS_OK)
			return rc;
		args += used;
		n -= used;
	}
	if (!c->cancel)
		return parse_new_moment(args, n, &b->w);
	if (n) {
		warn("book --cancel: unexpected \"%s\" after the session", args[0]);
		return STATUS_USAGE;
	}
	return STATUS_OK;
}

/* After a booking: what is already in force, printed and sent as one
 * notification (a late booking announces nothing otherwise), and the
 * screening questions not yet answered. */
static void booking_news(const struct config *cfg, const struct protocol *proto,
                         const struct civil *w)
{
	time_t start = 0;
	for (size_t i = 0; i < cfg->nsessions; i++)
		if (memcmp(&cfg->sessions[i].wall, w, sizeof *w) == 0)
			start = cfg->sessions[i].start;
	time_t now = dates_now();
	struct message m = due_booking_news(proto, cfg, start, now, false);
	if (m.count) {
		printf("\nAlready in force for this session:\n%s\n", m.body);
		struct message n = due_booking_news(proto, cfg, start, now, cfg->discreet);
		struct notice notice = {n.summary, n.body, n.urgency};
		char *why;
		if (notifier_send(&notice, &why) != NOTIFY_SENT) {
			warn("notification not shown: %s", why);
			free(why);
		}
		free(n.summary);
		free(n.body);
	}
	free(m.summary);
	free(m.body);
	size_t open = 0;
	for (size_t i = 0; i < screening_count; i++)
		open += cfg->answers[i] < 0;
	if (start > now && open)
		printf("\nBefore the session, go through the screening questions with "
		       "'needlecare screen' (%zu not answered yet).\n", open);
}

/* Books, moves or cancels in cfg, the configuration read again under its
 * lock, and saves it. A session to move or cancel that is no longer there
 * was changed meanwhile: nothing is done. */
static int book(const struct cli *c, const struct config *before,
                const struct booking *b, struct config *cfg,
                const struct protocol *proto)
{
	size_t old = SIZE_MAX;
	if (c->move || c->cancel) {
		const struct session *s = &before->sessions[b->was];
		old = config_find_session(cfg, &s->wall, s->zone);
		if (old == SIZE_MAX) {
			char *gone = course_gone(before, b->was, cfg);
			warn("%s by another needlecare while this waited; nothing was changed: "
			     "'needlecare sessions' lists the course as it is now", gone);
			free(gone);
			return STATUS_FAIL;
		}
	}
	const char *verb = "Booked";
	char when[40];
	if (c->cancel) {
		format_long(cfg->sessions[old].start, when, sizeof when);
		config_remove_session(cfg, old);
		verb = "Cancelled";
	} else {
		const struct civil *w = &b->w;
		char *err, *zone = dates_current_zone();
		time_t start = 0; /* unset when the zone is unknown */
		bool known = dates_resolve_in_zone(w, zone, &start);
		free(zone);
		/* The same moment twice is a mistake, not a question of interval:
		 * config_book says so below. */
		bool twice = false;
		for (size_t i = 0; i < cfg->nsessions; i++)
			twice |= cfg->sessions[i].start == start && i != old;
		char *too_close = known && !twice ? course_too_close(proto, cfg, start, old)
		                                  : NULL;
		if (too_close && !c->force) {
			warn("%s. To book it anyway, add --force.", too_close);
			free(too_close);
			return STATUS_FAIL;
		}
		if (too_close)
			warn("booked with --force: %s.", too_close);
		free(too_close);
		/* A date that has passed is a record of a session already done,
		 * never a plan: only on purpose. */
		if (known && !twice && start < dates_now()) {
			char ago[40];
			format_countdown(start, dates_now(), ago, sizeof ago);
			if (!c->force) {
				warn("that session would be in the past (%s): needlecare plans the "
				     "care around a session ahead. To record one already done, "
				     "add --force.", ago);
				return STATUS_FAIL;
			}
			verb = c->move ? "Moved, as done, to" : "Recorded as done";
		}
		if (!config_book(cfg, w, old, dates_now(), &err)) {
			warn("%s", err);
			free(err);
			return STATUS_FAIL;
		}
		if (c->move)
			verb = "Moved to";
		/* The booked session's moment, found again after sorting. */
		for (size_t i = 0; i < cfg->nsessions; i++)
			if (memcmp(&cfg->sessions[i].wall, w, sizeof *w) == 0)
				format_long(cfg->sessions[i].start, when, sizeof when);
	}
	char *err;
	if (!config_save(cfg, &err)) {
		warn("%s", err);
		free(err);
		return STATUS_FAIL;
	}
	printf("%s: session on %s. The course now has %zu %s (%s).\n", verb, when,
	       cfg->nsessions, cmd_session_word(cfg->nsessions), cfg->path);
	if (!c->cancel)
		booking_news(cfg, proto, &b->w);
	return STATUS_OK;
}

/* Opens the protocol that says how far apart sessions must be, and books
 * in the configuration under its lock. */
static int book_locked(const struct cli *c, const struct config *before,
                       const struct booking *b, struct config *cfg)
{
	struct diags d = {0};
	struct protocol *proto = protocol_open(c->protocol ? c->protocol : cfg->protocol, &d);
	if (!proto) {
		diags_print(&d, stderr);
		diags_free(&d);
		return STATUS_INVALID;
	}
	if (c->protocol) {
		free(cfg->protocol);
		/* A path is kept absolute: needlecare may run from anywhere. */
		char *abs = strchr(c->protocol, '/') || strstr(c->protocol, ".ini")
		            ? realpath(c->protocol, NULL) : NULL;
		cfg->protocol = abs ? abs : xstrdup(c->protocol);
	}
	int rc = book(c, before, b, cfg, proto);
	protocol_free(proto);
	return rc;
}

int cli_book(const struct cli *c)
{
	struct config before, cfg = {0};
	int rc = cmd_load_config(c, &before);
	if (rc != STATUS_OK) {
		warn("the configuration has problems: fix them before booking");
		config_free(&before);
		return rc;
	}
	struct booking b = {0};
	int lock;
	rc = book_request(c, &before, &b);
	if (rc == STATUS_OK) {
		rc = cmd_lock_config(&before, &cfg, &lock);
		if (rc == STATUS_INVALID)
			warn("the configuration has problems: fix them before booking");
	}
	if (rc == STATUS_OK) {
		rc = book_locked(c, &before, &b, &cfg);
		fileio_unlock(lock);
	}
	config_free(&cfg);
	config_free(&before);
	return rc;
}

int cli_sessions(const struct cli *c)
{
	struct config cfg;
	int rc = cmd_load_config(c, &cfg);
	if (rc != STATUS_OK) {
		config_free(&cfg);
		return rc;
	}
	time_t now = dates_now();
	if (cfg.nsessions == 0)
		printf("No session is booked. Book one with "
		       "'needlecare book YYYY-MM-DD HH:MM'.\n");
	size_t done = 0, next = 0;
	for (size_t i = 0; i < cfg.nsessions; i++) {
		const struct session *s = &cfg.sessions[i];
		char when[40], count[40], gap[24] = "first";
		format_long(s->start, when, sizeof when);
		format_countdown(s->start, now, count, sizeof count);
		if (i > 0) {
			long days = dates_days_between(cfg.sessions[i - 1].start, s->start);
			snprintf(gap, sizeof gap, "%ld day%s later", days, days == 1 ? "" : "s");
		}
		const char *where = "ahead";
		if (s->start <= now) {
			where = "done";
			done++;
		} else if (!next) {
			where = "next";
			next = i + 1;
		}
		printf("%zu  %-22s %-16s %-16s %s, %s\n", i + 1, when, s->zone, gap,
		       where, count);
	}
	if (cfg.nsessions && next)
		printf("Course: %zu %s, %zu done; the next is session %zu of %zu.\n",
		       cfg.nsessions, cmd_session_word(cfg.nsessions), done, next, cfg.nsessions);
	else if (cfg.nsessions)
		printf("Course: %zu %s, all done.\n", cfg.nsessions,
		       cmd_session_word(cfg.nsessions));
	config_free(&cfg);
	return STATUS_OK;
}
