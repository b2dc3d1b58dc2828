/* book: needlecare book (add, --move, --cancel) and needlecare sessions. */
#include "cmd/cli.h"
#include "cmd/cmd.h"
#include "care/config.h"
#include "base/dates.h"
#include "care/booking.h"
#include "send/alert.h"
#include "care/due.h"
#include "care/format.h"
#include "care/protocol.h"
#include "care/screening.h"
#include "base/i18n.h"
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
		warn(_("no session is booked on %s: 'needlecare sessions' lists them"), what);
	else
		/* TRANSLATORS: how many sessions, then the date given. */
		warn(P_("%zu session is booked on %s: give the time too, as "
		        "'YYYY-MM-DD HH:MM'",
		        "%zu sessions are booked on %s: give the time too, as "
		        "'YYYY-MM-DD HH:MM'", found), found, what);
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
		warn("%s", n ? why : _("expected the date and time of the session, "
		                       "as YYYY-MM-DD HH:MM"));
	free(when);
	return ok ? STATUS_OK : STATUS_USAGE;
}

/* What book was asked to do, read from the command line against the
 * configuration as first read, before any lock is taken: a mistake there
 * changes nothing and makes no file. Fills r's session and moment. */
static int book_request(const struct cli *c, const struct config *before,
                        struct booking_request *r)
{
	char **args = c->args;
	size_t n = c->nargs;
	if (c->move || c->cancel) {
		if (n == 0) {
			/* TRANSLATORS: the option, move or cancel. */
			warn(_("book --%s: expected the date of the session, as YYYY-MM-DD"),
			     c->move ? "move" : "cancel");
			return STATUS_USAGE;
		}
		/* The old session is its date, and its time when the next word is
		 * a time of day. */
		size_t used = n > 1 && is_clock(args[1]) ? 2 : 1;
		char *what = join(args, used);
		int rc = find_session(before, what, &r->session);
		free(what);
		if (rc != STATUS_OK)
			return rc;
		args += used;
		n -= used;
	}
	if (!c->cancel)
		return parse_new_moment(args, n, &r->when);
	if (n) {
		warn(_("book --cancel: unexpected \"%s\" after the session"), args[0]);
		return STATUS_USAGE;
	}
	return STATUS_OK;
}

/* After a booking: what is already in force, printed and sent as one
 * notification (a late booking announces nothing otherwise), and the
 * screening questions not yet answered. */
static void booking_news(const struct booking_result *b)
{
	const struct config *cfg = &b->cfg;
	time_t now = dates_now();
	struct due_notification m = due_booking_news(b->interval, cfg, b->start, now, false);
	if (m.count) {
		printf("\n%s\n%s\n", _("Already in force for this session:"), m.body);
		size_t count;
		char *why;
		if (!alert_booking(b->interval, cfg, b->start, now, ALERT_WAIT, &count, &why)) {
			warn(_("notification not shown: %s"), why);
			free(why);
		}
	}
	free(m.summary);
	free(m.body);
	size_t open = 0;
	for (size_t i = 0; i < screening_count; i++)
		open += cfg->answers[i] < 0;
	if (b->start > now && open) {
		printf("\n");
		printf(P_("Before the session, go through the screening questions with "
		          "'needlecare screen' (%zu not answered yet).",
		          "Before the session, go through the screening questions with "
		          "'needlecare screen' (%zu not answered yet).", open), open);
		printf("\n");
	}
}

