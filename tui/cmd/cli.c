#include "cmd/cli.h"
#include "care/config.h"
#include "base/dates.h"
#include "care/course.h"
#include "cmd/daemon.h"
#include "care/due.h"
#include "base/fileio.h"
#include "care/format.h"
#include "care/journal.h"
#include "send/notifier.h"
#include "care/plan.h"
#include "care/protocol.h"
#include "cmd/report.h"
#include "care/rules.h"
#include "care/screening.h"
#include "care/state.h"
#include "care/timeline.h"
#include "base/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static void print_discuss(const struct config *cfg);


static int open_plan(const struct cli *c, struct plan *p)
{
	struct plan_options o = {c->config_path, c->protocol, c->session};
	/* today, timeline and next only read the plan: the cache serves them. */
	return report_open_plan(p, &o, true, true);
}

static int load_config(const struct cli *c, struct config *cfg)
{
	char *path = c->config_path ? xstrdup(c->config_path) : config_default_path();
	struct diags d = {0};
	bool ok = config_load(path, cfg, &d);
	free(path);
	if (!ok) {
		diags_print(&d, stderr);
		diags_free(&d);
		return STATUS_INVALID;
	}
	return STATUS_OK;
}

static void tsv_row(const struct entry *e)
{
	char start[20], end[20] = "";
	dates_format_iso(e->start, start, sizeof start);
	if (e->m->window)
		dates_format_iso(e->end, end, sizeof end);
	printf("%s\t%s\t%s\t%s\t%s\t%s\t%u\n", start, end, e->m->id,
	       protocol_kind_name(e->m->kind), protocol_phase_name(e->m->phase),
	       e->m->title, e->session);
}

static const char *session_word(size_t n)
{
	return n == 1 ? "session" : "sessions";
}

int cli_timeline(const struct cli *c)
{
	struct plan p;
	int rc = open_plan(c, &p);
	if (rc != STATUS_OK)
		return rc;
	if (c->tsv) {
		for (size_t i = 0; i < p.tl.count; i++)
			tsv_row(&p.tl.entries[i]);
		plan_free(&p);
		return STATUS_OK;
	}
	printf("%s protocol (%s), %zu %s\n%s\n", p.proto->name, p.proto->origin,
	       p.tl.nsessions, session_word(p.tl.nsessions), format_practitioner_line);
	char when[40], end[40], count[40];
	for (unsigned s = 1; s <= p.tl.nsessions; s++) {
		format_long(p.tl.sessions[s - 1], when, sizeof when);
		format_countdown(p.tl.sessions[s - 1], p.now, count, sizeof count);
		printf("\nSession %u of %zu: %s (%s)\n", s, p.tl.nsessions, when, count);
		/* By date, the phase as a heading where it changes. */
		int last = -1;
		for (size_t i = 0; i < p.tl.count; i++) {
			const struct entry *e = &p.tl.entries[i];
			if (e->session != s)
				continue;
			if ((int)e->m->phase != last)
				printf("  %s\n", protocol_phase_label(e->m->phase));
			last = (int)e->m->phase;
			format_when(e->start, p.now, when, sizeof when);
			format_countdown(e->start, p.now, count, sizeof count);
			printf("    %-22s %s (%s)\n", when, e->m->title, count);
			if (e->m->window) {
				format_when(e->end, p.now, end, sizeof end);
				format_countdown(e->end, p.now, count, sizeof count);
				printf("    %-22s until %s (%s)\n", "", end, count);
			}
		}
	}
	plan_free(&p);
	return STATUS_OK;
}

/* groups: each entry's timeline_today(), worked out once for all four. */
static void print_group(const struct plan *p, const unsigned char *groups,
                        const char *heading, enum today_group group)
{
	char when[40], count[40];
	bool header = false;
	for (size_t i = 0; i < p->tl.count; i++) {
		const struct entry *e = &p->tl.entries[i];
		if (groups[i] != group)
			continue;
		if (!header)
			printf("\n%s\n", heading);
		header = true;
		if (group == TODAY_ENDING) {
			struct event ev = {e, true, e->end};
			char *title = format_event_title(&ev);
			format_when(e->end, p->now, when, sizeof when);
			printf("  - %s (%s)\n", title, when);
			free(title);
		} else if (timeline_in_force(e, p->now)) {
			format_when(e->end, p->now, when, sizeof when);
			format_countdown(e->end, p->now, count, sizeof count);
			printf("  - %s, until %s (%s)\n", e->m->title, when, count);
		} else if (group == TODAY_STARTING) {
			format_when(e->start, p->now, when, sizeof when);
			format_when(e->end, p->now, count, sizeof count);
			printf("  - %s, from %s until %s\n", e->m->title, when, count);
		} else {
			format_when(e->start, p->now, when, sizeof when);
			printf("  - %s (%s)\n", e->m->title, when);
		}
	}
}

/* The words before a tripped rule's title, one per level. */
static const char *level_word(int urgency)
{
	return urgency == URGENCY_EMERGENCY ? "EMERGENCY" :
	       urgency == URGENCY_CRITICAL ? "WARNING" : "NOTE";
}

/* The warnings of a check-in not yet read, first: the reason to open
 * today at all. A pretend session (--session) says nothing of the real
 * journal. */
static void print_unread(const struct plan *p, const struct journal *j)
{
	char *path = state_path("state");
	struct state s;
	struct diags d = {0};
	bool ok = state_load(path, &s, &d);
	diags_free(&d);
	free(path);
	if (!ok)
		return;
	const struct redflag **f = xcalloc(p->proto->nredflags + 1, sizeof *f);
	size_t entry, n = journal_unread(p, j, &s, &entry, f);
	if (n) {
		char when[40];
		format_when(j->v[entry].when, p->now, when, sizeof when);
		printf("Warnings from your check-in of %s, not yet read:\n", when);
		for (size_t i = 0; i < n; i++)
			printf("%s: %s\n  %s\n", level_word(f[i]->urgency), f[i]->title,
			       f[i]->action);
		char *who = format_clinic(&p->cfg);
		if (!who)
			who = format_no_phone(&p->cfg);
		printf("%s\nOnce you have read them: needlecare log --ack\n\n", who);
		free(who);
	}
	free(f);
	state_free(&s);
}

