/* timeline: needlecare timeline, every milestone of every session. */
#include "cmd/cli.h"
#include "cmd/cmd.h"
#include "care/format.h"
#include "care/plan.h"
#include "care/protocol.h"
#include "care/timeline.h"
#include "base/i18n.h"
#include "base/util.h"

#include <stdio.h>

int cli_timeline(const struct cli *c)
{
	struct plan p;
	int rc = cmd_open_plan(c, &p);
	if (rc != STATUS_OK)
		return rc;
	if (c->tsv) {
		for (size_t i = 0; i < p.tl.count; i++)
			cmd_tsv_row(&p.tl.entries[i]);
		plan_free(&p);
		return STATUS_OK;
	}
	/* TRANSLATORS: the protocol's name, where it was read from, and the
	 * number of sessions: "Microneedling protocol (built in), 3 sessions". */
	printf(P_("%s protocol (%s), %zu session", "%s protocol (%s), %zu sessions",
	          p.tl.nsessions), p.proto->name, p.proto->origin, p.tl.nsessions);
	printf("\n%s\n", format_practitioner_line);
	char when[40], end[40], count[40];
	for (unsigned s = 1; s <= p.tl.nsessions; s++) {
		format_long(p.tl.sessions[s - 1], when, sizeof when);
		format_countdown(p.tl.sessions[s - 1], p.now, count, sizeof count);
		printf("\n");
		/* TRANSLATORS: "Session 1 of 3: Thu 10 Dec 2026 10:00 (in 5 days)". */
		printf(_("Session %u of %zu: %s (%s)"), s, p.tl.nsessions, when, count);
		printf("\n");
		/* By date, the phase as a heading where it changes. */
		int last = -1;
		for (size_t i = 0; i < p.tl.count; i++) {
			const struct timeline_entry *e = &p.tl.entries[i];
			if (e->session != s)
				continue;
			if ((int)e->m->phase != last)
				printf("  %s\n", protocol_phase_label(e->m->phase));
			last = (int)e->m->phase;
			format_when(e->start, p.now, when, sizeof when);
			format_countdown(e->start, p.now, count, sizeof count);
			printf("    %-*s %s (%s)\n", cmd_pad(when, 22), when, e->m->title, count);
			if (e->m->window) {
				format_when(e->end, p.now, end, sizeof end);
				format_countdown(e->end, p.now, count, sizeof count);
				printf("    %-22s ", "");
				/* TRANSLATORS: the end of a pause, and how far away it is:
				 * "until Thu 17 Dec 10:00 (in 12 days)". */
				printf(_("until %s (%s)"), end, count);
				printf("\n");
			}
		}
	}
	plan_free(&p);
	return STATUS_OK;
}
