/* log: needlecare log, a check-in, and log --ack. */
#include "care/rules.h"
#include "cmd/report.h"
#include "cmd/cli.h"
#include "cmd/cmd.h"
#include "care/format.h"
#include "care/journal.h"
#include "send/alert.h"
#include "care/plan.h"
#include "care/state.h"
#include "base/i18n.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>

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
	size_t entry, n = rules_unread(p, &j, &s, &entry, f);
	char **keys = xcalloc(n + 1, sizeof *keys);
	for (size_t i = 0; i < n; i++)
		keys[i] = rules_alert_key(&j.v[entry], f[i]);
	if (n == 0) {
		printf("%s\n", _("No warning is waiting to be read."));
	} else if (!state_mark(spath, p->cfg.exists ? p->cfg.path : NULL, MARK_ACK,
	                       rules_alert_session, (const char *const *)keys, n, true,
	                       p->now, NULL, &err)) {
		warn(_("the warnings are still unread: %s"), err);
		free(err);
		rc = STATUS_FAIL;
	} else {
		for (size_t i = 0; i < n; i++) {
			/* TRANSLATORS: the title of a warning sign. */
			printf(_("Acknowledged: %s."), f[i]->title);
			putchar('\n');
		}
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
			warn("%s", _("log --ack takes no NAME=VALUE: acknowledge the warnings, "
			             "then log the check-in"));
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
		warn("log: %s", _("expected at least one rating, sign, note or photo, such as "
		                   "'needlecare log redness=2 pain=1'"));
		plan_free(&p);
		return STATUS_USAGE;
	}
	char *path = journal_path(), *err;
	if (!journal_append(path, &in, &err)) {
		warn(_("the check-in was not saved: %s"), err);
		free(err);
		free(path);
		checkin_free(&in);
		plan_free(&p);
		return STATUS_FAIL;
	}
	checkin_free(&in);
	char *day = format_course_day(&p.tl, p.now);
	if (day)
		/* TRANSLATORS: the day of the course, as "Day 3 after session 1
		 * of 2". */
		printf(_("Check-in saved: %s."), day);
	else
		fputs(_("Check-in saved."), stdout);
	putchar('\n');
	free(day);

	/* Judged against the whole journal, for "higher than the day before". */
	struct journal j;
	struct diags d = {0};
	journal_load(path, &j, &d);
	diags_free(&d);
	free(path);
	struct checkin_warning w;
	rules_warning_compose(&p, &j, &w);
	for (size_t i = 0; i < w.n; i++)
		printf("\n%s: %s\n  %s\n", cmd_level_word(w.tripped[i]->urgency),
		       w.tripped[i]->title, w.tripped[i]->action);
	if (w.n) {
		char *who = format_clinic(&p.cfg);
		if (!who)
			who = format_no_phone(&p.cfg);
		printf("\n%s\n", who);
		free(who);
		/* One notification for the check-in, however many rules it trips. */
		char *why;
		if (!alert_warning(&w, ALERT_WAIT, &why)) {
			warn(_("warning not shown on the desktop: %s"), why);
			free(why);
		}
		printf("\n%s\n", format_no_diagnosis);
	}
	rules_warning_free(&w);
	journal_free(&j);
	plan_free(&p);
	return STATUS_OK;
}