/* The check-in that is due, or the one that lapsed unlogged today. */
static void print_checkin(const struct plan *p, const struct journal *j)
{
	const struct entry *due = timeline_checkin_due(&p->tl, j, p->now);
	const struct entry *missed = timeline_checkin_missed(&p->tl, j, p->now);
	if (due)
		printf("\nCheck-in due: %s\n  Rate your skin (0 none to 3 marked): "
		       "needlecare log redness=N swelling=N dryness=N pain=N\n",
		       due->m->title);
	if (missed)
		printf("\nMissed check-in: %s\n  No check-in was logged for it. A "
		       "check-in is welcome any day: needlecare log redness=N ...\n",
		       missed->m->title);
}

static void print_position(const struct plan *p)
{
	struct position pos;
	char when[40], count[40];
	if (!timeline_position(&p->tl, p->now, &pos))
		return;
	time_t t0 = p->tl.sessions[pos.session - 1];
	format_long(t0, when, sizeof when);
	if (pos.before) {
		format_countdown(t0, p->now, count, sizeof count);
		printf("Session %u of %zu is %s: %s\n", pos.session, p->tl.nsessions,
		       count, when);
	} else {
		printf("Day %ld after session %u of %zu (%s)\n", pos.day, pos.session,
		       p->tl.nsessions, when);
	}
	printf("Phase: %s\n", protocol_phase_label(pos.phase));
}

int cli_today(const struct cli *c)
{
	struct plan p;
	int rc = open_plan(c, &p);
	if (rc != STATUS_OK)
		return rc;
	struct day day = timeline_day_of(p.now);
	if (c->tsv) {
		for (size_t i = 0; i < p.tl.count; i++)
			if (timeline_today(&p.tl.entries[i], &day) != TODAY_NONE)
				tsv_row(&p.tl.entries[i]);
		plan_free(&p);
		return STATUS_OK;
	}
	char *jpath = journal_path();
	struct journal j;
	struct diags jd = {0};
	bool have_journal = journal_load(jpath, &j, &jd);
	diags_free(&jd);
	free(jpath);
	if (have_journal && !c->session)
		print_unread(&p, &j);
	char when[40], count[40];
	format_long(p.now, when, sizeof when);
	printf("Today, %s\n", when);
	print_position(&p);
	/* In the days before a session, not in the aftercare of the one
	 * before it. */
	struct position pos;
	if (timeline_position(&p.tl, p.now, &pos) && pos.before) {
		print_discuss(&p.cfg);
		if (!*p.cfg.clinic_phone) {
			char *ask = format_no_phone(&p.cfg);
			printf("\n%s\n", ask);
			free(ask);
		}
	}
	if (have_journal) {
		print_checkin(&p, &j);
		journal_free(&j);
	}
	/* The session is the first thing on its own day. */
	for (size_t i = 0; i < p.tl.nsessions; i++)
		if (p.tl.sessions[i] >= day.start && p.tl.sessions[i] < day.end) {
			format_when(p.tl.sessions[i], p.now, when, sizeof when);
			format_countdown(p.tl.sessions[i], p.now, count, sizeof count);
			printf("\nYour session today\n  - Session %zu of %zu, %s (%s)\n", i + 1,
			       p.tl.nsessions, when, count);
		}
	unsigned char *groups = xmalloc(p.tl.count + 1);
	for (size_t i = 0; i < p.tl.count; i++)
		groups[i] = (unsigned char)timeline_today(&p.tl.entries[i], &day);
	print_group(&p, groups, "In force now", TODAY_IN_FORCE);
	print_group(&p, groups, "Starting later today", TODAY_STARTING);
	print_group(&p, groups, "Ending today", TODAY_ENDING);
	print_group(&p, groups, "Expect today", TODAY_EXPECT);
	print_group(&p, groups, "To do today", TODAY_TODO);
	free(groups);
	printf("\nComing up\n");
	size_t shown = 0;
	const struct event *ev = timeline_next(&p.tl, p.now + 1);
	for (; ev && ev < p.tl.events + p.tl.nevents && shown < 5; ev++, shown++) {
		char *title = format_event_title(ev);
		format_when(ev->when, p.now, when, sizeof when);
		format_countdown(ev->when, p.now, count, sizeof count);
		printf("  %-22s %s (%s)\n", when, title, count);
		free(title);
	}
	if (shown == 0)
		printf("  nothing more: the course is complete\n");
	printf("\n%s\n", format_practitioner_line);
	plan_free(&p);
	return STATUS_OK;
}

/* next --format json: the fields of waybar's custom module. text is the
 * line of plain next; alt the phase (for format-icons); class the kind of
 * the next milestone (for CSS); percentage how far through its phase now
 * is; tooltip the milestone with its date, and what is paused now. */
