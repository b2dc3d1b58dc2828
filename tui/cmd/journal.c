/* journal: needlecare journal, as text, TSV, a summary or a CSV export. */
#include "care/rules.h"
#include "cmd/report.h"
#include "cmd/cli.h"
#include "cmd/cmd.h"
#include "base/dates.h"
#include "base/fileio.h"
#include "care/format.h"
#include "care/journal.h"
#include "care/plan.h"
#include "care/timeline.h"
#include "base/i18n.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>

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
		printf("%s\n", _("The journal is empty. Add a check-in with "
		                 "'needlecare log redness=1 pain=0'."));
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
			if (ci->rating[r] >= 0) {
				const char *label = _(checkin_ratings[r].label);
				printf("  %-*s %d %s\n", cmd_pad(label, 20), label, ci->rating[r],
				       _(checkin_scale[ci->rating[r]]));
			}
		for (int g = 0; g < SIGN_COUNT; g++)
			if (ci->sign[g] == 1)
				printf("  ! %s\n", _(checkin_signs[g].label));
		if (ci->note) {
			fputs("  ", stdout);
			/* TRANSLATORS: the patient's own note of a check-in. */
			printf(_("Note: %s"), ci->note);
			putchar('\n');
		}
		if (ci->photo) {
			fputs("  ", stdout);
			/* TRANSLATORS: the photo of a check-in: a file name. */
			printf(_("Photo: %s"), ci->photo);
			putchar('\n');
		}
		const struct redflag **tripped = xcalloc(p->proto->nredflags + 1, sizeof *tripped);
		size_t n = rules_tripped(p, j, i, tripped);
		for (size_t k = 0; k < n; k++)
			printf("  %s: %s: %s\n", cmd_level_word(tripped[k]->urgency),
			       tripped[k]->title, tripped[k]->action);
		free(tripped);
	}
	bool photos = false;
	for (size_t i = 0; i < j->n; i++) {
		if (!j->v[i].photo)
			continue;
		if (!photos)
			printf("\n%s\n", _("Photos"));
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
	/* TRANSLATORS: the heading of the summary for the practitioner, with
	 * today's date. */
	printf(_("Healing summary from needlecare, %s"), when);
	putchar('\n');
	long day;
	unsigned s;
	if (timeline_day(&p->tl, p->now, &day, &s)) {
		format_long(p->tl.sessions[s - 1], when, sizeof when);
		char *today = format_course_day(&p->tl, p->now);
		/* TRANSLATORS: the session, the number of sessions, its date, and
		 * today's day of the course ("day 3 after session 1 of 2"). */
		printf(_("Session %u of %zu: %s; today is %s."), s, p->tl.nsessions,
		       when, today);
		putchar('\n');
		free(today);
	}
	if (j->n == 0) {
		printf("%s\n", _("No check-ins yet."));
		return;
	}
	printf("\n%s\n", _("Latest ratings (0 none, 1 mild, 2 moderate, 3 marked):"));
	for (int r = 0; r < RATING_COUNT; r++) {
		for (size_t i = j->n; i-- > 0;) {
			if (j->v[i].rating[r] < 0)
				continue;
			format_long(j->v[i].when, when, sizeof when);
			const char *label = _(checkin_ratings[r].label);
			const char *scale = _(checkin_scale[j->v[i].rating[r]]);
			printf("  %-*s %d %-*s (%s)\n", cmd_pad(label, 20), label,
			       j->v[i].rating[r], cmd_pad(scale, 9), scale, when);
			break;
		}
	}
	printf("\n%s\n", _("Warning signs answered yes:"));
	bool any = false;
	for (size_t i = 0; i < j->n; i++)
		for (int g = 0; g < SIGN_COUNT; g++)
			if (j->v[i].sign[g] == 1) {
				format_long(j->v[i].when, when, sizeof when);
				printf("  %s (%s)\n", _(checkin_signs[g].label), when);
				any = true;
			}
	if (!any)
		/* TRANSLATORS: under a heading of the summary: no warning sign,
		 * or no note. */
		printf("  %s\n", _("none"));
	printf("\n%s\n", _("Notes:"));
	any = false;
	for (size_t i = 0; i < j->n; i++)
		if (j->v[i].note) {
			format_long(j->v[i].when, when, sizeof when);
			printf("  %s: %s\n", when, j->v[i].note);
			any = true;
		}
	if (!any)
		printf("  %s\n", _("none"));
	printf("\n%s\n", _("These are the patient's own ratings, recorded with needlecare."));
}

static int export_csv(const struct plan *p, const struct journal *j, const char *file)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		die(STATUS_FAIL, "%s", _("out of memory"));
	fputs("time,day,redness,swelling,dryness,pain", f);
	for (int g = 0; g < SIGN_COUNT; g++)
		fprintf(f, "%s,%s", g == SIGN_FIRST_COUNT ? ",photo,note" : "",
		        checkin_signs[g].name);
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
	/* TRANSLATORS: the number of check-ins, then the file written. */
	printf(P_("Exported %zu check-in to %s.", "Exported %zu check-ins to %s.", j->n),
	       j->n, file);
	putchar('\n');
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
