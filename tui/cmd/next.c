/* next: needlecare next, one line (or waybar's JSON) for a status bar. */
#include "cmd/report.h"
#include "cmd/cli.h"
#include "cmd/cmd.h"
#include "care/format.h"
#include "care/plan.h"
#include "care/protocol.h"
#include "care/timeline.h"
#include "base/i18n.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>

/* next --format json: the fields of waybar's custom module. text is the
 * line of plain next; alt the phase (for format-icons); class the kind of
 * the next milestone (for CSS); percentage how far through its phase now
 * is; tooltip the milestone with its date, and what is paused now. */
static void next_json(const struct plan *p, const struct timeline_event *ev)
{
	char count[40], when[40];
	char *title = ev ? format_event_title(ev) : xstrdup(_("the course is complete"));
	if (ev)
		format_countdown(ev->when, p->now, count, sizeof count);
	/* TRANSLATORS: the words of a status bar when nothing is ahead: short. */
	char *text = ev ? xasprintf("%s: %s", count, title) : xstrdup(_("course complete"));
	struct timeline_position pos;
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
		die(STATUS_FAIL, "%s", _("out of memory"));
	if (ev) {
		format_long(ev->when, when, sizeof when);
		fprintf(f, "%s\n%s (%s)", title, when, count);
	} else {
		fputs(_("Every milestone of the course is past."), f);
	}
	for (size_t i = 0; i < p->tl.count; i++) {
		const struct timeline_entry *e = &p->tl.entries[i];
		if (e->m->kind != KIND_RESTRICTION || !timeline_in_force(e, p->now))
			continue;
		format_when(e->end, p->now, when, sizeof when);
		if (len++)
			fputc('\n', f);
		else
			fprintf(f, "\n\n%s\n", _("In force now:"));
		/* TRANSLATORS: a pause in force and when it ends: "No retinol until
		 * Thu 17 Dec 10:00". */
		fprintf(f, _("%s until %s"), e->m->title, when);
	}
	fprintf(f, "\n\n%s", format_practitioner_line);
	if (fclose(f) != 0)
		die(STATUS_FAIL, "%s", _("out of memory"));
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
	const struct timeline_event *ev = timeline_next(&p.tl, p.now);
	if (c->json && p.tl.nsessions == 0) {
		/* The keys and the class are waybar's; the text and the tooltip are
		 * read. */
		char *jt = format_json_string(_("no session booked"));
		char *jtip = format_json_string(_("No session is booked: "
		                                  "needlecare book YYYY-MM-DD HH:MM"));
		printf("{\"text\":%s,\"alt\":\"\",\"tooltip\":%s,"
		       "\"class\":\"none\",\"percentage\":0}\n", jt, jtip);
		free(jt);
		free(jtip);
	} else if (c->json) {
		next_json(&p, ev);
	} else if (ev && c->tsv) {
		cmd_tsv_row(ev->entry);
	} else if (ev) {
		char count[40];
		char *title = format_event_title(ev);
		format_countdown(ev->when, p.now, count, sizeof count);
		printf("%s: %s\n", count, title);
		free(title);
	} else if (!c->tsv) {
		printf("%s\n", _("nothing ahead: the course is complete"));
	}
	plan_free(&p);
	return STATUS_OK;
}