static void next_json(const struct plan *p, const struct event *ev)
{
	char count[40], when[40];
	char *title = ev ? format_event_title(ev) : xstrdup("the course is complete");
	if (ev)
		format_countdown(ev->when, p->now, count, sizeof count);
	char *text = ev ? xasprintf("%s: %s", count, title) : xstrdup("course complete");
	struct position pos;
	long percent = 100;
	const char *phase = "";
	if (timeline_position(&p->tl, p->now, &pos)) {
		phase = protocol_phase_name(pos.phase);
		if (pos.phase_end > pos.phase_start)
			percent = (long)(100.0 * (double)(p->now - pos.phase_start) /
			                 (double)(pos.phase_end - pos.phase_start));
	}
	size_t len = 0, size = 0;
	char *tip = NULL;
	FILE *f = open_memstream(&tip, &size);
	if (!f)
		die(STATUS_FAIL, "out of memory");
	if (ev) {
		format_long(ev->when, when, sizeof when);
		fprintf(f, "%s\n%s (%s)", title, when, count);
	} else {
		fprintf(f, "Every milestone of the course is past.");
	}
	for (size_t i = 0; i < p->tl.count; i++) {
		const struct entry *e = &p->tl.entries[i];
		if (e->m->kind != KIND_RESTRICTION || !timeline_in_force(e, p->now))
			continue;
		format_when(e->end, p->now, when, sizeof when);
		fprintf(f, "%s%s until %s", len++ ? "\n" : "\n\nIn force now:\n",
		        e->m->title, when);
	}
	fprintf(f, "\n\n%s", format_practitioner_line);
	if (fclose(f) != 0)
		die(STATUS_FAIL, "out of memory");
	char *jt = format_json_string(text), *jtip = format_json_string(tip);
	char *jalt = format_json_string(phase);
	printf("{\"text\":%s,\"alt\":%s,\"tooltip\":%s,\"class\":\"%s\",\"percentage\":%ld}\n",
	       jt, jalt, jtip, ev ? protocol_kind_name(ev->entry->m->kind) : "complete",
	       percent < 0 ? 0 : percent > 100 ? 100 : percent);
	free(jt);
	free(jtip);
	free(jalt);
	free(tip);
	free(text);
	free(title);
}

int cli_next(const struct cli *c)
{
	struct plan p;
	struct plan_options o = {c->config_path, c->protocol, c->session};
	/* A status bar shows something even before the first booking. */
	int rc = report_open_plan(&p, &o, !c->json, true);
	if (rc != STATUS_OK)
		return rc;
	const struct event *ev = timeline_next(&p.tl, p.now);
	if (c->json && p.tl.nsessions == 0) {
		printf("{\"text\":\"no session booked\",\"alt\":\"\",\"tooltip\":"
		       "\"No session is booked: needlecare book YYYY-MM-DD HH:MM\","
		       "\"class\":\"none\",\"percentage\":0}\n");
	} else if (c->json) {
		next_json(&p, ev);
	} else if (ev && c->tsv) {
		tsv_row(ev->entry);
	} else if (ev) {
		char count[40];
		char *title = format_event_title(ev);
		format_countdown(ev->when, p.now, count, sizeof count);
		printf("%s: %s\n", count, title);
		free(title);
	} else if (!c->tsv) {
		printf("nothing ahead: the course is complete\n");
	}
	plan_free(&p);
	return STATUS_OK;
}

int cli_check(const struct cli *c)
{
	struct diags d = {0};
	struct config cfg;
	char *path = c->config_path ? xstrdup(c->config_path) : config_default_path();
	bool cfg_ok = config_load(path, &cfg, &d);
	const char *ref = c->protocol ? c->protocol : cfg.protocol;
	struct protocol *proto = protocol_open(ref, &d);
	size_t before = d.n;
	if (proto && cfg.nsessions) {
		time_t *s = xcalloc(cfg.nsessions, sizeof *s);
		for (size_t i = 0; i < cfg.nsessions; i++)
			s[i] = cfg.sessions[i].start;
		size_t nyes;
		const char **yes = config_yes_answers(&cfg, &nyes);
		struct plan_input in = {proto, s, cfg.nsessions, cfg.reminder_minute,
		                        yes, nyes};
		struct timeline tl;
		timeline_build(&tl, &in, &d);
		timeline_free(&tl);
		free(yes);
		free(s);
	}
	struct diags lint = {0};
	if (proto)
		protocol_lint(proto, &d, &lint);
	diags_print(&d, stderr);
	/* Warnings do not fail the check: the protocol works, but misleads. */
	for (size_t i = 0; i < lint.n; i++) {
		struct diag *w = &lint.v[i];
		char *msg = xasprintf("warning: %s", w->msg);
		free(w->msg);
		w->msg = msg;
	}
	diags_print(&lint, stderr);
	if (cfg_ok)
		printf("configuration %s: %s\n", path,
		       cfg.exists ? "ok" : "not written yet (the defaults apply)");
	if (proto && d.n == before)
		printf("protocol %s (%s): %zu milestones, %zu warning-sign rules, %s\n",
		       proto->name, proto->origin, proto->count, proto->nredflags,
		       lint.n ? "usable" : "ok");
	int rc = d.n ? STATUS_INVALID : STATUS_OK;
	if (d.n)
		printf("%zu problem%s found\n", d.n, d.n == 1 ? "" : "s");
	if (lint.n)
		printf("%zu warning%s\n", lint.n, lint.n == 1 ? "" : "s");
	diags_free(&lint);
	diags_free(&d);
	protocol_free(proto);
	config_free(&cfg);
	free(path);
	return rc;
}

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

/* Takes the configuration's lock and reads it again, as it is now: an
 * update applies its change to what another needlecare saved meanwhile.
 * before is the configuration as the command first read it. */