/* What booking_run() did, said as book says it. */
static int book_report(const struct cli *c, const struct booking_result *b)
{
	switch (b->status) {
	case BOOKING_UNREADABLE:
		/* The lock's messages name the file themselves. */
		for (size_t i = 0; b->lock_status == STATUS_FAIL && i < b->diags.n; i++)
			warn("%s", b->diags.v[i].msg);
		if (b->lock_status != STATUS_FAIL) {
			diags_print(&b->diags, stderr);
			warn("%s", _("the configuration has problems: fix them before booking"));
		}
		return b->lock_status;
	case BOOKING_NO_PROTOCOL:
		diags_print(&b->diags, stderr);
		return STATUS_INVALID;
	default:
		break;
	}
	diags_print(&b->diags, stderr);
	switch (b->status) {
	case BOOKING_GONE:
		/* TRANSLATORS: what happened to the session, as "the session of
		 * Thu 10 Dec was cancelled". */
		warn(_("%s by another needlecare while this waited; nothing was changed: "
		       "'needlecare sessions' lists the course as it is now"), b->why);
		return STATUS_FAIL;
	case BOOKING_TOO_CLOSE:
		/* TRANSLATORS: why the session is too close to another. */
		warn(_("%s. To book it anyway, add --force."), b->close);
		return STATUS_FAIL;
	default:
		break;
	}
	if (b->close)
		warn(_("booked with --force: %s."), b->close);
	if (b->status == BOOKING_PAST) {
		char ago[40];
		format_countdown(b->start, dates_now(), ago, sizeof ago);
		/* TRANSLATORS: how long ago, as "2 days ago". */
		warn(_("that session would be in the past (%s): needlecare plans the "
		       "care around a session ahead. To record one already done, "
		       "add --force."), ago);
		return STATUS_FAIL;
	}
	if (b->status != BOOKING_DONE) {
		warn("%s", b->why);
		return STATUS_FAIL;
	}
	char when[40];
	format_long(b->start, when, sizeof when);
	/* TRANSLATORS: the date and time of the session. */
	printf(c->cancel ? _("Cancelled: session on %s.") : c->move ? _("Moved to: session on %s.") :
	       b->past ? _("Recorded as done: session on %s.") : _("Booked: session on %s."),
	       when);
	putchar(' ');
	/* TRANSLATORS: the number of sessions, then the configuration file. */
	printf(P_("The course now has %zu session (%s).", "The course now has %zu sessions (%s).",
	          b->cfg.nsessions), b->cfg.nsessions, b->cfg.path);
	putchar('\n');
	if (!c->cancel)
		booking_news(b);
	return STATUS_OK;
}

int cli_book(const struct cli *c)
{
	struct config before;
	int rc = cmd_load_config(c, &before);
	if (rc != STATUS_OK) {
		warn("%s", _("the configuration has problems: fix them before booking"));
		config_free(&before);
		return rc;
	}
	struct booking_request r = {
		.op = c->cancel ? BOOKING_CANCEL : c->move ? BOOKING_MOVE : BOOKING_ADD,
		.before = &before, .answer = -1, .force_close = c->force,
		.force_past = c->force, .now = dates_now(),
	};
	/* A path is kept absolute: needlecare may run from anywhere. */
	char *protocol = NULL;
	if (c->protocol)
		protocol = strchr(c->protocol, '/') || strstr(c->protocol, ".ini")
		           ? realpath(c->protocol, NULL) : NULL;
	r.protocol = protocol ? protocol : c->protocol;
	rc = book_request(c, &before, &r);
	if (rc == STATUS_OK) {
		struct booking_result b;
		booking_run(&r, &b);
		rc = book_report(c, &b);
		booking_result_free(&b);
	}
	free(protocol);
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
		printf("%s\n", _("No session is booked. Book one with "
		                 "'needlecare book YYYY-MM-DD HH:MM'."));
	size_t done = 0, next = 0;
	for (size_t i = 0; i < cfg.nsessions; i++) {
		const struct config_session *s = &cfg.sessions[i];
		char when[40], count[40], gap[40];
		/* TRANSLATORS: the gap of the first session of the course (the
		 * others say "14 days later"). */
		snprintf(gap, sizeof gap, "%s", _("first"));
		format_long(s->start, when, sizeof when);
		format_countdown(s->start, now, count, sizeof count);
		if (i > 0) {
			long days = dates_days_between(cfg.sessions[i - 1].start, s->start);
			/* TRANSLATORS: the time since the session before. */
			snprintf(gap, sizeof gap, P_("%ld day later", "%ld days later", days), days);
		}
		/* TRANSLATORS: a session of the list that is still ahead. */
		const char *where = _("ahead");
		if (s->start <= now) {
			/* TRANSLATORS: a session of the list that is past. */
			where = _("done");
			done++;
		} else if (!next) {
			/* TRANSLATORS: the next session of the list. */
			where = _("next");
			next = i + 1;
		}
		printf("%zu  %-*s %-16s %-*s %s, %s\n", i + 1, cmd_pad(when, 22), when, s->zone,
		       cmd_pad(gap, 16), gap, where, count);
	}
	if (cfg.nsessions && next)
		/* TRANSLATORS: sessions in all, how many are done, then "session 2
		 * of 3". */
		printf(P_("Course: %zu session, %zu done; the next is session %zu of %zu.",
		          "Course: %zu sessions, %zu done; the next is session %zu of %zu.",
		          cfg.nsessions), cfg.nsessions, done, next, cfg.nsessions);
	else if (cfg.nsessions)
		printf(P_("Course: %zu session, all done.", "Course: %zu sessions, all done.",
		          cfg.nsessions), cfg.nsessions);
	if (cfg.nsessions)
		putchar('\n');
	config_free(&cfg);
	return STATUS_OK;
}
