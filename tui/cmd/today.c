/* today: needlecare today, what applies today. */
#include "care/rules.h"
#include "cmd/cli.h"
#include "cmd/cmd.h"
#include "care/format.h"
#include "care/journal.h"
#include "care/plan.h"
#include "care/protocol.h"
#include "care/state.h"
#include "care/timeline.h"
#include "base/i18n.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>

/* groups: each entry's timeline_today(), worked out once for all four. */
static void print_group(const struct plan *p, const unsigned char *groups,
                        const char *heading, enum today_group group)
{
	char when[40], count[40];
	bool header = false;
	for (size_t i = 0; i < p->tl.count; i++) {
		const struct timeline_entry *e = &p->tl.entries[i];
		if (groups[i] != group)
			continue;
		if (!header)
			printf("\n%s\n", heading);
		header = true;
		if (group == TODAY_ENDING) {
			struct timeline_event ev = {e, true, e->end};
			char *title = format_event_title(&ev);
			format_when(e->end, p->now, when, sizeof when);
			printf("  - %s (%s)\n", title, when);
			free(title);
		} else if (timeline_in_force(e, p->now)) {
			format_when(e->end, p->now, when, sizeof when);
			format_countdown(e->end, p->now, count, sizeof count);
			fputs("  - ", stdout);
			/* TRANSLATORS: a pause in force, when it ends and how far away
			 * that is: "No retinol, until Thu 17 Dec 10:00 (in 7 days)". */
			printf(_("%s, until %s (%s)"), e->m->title, when, count);
			putchar('\n');
		} else if (group == TODAY_STARTING) {
			format_when(e->start, p->now, when, sizeof when);
			format_when(e->end, p->now, count, sizeof count);
			fputs("  - ", stdout);
			/* TRANSLATORS: a pause that starts later today: its title, its
			 * start and its end. */
			printf(_("%s, from %s until %s"), e->m->title, when, count);
			putchar('\n');
		} else {
			format_when(e->start, p->now, when, sizeof when);
			printf("  - %s (%s)\n", e->m->title, when);
		}
	}
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
	size_t entry, n = rules_unread(p, j, &s, &entry, f);
	if (n) {
		char when[40];
		format_when(j->v[entry].when, p->now, when, sizeof when);
		/* TRANSLATORS: the day of the check-in, as "today 09:00". */
		printf(_("Warnings from your check-in of %s, not yet read:"), when);
		putchar('\n');
		for (size_t i = 0; i < n; i++)
			printf("%s: %s\n  %s\n", cmd_level_word(f[i]->urgency), f[i]->title,
			       f[i]->action);
		char *who = format_clinic(&p->cfg);
		if (!who)
			who = format_no_phone(&p->cfg);
		printf("%s\n%s\n\n", who, _("Once you have read them: needlecare log --ack"));
		free(who);
	}
	free(f);
	state_free(&s);
}

/* The check-in that is due, or the one that lapsed unlogged today. */
static void print_checkin(const struct plan *p, const struct journal *j)
{
	const struct timeline_entry *due = timeline_checkin_due(&p->tl, j, p->now);
	const struct timeline_entry *missed = timeline_checkin_missed(&p->tl, j, p->now);
	if (due) {
		putchar('\n');
		/* TRANSLATORS: the title of the check-in's milestone. */
		printf(_("Check-in due: %s"), due->m->title);
		/* TRANSLATORS: the command is typed as it is: keep it in English. */
		printf("\n  %s\n", _("Rate your skin (0 none to 3 marked): "
		                      "needlecare log redness=N swelling=N dryness=N pain=N"));
	}
	if (missed) {
		putchar('\n');
		printf(_("Missed check-in: %s"), missed->m->title);
		/* TRANSLATORS: the command is typed as it is: keep it in English. */
		printf("\n  %s\n", _("No check-in was logged for it. A check-in is welcome "
		                      "any day: needlecare log redness=N ..."));
	}
}

static void print_position(const struct plan *p)
{
	struct timeline_position pos;
	char when[40], count[40];
	if (!timeline_position(&p->tl, p->now, &pos))
		return;
	time_t t0 = p->tl.sessions[pos.session - 1];
	format_long(t0, when, sizeof when);
	if (pos.before) {
		format_countdown(t0, p->now, count, sizeof count);
		/* TRANSLATORS: the session, the number of sessions, how far away
		 * it is ("in 5 days") and its date. */
		printf(_("Session %u of %zu is %s: %s"), pos.session, p->tl.nsessions,
		       count, when);
		putchar('\n');
	} else {
		char *day = format_day_after(pos.day, pos.session, p->tl.nsessions, true);
		printf("%s (%s)\n", day, when);
		free(day);
	}
	printf(_("Phase: %s"), protocol_phase_label(pos.phase));
	putchar('\n');
}

int cli_today(const struct cli *c)
{
	struct plan p;
	int rc = cmd_open_plan(c, &p);
	if (rc != STATUS_OK)
		return rc;
	struct timeline_day day = timeline_day_of(p.now);
	if (c->tsv) {
		for (size_t i = 0; i < p.tl.count; i++)
			if (timeline_today(&p.tl.entries[i], &day) != TODAY_NONE)
				cmd_tsv_row(&p.tl.entries[i]);
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
	/* TRANSLATORS: the heading of today's view, with the date and time. */
	printf(_("Today, %s"), when);
	putchar('\n');
	print_position(&p);
	/* In the days before a session, not in the aftercare of the one
	 * before it. */
	struct timeline_position pos;
	if (timeline_position(&p.tl, p.now, &pos) && pos.before) {
		cmd_print_discuss(&p.cfg);
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
			printf("\n%s\n  - ", _("Your session today"));
			/* TRANSLATORS: "Session 1 of 3, today 10:00 (in 2 h)". */
			printf(_("Session %zu of %zu, %s (%s)"), i + 1, p.tl.nsessions, when, count);
			putchar('\n');
		}
	unsigned char *groups = xmalloc(p.tl.count + 1);
	for (size_t i = 0; i < p.tl.count; i++)
		groups[i] = (unsigned char)timeline_today(&p.tl.entries[i], &day);
	print_group(&p, groups, _("In force now"), TODAY_IN_FORCE);
	print_group(&p, groups, _("Starting later today"), TODAY_STARTING);
	print_group(&p, groups, _("Ending today"), TODAY_ENDING);
	print_group(&p, groups, _("Expect today"), TODAY_EXPECT);
	print_group(&p, groups, _("To do today"), TODAY_TODO);
	free(groups);
	printf("\n%s\n", _("Coming up"));
	size_t shown = 0;
	const struct timeline_event *ev = timeline_next(&p.tl, p.now + 1);
	for (; ev && ev < p.tl.events + p.tl.nevents && shown < 5; ev++, shown++) {
		char *title = format_event_title(ev);
		format_when(ev->when, p.now, when, sizeof when);
		format_countdown(ev->when, p.now, count, sizeof count);
		printf("  %-*s %s (%s)\n", cmd_pad(when, 22), when, title, count);
		free(title);
	}
	if (shown == 0)
		printf("  %s\n", _("nothing more: the course is complete"));
	printf("\n%s\n", format_practitioner_line);
	plan_free(&p);
	return STATUS_OK;
}