static int lock_config(const struct config *before, struct config *cfg, int *lock)
{
	struct diags d = {0};
	int rc = config_lock(before->path, before->exists, cfg, lock, &d);
	/* The lock's messages name the file themselves. */
	for (size_t i = 0; rc == STATUS_FAIL && i < d.n; i++)
		warn("%s", d.v[i].msg);
	if (rc != STATUS_FAIL)
		diags_print(&d, stderr);
	diags_free(&d);
	return rc;
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
	       cfg->nsessions, session_word(cfg->nsessions), cfg->path);
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
	int rc = load_config(c, &before);
	if (rc != STATUS_OK) {
		warn("the configuration has problems: fix them before booking");
		config_free(&before);
		return rc;
	}
	struct booking b = {0};
	int lock;
	rc = book_request(c, &before, &b);
	if (rc == STATUS_OK) {
		rc = lock_config(&before, &cfg, &lock);
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
	int rc = load_config(c, &cfg);
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
		       cfg.nsessions, session_word(cfg.nsessions), done, next, cfg.nsessions);
	else if (cfg.nsessions)
		printf("Course: %zu %s, all done.\n", cfg.nsessions,
		       session_word(cfg.nsessions));
	config_free(&cfg);
	return STATUS_OK;
}

static void print_discuss(const struct config *cfg)
{
	bool header = false;
	for (size_t i = 0; i < screening_count; i++) {
		if (cfg->answers[i] != 1)
			continue;
		if (!header)
			printf("\nDiscuss with your practitioner before the session\n");
		header = true;
		printf("  ! %s You answered yes: %s.\n", screening_questions[i].question,
		       screening_questions[i].reason);
	}
}

static bool parse_answer(const char *s, signed char *out)
{
	if (strcmp(s, "yes") == 0 || strcmp(s, "y") == 0)
		*out = 1;
	else if (strcmp(s, "no") == 0 || strcmp(s, "n") == 0)
		*out = 0;
	else
		return false;
	return true;
}

/* Asks each question on the terminal (or reads answers, one a line, from
 * standard input), showing the answers of cfg. The answers typed go to
 * typed (-1 where the answer shown was kept). */
static void ask(const struct config *cfg, signed char *typed)
{
	char line[64];
	printf("Answer y or n; Enter keeps the answer shown, q stops.\n");
	for (size_t i = 0; i < screening_count; i++) {
		signed char a = cfg->answers[i];
		printf("%s [%s] ", screening_questions[i].question,
		       a < 0 ? "y/n" : a ? "Y/n" : "y/N");
		fflush(stdout);
		if (!fgets(line, sizeof line, stdin)) {
			printf("\n");
			break;
		}
		line[strcspn(line, "\r\n")] = '\0';
		if (strcmp(line, "q") == 0)
			break;
		if (!*line)
			continue;
		if (!parse_answer(line, &typed[i])) {
			printf("  (\"%s\" is neither y nor n: asking again)\n", line);
			i--;
			continue;
		}
	}
}

int cli_screen(const struct cli *c)
{
	struct config before, cfg;
	int rc = load_config(c, &before);
	if (rc != STATUS_OK) {
		config_free(&before);
		return rc;
	}
	if (c->list) {
		for (size_t i = 0; i < screening_count; i++) {
			signed char a = before.answers[i];
			printf("%-18s %-3s %s\n", screening_questions[i].name,
			       a < 0 ? "-" : a ? "yes" : "no", screening_questions[i].question);
		}
		config_free(&before);
		return STATUS_OK;
	}
	/* The answers given, by question; -1: not given. */
	signed char *given = xmalloc(screening_count + 1);
	memset(given, -1, screening_count);
	for (size_t i = 0; i < c->nargs; i++) {
		const char *eq = strchr(c->args[i], '=');
		char *name = eq ? xstrndup(c->args[i], (size_t)(eq - c->args[i])) : NULL;
		const struct screening_question *q = name ? screening_find(name) : NULL;
		signed char v;
		if (!q || !parse_answer(eq + 1, &v)) {
			if (!eq)
				warn("\"%s\": expected NAME=yes or NAME=no", c->args[i]);
			else if (!q)
				warn("\"%s\" is not a screening question: 'needlecare screen "
				     "--list' shows them", name);
			else
				warn("%s: expected yes or no, but found \"%s\"", name, eq + 1);
			free(name);
			free(given);
			config_free(&before);
			return STATUS_USAGE;
		}
		free(name);
		given[q - screening_questions] = v;
	}
	/* The questions are asked before the lock is taken: a patient who
	 * thinks over an answer must not hold up every other writer. */
	if (c->nargs == 0)
		ask(&before, given);
	int lock;
	rc = lock_config(&before, &cfg, &lock);
	config_free(&before);
	if (rc != STATUS_OK) {
		free(given);
		config_free(&cfg);
		return rc;
	}
	bool changed = false;
	for (size_t i = 0; i < screening_count; i++)
		if (given[i] >= 0) {
			changed |= cfg.answers[i] != given[i];
			cfg.answers[i] = given[i];
		}
	free(given);
	char *err;
	if (changed && !config_save(&cfg, &err)) {
		warn("%s", err);
		free(err);
		fileio_unlock(lock);
		config_free(&cfg);
		return STATUS_FAIL;
	}
	fileio_unlock(lock);
	printf("%s (%s).\n", changed ? "Answers saved" : "Nothing changed", cfg.path);
	print_discuss(&cfg);
	printf("\nWhether and how to treat is your practitioner's decision: these "
	       "answers are for that conversation.\n");
	config_free(&cfg);
	return STATUS_OK;
}

int cli_notify(const struct cli *c)
{
	struct plan p;
	struct plan_options o = {c->config_path, c->protocol, c->session};
	int rc = report_open_plan(&p, &o, false, false);
	if (rc != STATUS_OK)
		return rc;
	size_t sent;
	rc = report_due_pass(&p, p.now, &sent);
	plan_free(&p);
	return rc;
}

int cli_daemon(const struct cli *c)
{
	struct plan_options o = {c->config_path, c->protocol, c->session};
	return daemon_run(&o);
}

