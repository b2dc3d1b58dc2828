/* screening: needlecare screen, the screening questions asked or set. */
#include "cmd/cli.h"
#include "care/format.h"
#include "cmd/cmd.h"
#include "care/config.h"
#include "base/fileio.h"
#include "care/screening.h"
#include "base/i18n.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Takes the configuration's lock and reads it again, as it is now: the
 * answers apply to what another needlecare saved meanwhile. before is the
 * configuration as the command first read it. */
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
	/* TRANSLATORS: y, n and q are typed as they are: keep them. */
	printf("%s\n", _("Answer y or n; Enter keeps the answer shown, q stops."));
	for (size_t i = 0; i < screening_count; i++) {
		signed char a = cfg->answers[i];
		printf("%s [%s] ", _(screening_questions[i].question),
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
			fputs("  (", stdout);
			/* TRANSLATORS: what was typed; y and n stay as they are. */
			printf(_("\"%s\" is neither y nor n: asking again"), line);
			fputs(")\n", stdout);
			i--;
			continue;
		}
	}
}

int cli_screening(const struct cli *c)
{
	struct config before, cfg;
	int rc = cmd_load_config(c, &before);
	if (rc != STATUS_OK) {
		config_free(&before);
		return rc;
	}
	if (c->list) {
		for (size_t i = 0; i < screening_count; i++) {
			signed char a = before.answers[i];
			/* The name and the answer are what is typed back: English. */
			printf("%-18s %-3s %s\n", screening_questions[i].name,
			       a < 0 ? "-" : a ? "yes" : "no", _(screening_questions[i].question));
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
				/* TRANSLATORS: yes and no are typed as they are. */
				warn(_("\"%s\": expected NAME=yes or NAME=no"), c->args[i]);
			else if (!q)
				warn(_("\"%s\" is not a screening question: 'needlecare screen "
				       "--list' shows them"), name);
			else
				/* TRANSLATORS: the question's name, then what was given;
				 * yes and no are typed as they are. */
				warn(_("%s: expected yes or no, but found \"%s\""), name, eq + 1);
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
	/* TRANSLATORS: the configuration file. */
	printf(changed ? _("Answers saved (%s).") : _("Nothing changed (%s)."), cfg.path);
	putchar('\n');
	cmd_print_discuss(&cfg);
	printf("\n%s\n", FORMAT_TREAT_DECISION);
	config_free(&cfg);
	return STATUS_OK;
}
