/* cmd: what the commands share: opening the plan or the configuration, the
 * TSV row, the word for a warning's level, and the screening answers to
 * discuss. */
#include "cmd/report.h"
#include "cmd/cmd.h"
#include "base/i18n.h"
#include "base/util.h"
#include "care/format.h"
#include "care/screening.h"

#include <stdio.h>
#include <stdlib.h>

int cmd_open_plan(const struct cli *c, struct plan *p)
{
	struct plan_options o = {c->config_path, c->protocol, c->session};
	/* today, timeline and next only read the plan: the cache serves them. */
	return report_open_plan(p, &o, true, true);
}

int cmd_load_config(const struct cli *c, struct config *cfg)
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

int cmd_pad(const char *s, int columns)
{
	/* Each byte that continues a UTF-8 character takes no column. */
	for (; *s; s++)
		columns += ((unsigned char)*s & 0xc0) == 0x80;
	return columns;
}

void cmd_tsv_row(const struct timeline_entry *e)
{
	char start[20], end[20] = "";
	dates_format_iso(e->start, start, sizeof start);
	if (e->m->window)
		dates_format_iso(e->end, end, sizeof end);
	printf("%s\t%s\t%s\t%s\t%s\t%s\t%u\n", start, end, e->m->id,
	       protocol_kind_name(e->m->kind), protocol_phase_name(e->m->phase),
	       e->m->title, e->session);
}

const char *cmd_level_word(int urgency)
{
	/* TRANSLATORS: the level of a warning sign, written before its
	 * title in capitals, as "EMERGENCY: Trouble breathing". */
	return urgency == URGENCY_EMERGENCY ? _("EMERGENCY") :
	       /* TRANSLATORS: the level of a warning sign, before its title:
	        * "WARNING: Spreading redness". */
	       urgency == URGENCY_CRITICAL ? _("WARNING") :
	       /* TRANSLATORS: the mildest level of a warning sign, before its
	        * title: "NOTE: Dryness higher than the day before". */
	       _("NOTE");
}

void cmd_print_discuss(const struct config *cfg)
{
	bool header = false;
	for (size_t i = 0; i < screening_count; i++) {
		if (cfg->answers[i] != 1)
			continue;
		if (!header)
			printf("\n%s\n", format_discuss_heading);
		header = true;
		fputs("  ! ", stdout);
		/* TRANSLATORS: a screening question, then why a yes matters. */
		printf(_("%s You answered yes: %s."), _(screening_questions[i].question),
		       _(screening_questions[i].reason));
		putchar('\n');
	}
}