/* log --ack: the unread warnings, as Today's key a marks them read. */
static int acknowledge(const struct plan *p)
{
	char *jpath = journal_path(), *spath = state_path("state"), *err = NULL;
	struct journal j;
	struct state s;
	struct diags d = {0};
	int rc = STATUS_OK;
	if (!journal_load(jpath, &j, &d) || !state_load(spath, &s, &d)) {
		diags_print(&d, stderr);
		diags_free(&d);
		free(jpath);
		free(spath);
		return STATUS_FAIL;
	}
	diags_free(&d);
	const struct redflag **f = xcalloc(p->proto->nredflags + 1, sizeof *f);
	size_t entry, n = journal_unread(p, &j, &s, &entry, f);
	char **keys = xcalloc(n + 1, sizeof *keys);
	for (size_t i = 0; i < n; i++)
		keys[i] = journal_alert_key(&j.v[entry], f[i]);
	if (n == 0) {
		printf("No warning is waiting to be read.\n");
	} else if (!state_mark(spath, p->cfg.exists ? p->cfg.path : NULL, MARK_ACK,
	                       journal_alert_session, (const char *const *)keys, n, true,
	                       p->now, NULL, &err)) {
		warn("the warnings are still unread: %s", err);
		free(err);
		rc = STATUS_FAIL;
	} else {
		for (size_t i = 0; i < n; i++)
			printf("Acknowledged: %s.\n", f[i]->title);
	}
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(f);
	state_free(&s);
	journal_free(&j);
	free(jpath);
	free(spath);
	return rc;
}

int cli_log(const struct cli *c)
{
	struct plan p;
	struct plan_options o = {c->config_path, c->protocol, c->session};
	int rc = report_open_plan(&p, &o, false, false);
	if (rc != STATUS_OK)
		return rc;
	if (c->ack) {
		if (c->nargs) {
			warn("log --ack takes no NAME=VALUE: acknowledge the warnings, then "
			     "log the check-in");
			rc = STATUS_USAGE;
		} else {
			rc = acknowledge(&p);
		}
		plan_free(&p);
		return rc;
	}
	struct checkin in;
	checkin_init(&in, p.now);
	for (size_t i = 0; i < c->nargs; i++) {
		char *err;
		if (!checkin_set(&in, c->args[i], &err)) {
			warn("log: %s", err);
			free(err);
			checkin_free(&in);
			plan_free(&p);
			return STATUS_USAGE;
		}
	}
	if (checkin_empty(&in)) {
		warn("log: expected at least one rating, sign, note or photo, such as "
		     "'needlecare log redness=2 pain=1'");
		plan_free(&p);
		return STATUS_USAGE;
	}
	char *path = journal_path(), *err;
	if (!journal_append(path, &in, &err)) {
		warn("the check-in was not saved: %s", err);
		free(err);
		free(path);
		checkin_free(&in);
		plan_free(&p);
		return STATUS_FAIL;
	}
	checkin_free(&in);
	char *day = format_course_day(&p.tl, p.now);
	if (day)
		printf("Check-in saved: %s.\n", day);
	else
		printf("Check-in saved.\n");
	free(day);

	/* Judged against the whole journal, for "higher than the day before". */
	struct journal j;
	struct diags d = {0};
	journal_load(path, &j, &d);
	diags_free(&d);
	free(path);
	const struct redflag **tripped = xcalloc(p.proto->nredflags + 1, sizeof *tripped);
	size_t n = j.n ? journal_redflags(&p, &j, j.n - 1, tripped) : 0;
	for (size_t i = 0; i < n; i++)
		printf("\n%s: %s\n  %s\n", level_word(tripped[i]->urgency),
		       tripped[i]->title, tripped[i]->action);
	if (n) {
		char *who = format_clinic(&p.cfg);
		if (!who)
			who = format_no_phone(&p.cfg);
		printf("\n%s\n", who);
		free(who);
		/* One notification for the check-in, however many rules it trips. */
		struct warning_notice w;
		journal_warning_notice(tripped, n, &p.cfg, &w);
		struct notice notice = {w.summary, w.body, (enum urgency)w.urgency};
		char *why;
		if (notifier_send(&notice, &why) != NOTIFY_SENT) {
			warn("warning not shown on the desktop: %s", why);
			free(why);
		}
		journal_warning_notice_free(&w);
		printf("\nneedlecare does not diagnose: when in doubt, call your "
		       "practitioner.\n");
	}
	free(tripped);
	journal_free(&j);
	plan_free(&p);
	return STATUS_OK;
}

static void tsv_field_rating(FILE *f, signed char v)
{
	if (v >= 0)
		fprintf(f, "%d", v);
}

static void csv_text(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* One row of the journal: TSV (sep '\t') or CSV (sep ','). */
static void journal_row(FILE *f, const struct plan *p, const struct checkin *ci,
                        char sep)
{
	char when[20];
	dates_format_iso(ci->when, when, sizeof when);
	long day;
	unsigned s;
	fprintf(f, "%s%c", when, sep);
	if (timeline_day(&p->tl, ci->when, &day, &s))
		fprintf(f, "%ld", day);
	for (int r = 0; r < RATING_COUNT; r++) {
		fputc(sep, f);
		tsv_field_rating(f, ci->rating[r]);
	}
	/* The signs added later follow the note, so that the columns scripts
	 * read keep their places. */
	for (int g = 0; g < SIGN_COUNT; g++) {
		if (g == SIGN_FIRST_COUNT) {
			fputc(sep, f);
			if (sep == ',') {
				csv_text(f, ci->photo);
				fputc(sep, f);
				csv_text(f, ci->note);
			} else {
				/* Notes are cleaned of tabs and newlines when read. */
				fputs(ci->photo ? ci->photo : "", f);
				fputc(sep, f);
				fputs(ci->note ? ci->note : "", f);
			}
		}
		fputc(sep, f);
		if (ci->sign[g] >= 0)
			fputs(ci->sign[g] ? "yes" : "no", f);
	}
	fputc('\n', f);
}

static void journal_text(const struct plan *p, const struct journal *j)
{
	if (j->n == 0)
		printf("The journal is empty. Add a check-in with "
		       "'needlecare log redness=1 pain=0'.\n");
	for (size_t i = 0; i < j->n; i++) {
		const struct checkin *ci = &j->v[i];
		char when[40];
		format_long(ci->when, when, sizeof when);
		char *day = format_course_day(&p->tl, ci->when);
		if (day)
			printf("%s, %s\n", when, day);
		else
			printf("%s\n", when);
		free(day);
		for (int r = 0; r < RATING_COUNT; r++)
			if (ci->rating[r] >= 0)
				printf("  %-20s %d %s\n", journal_ratings[r].label, ci->rating[r],
				       journal_scale[ci->rating[r]]);
		for (int g = 0; g < SIGN_COUNT; g++)
			if (ci->sign[g] == 1)
				printf("  ! %s\n", journal_signs[g].label);
		if (ci->note)
			printf("  Note: %s\n", ci->note);
		if (ci->photo)
			printf("  Photo: %s\n", ci->photo);
		const struct redflag **tripped = xcalloc(p->proto->nredflags + 1, sizeof *tripped);
		size_t n = journal_redflags(p, j, i, tripped);
		for (size_t k = 0; k < n; k++)
			printf("  %s: %s: %s\n", level_word(tripped[k]->urgency),
			       tripped[k]->title, tripped[k]->action);
		free(tripped);
	}
	bool photos = false;
	for (size_t i = 0; i < j->n; i++) {
		if (!j->v[i].photo)
			continue;
		if (!photos)
			printf("\nPhotos\n");
		photos = true;
		char when[40];
		format_long(j->v[i].when, when, sizeof when);
		printf("  %s  %s\n", when, j->v[i].photo);
	}
}

static void journal_summary(const struct plan *p, const struct journal *j)
{
	char when[40];
	format_long(p->now, when, sizeof when);
	printf("Healing summary from needlecare, %s\n", when);
	long day;
	unsigned s;
	if (timeline_day(&p->tl, p->now, &day, &s)) {
		format_long(p->tl.sessions[s - 1], when, sizeof when);
		char *today = format_course_day(&p->tl, p->now);
		printf("Session %u of %zu: %s; today is %s.\n", s, p->tl.nsessions,
		       when, today);
		free(today);
	}
	if (j->n == 0) {
		printf("No check-ins yet.\n");
		return;
	}
	printf("\nLatest ratings (0 none, 1 mild, 2 moderate, 3 marked):\n");
	for (int r = 0; r < RATING_COUNT; r++) {
		for (size_t i = j->n; i-- > 0;) {
			if (j->v[i].rating[r] < 0)
				continue;
			format_long(j->v[i].when, when, sizeof when);
			printf("  %-20s %d %-9s (%s)\n", journal_ratings[r].label,
			       j->v[i].rating[r], journal_scale[j->v[i].rating[r]], when);
			break;
		}
	}
	printf("\nWarning signs answered yes:\n");
	bool any = false;
	for (size_t i = 0; i < j->n; i++)
		for (int g = 0; g < SIGN_COUNT; g++)
			if (j->v[i].sign[g] == 1) {
				format_long(j->v[i].when, when, sizeof when);
				printf("  %s (%s)\n", journal_signs[g].label, when);
				any = true;
			}
	if (!any)
		printf("  none\n");
	printf("\nNotes:\n");
	any = false;
	for (size_t i = 0; i < j->n; i++)
		if (j->v[i].note) {
			format_long(j->v[i].when, when, sizeof when);
			printf("  %s: %s\n", when, j->v[i].note);
			any = true;
		}
	if (!any)
		printf("  none\n");
	printf("\nThese are the patient's own ratings, recorded with needlecare.\n");
}

static int export_csv(const struct plan *p, const struct journal *j, const char *file)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		die(STATUS_FAIL, "out of memory");
	fputs("time,day,redness,swelling,dryness,pain", f);
	for (int g = 0; g < SIGN_COUNT; g++)
		fprintf(f, "%s,%s", g == SIGN_FIRST_COUNT ? ",photo,note" : "",
		        journal_signs[g].name);
	fputc('\n', f);
	for (size_t i = 0; i < j->n; i++)
		journal_row(f, p, &j->v[i], ',');
	fclose(f);
	char *err;
	int rc = fileio_save(file, text, len, &err);
	free(text);
	if (rc != 0) {
		warn("%s", err);
		free(err);
		return STATUS_FAIL;
	}
	printf("Exported %zu check-in%s to %s.\n", j->n, j->n == 1 ? "" : "s", file);
	return STATUS_OK;
}

int cli_journal(const struct cli *c)
{
	struct plan p;
	struct plan_options o = {c->config_path, c->protocol, c->session};
	int rc = report_open_plan(&p, &o, false, false);
	if (rc != STATUS_OK)
		return rc;
	char *path = journal_path();
	struct journal j;
	struct diags d = {0};
	bool ok = journal_load(path, &j, &d);
	diags_print(&d, stderr);
	diags_free(&d);
	free(path);
	if (!ok) {
		plan_free(&p);
		return STATUS_FAIL;
	}
	if (c->export_file)
		rc = export_csv(&p, &j, c->export_file);
	else if (c->summary)
		journal_summary(&p, &j);
	else if (c->tsv)
		for (size_t i = 0; i < j.n; i++)
			journal_row(stdout, &p, &j.v[i], '\t');
	else
		journal_text(&p, &j);
	journal_free(&j);
	plan_free(&p);
	return rc;
}

/* forget: everything needlecare keeps about the patient, deleted: the
 * configuration (its lock, and temporary files a crash left beside it),
 * its state folder (state, journal, locks, daemon pid file), and its cache
 * folder. Symbolic links are never followed, nor deleted: they are named
 * instead.
 *
 * It holds the lock of each file that other commands change (the
 * configuration, the state, the journal) while it deletes, and deletes
 * the locks last, still holding them: a writer that waited for one then
 * finds it deleted and gives up (fileio_lock), so that nothing forgotten
 * is written back, and no file is left half made. A command started once
 * forget is done starts afresh. */

/* A lock forget holds. */
struct held {
	char *path;   /* the lock file */
	int fd;
	bool existed; /* before forget: it is then named as deleted */
};

struct forget {
	bool doit;            /* false: only list what would go */
	char **gone;          /* files deleted, or to delete */
	size_t ngone, gone_cap;
	char **links;         /* links left alone, with their targets */
	size_t nlinks, links_cap;
	size_t failed;
	struct held held[3];
	size_t nheld;
};

static void forget_note(char ***v, size_t *n, size_t *cap, char *s)
{
	xgrow(v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

static void forget_link(struct forget *f, const char *path)
{
	char target[4096];
	ssize_t n = readlink(path, target, sizeof target - 1);
	target[n > 0 ? n : 0] = '\0';
	forget_note(&f->links, &f->nlinks, &f->links_cap,
	            xasprintf("%s (a link to %s)", path, n > 0 ? target : "?"));
}

/* The file name in folder dfd (called path in messages). The locks forget
 * holds go last (forget_unlock). */
static void forget_file(struct forget *f, int dfd, const char *name, const char *path)
{
	for (size_t i = 0; f->doit && i < f->nheld; i++)
		if (strcmp(f->held[i].path, path) == 0)
			return;
	if (f->doit && unlinkat(dfd, name, 0) != 0) {
		if (errno != ENOENT) {
			warn("cannot delete %s: %s", path, strerror(errno));
			f->failed++;
		}
		return;
	}
	forget_note(&f->gone, &f->ngone, &f->gone_cap, xstrdup(path));
}

/* The names in folder dfd, read before anything is deleted. */
static char **forget_names(int dfd, size_t *n)
{
	char **v = NULL;
	size_t cap = 0;
	*n = 0;
	int fd = dup(dfd);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dir) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	for (struct dirent *e; (e = readdir(dir));)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			forget_note(&v, n, &cap, xstrdup(e->d_name));
	closedir(dir);
	return v;
}

/* Everything in folder dfd, folders within it too. */
static void forget_tree(struct forget *f, int dfd, const char *path)
{
	size_t n;
	char **names = forget_names(dfd, &n);
	for (size_t i = 0; i < n; i++) {
		char *p = xasprintf("%s/%s", path, names[i]);
		struct stat st;
		if (fstatat(dfd, names[i], &st, AT_SYMLINK_NOFOLLOW) != 0) {
		} else if (S_ISLNK(st.st_mode)) {
			forget_link(f, p);
		} else if (S_ISDIR(st.st_mode)) {
			int sub = openat(dfd, names[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub >= 0) {
				forget_tree(f, sub, p);
				close(sub);
			}
			if (f->doit)
				unlinkat(dfd, names[i], AT_REMOVEDIR);
		} else {
			forget_file(f, dfd, names[i], p);
		}
		free(p);
		free(names[i]);
	}
	free(names);
}

/* A folder of needlecare's own ($XDG_STATE_HOME/needlecare, ...), whole;
 * the folder itself goes in forget_unlock. */
static void forget_folder(struct forget *f, const char *dir)
{
	struct stat st;
	if (lstat(dir, &st) != 0)
		return;
	if (S_ISLNK(st.st_mode)) {
		forget_link(f, dir);
		return;
	}
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		warn("cannot open %s: %s", dir, strerror(errno));
		f->failed++;
		return;
	}
	forget_tree(f, fd, dir);
	close(fd);
}

/* The configuration file, its lock and the temporary files beside it
 * (NAME.XXXXXX). */
static void forget_config(struct forget *f, const char *path, bool own_folder)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	const char *base = slash ? slash + 1 : path;
	if (slash)
		*slash = '\0';
	struct stat st;
	int fd = -1;
	if (own_folder && lstat(dir, &st) == 0 && S_ISLNK(st.st_mode))
		forget_link(f, dir);
	else
		fd = open(slash ? (*dir ? dir : "/") : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		size_t n, len = strlen(base);
		char **names = forget_names(fd, &n);
		for (size_t i = 0; i < n; i++) {
			const char *name = names[i];
			bool mine = strncmp(name, base, len) == 0 &&
			            (!name[len] || strcmp(name + len, ".lock") == 0 ||
			             (strlen(name) == len + 7 && name[len] == '.'));
			char *p = slash ? xasprintf("%s/%s", dir, name) : xstrdup(name);
			if (mine && fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
				if (S_ISLNK(st.st_mode))
					forget_link(f, p);
				else if (S_ISREG(st.st_mode))
					forget_file(f, fd, name, p);
			}
			free(p);
			free(names[i]);
		}
		free(names);
		close(fd);
	}
	free(dir);
}

/* Takes the lock of path when its folder is there: a folder that is not
 * there holds nothing to forget, and is not made for the lock; nor is a
 * lock made through a link in place of a folder of needlecare's own,
 * which forget leaves alone (follow: the folder is the patient's, named
 * with --config). */
static bool forget_lock(struct forget *f, const char *path, bool follow)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	struct stat st;
	bool there = true;
	if (slash && slash != dir) {
		*slash = '\0';
		there = (follow ? stat(dir, &st) : lstat(dir, &st)) == 0 && S_ISDIR(st.st_mode);
	}
	free(dir);
	if (!there)
		return true;
	struct held *h = &f->held[f->nheld];
	h->path = xasprintf("%s.lock", path);
	h->existed = lstat(h->path, &st) == 0;
	char *err;
	h->fd = fileio_lock(path, NULL, &err);
	if (h->fd < 0) {
		warn("%s", err);
		free(err);
		free(h->path);
		return false;
	}
	f->nheld++;
	return true;
}

/* The locks, deleted while still held, then released; and the folders,
 * once empty. */
static void forget_unlock(struct forget *f, char *const *folders, size_t n)
{
	for (size_t i = 0; i < f->nheld; i++) {
		struct held *h = &f->held[i];
		if (f->doit) {
			if (unlink(h->path) != 0 && errno != ENOENT) {
				warn("cannot delete %s: %s", h->path, strerror(errno));
				f->failed++;
			} else if (h->existed) {
				forget_note(&f->gone, &f->ngone, &f->gone_cap, xstrdup(h->path));
			}
		}
		fileio_unlock(h->fd);
		free(h->path);
	}
	f->nheld = 0;
	for (size_t i = 0; f->doit && i < n; i++)
		if (folders[i])
			rmdir(folders[i]);
}

static int forget_all(struct forget *f, const struct cli *c)
{
	char *cfg = c->config_path ? xstrdup(c->config_path) : config_default_path();
	char *state = state_path("state"), *journal = journal_path();
	char *state_dir = state_path("x"), *cache = fileio_xdg_path("XDG_CACHE_HOME", ".cache", "x");
	*strrchr(state_dir, '/') = '\0';
	*strrchr(cache, '/') = '\0';
	char *cfg_dir = NULL;
	if (!c->config_path) {
		cfg_dir = xstrdup(cfg);
		*strrchr(cfg_dir, '/') = '\0';
	}
	int rc = STATUS_OK;
	if (f->doit && !(forget_lock(f, cfg, c->config_path != NULL) &&
	                 forget_lock(f, state, false) && forget_lock(f, journal, false))) {
		rc = STATUS_FAIL;
		f->doit = false; /* the locks taken are released, not deleted */
	}
	if (rc == STATUS_OK) {
		forget_config(f, cfg, cfg_dir != NULL);
		forget_folder(f, state_dir);
		forget_folder(f, cache);
	}
	char *folders[] = {cfg_dir, state_dir, cache};
	forget_unlock(f, folders, ARRAY_LEN(folders));
	free(cfg);
	free(cfg_dir);
	free(state);
	free(journal);
	free(state_dir);
	free(cache);
	return rc;
}

/* The pid of a running daemon (it holds a lock on its pid file), or 0. */
static long forget_daemon(void)
{
	char *path = state_path("daemon.pid");
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return 0;
	long pid = 0;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		char buf[32] = "";
		ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
		buf[n > 0 ? n : 0] = '\0';
		pid = atol(buf) > 0 ? atol(buf) : -1;
	}
	close(fd);
	return pid;
}

static void forget_free(struct forget *f)
{
	for (size_t i = 0; i < f->ngone; i++)
		free(f->gone[i]);
	for (size_t i = 0; i < f->nlinks; i++)
		free(f->links[i]);
	free(f->gone);
	free(f->links);
	memset(f, 0, sizeof *f);
}

int cli_forget(const struct cli *c)
{
	long daemon = forget_daemon();
	if (daemon) {
		warn("a needlecare daemon is running (pid %ld): stop it first "
		     "(systemctl --user stop needlecare), or it would record new "
		     "marks; nothing was deleted", daemon);
		return STATUS_FAIL;
	}
	struct forget f = {0};
	forget_all(&f, c);
	if (f.ngone == 0 && f.nlinks == 0) {
		printf("needlecare keeps nothing about you: there was nothing to delete.\n");
		forget_free(&f);
		return STATUS_OK;
	}
	if (!c->yes) {
		if (!isatty(STDIN_FILENO)) {
			warn("forget asks before it deletes, on a terminal: add --yes to "
			     "delete without asking; nothing was deleted");
			forget_free(&f);
			return STATUS_USAGE;
		}
		printf("This deletes everything needlecare keeps about you:\n");
		for (size_t i = 0; i < f.ngone; i++)
			printf("  %s\n", f.gone[i]);
		printf("Delete %zu file%s? Type yes to delete: ", f.ngone, f.ngone == 1 ? "" : "s");
		fflush(stdout);
		char line[16];
		if (!fgets(line, sizeof line, stdin) ||
		    (strcmp(line, "yes\n") != 0 && strcmp(line, "y\n") != 0)) {
			printf("\nNothing was deleted.\n");
			forget_free(&f);
			return STATUS_FAIL;
		}
	}
	forget_free(&f);
	f.doit = true;
	if (forget_all(&f, c) != STATUS_OK) {
		warn("nothing was deleted");
		forget_free(&f);
		return STATUS_FAIL;
	}
	for (size_t i = 0; i < f.ngone; i++)
		printf("deleted %s\n", f.gone[i]);
	for (size_t i = 0; i < f.nlinks; i++)
		warn("not deleted: %s: needlecare does not follow links; delete what it "
		     "points to yourself if it holds your data", f.links[i]);
	printf("Deleted %zu file%s.%s\n", f.ngone, f.ngone == 1 ? "" : "s",
	       f.failed || f.nlinks ? "" : " needlecare keeps nothing about you now.");
	/* They are the patient's, wherever they were written. */
	printf("Calendar files (export --ics) and journal exports (journal --export) "
	       "stay where you wrote them: delete them yourself if you no longer "
	       "want them.\n");
	int rc = f.failed || f.nlinks ? STATUS_FAIL : STATUS_OK;
	forget_free(&f);
	return rc;
}
