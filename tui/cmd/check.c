/* check: needlecare check, the configuration and the protocol validated;
 * with --lang, the protocol's texts that lack a translation. */
#include "cmd/cli.h"
#include "care/config.h"
#include "care/plan.h"
#include "care/protocol.h"
#include "care/timeline.h"
#include "base/i18n.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>

int cli_check(const struct cli *c)
{
	if (c->lang && !protocol_language_valid(c->lang))
		die(STATUS_USAGE, _("--lang %s: expected a language such as es, es_MX "
		                    "or es@formal"), c->lang);
	struct diags d = {0};
	struct config cfg;
	char *path = c->config_path ? xstrdup(c->config_path) : config_default_path();
	bool cfg_ok = config_load(path, &cfg, &d);
	const char *ref = c->protocol ? c->protocol : cfg.protocol;
	struct protocol *proto = protocol_open_in(ref, i18n_languages(), true, &d);
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
	struct diags lint = {0}, missing = {0};
	if (proto)
		protocol_lint(proto, &d, &lint);
	if (proto && c->lang)
		protocol_untranslated(proto, c->lang, &missing);
	diags_print(&d, stderr);
	/* Warnings do not fail the check: the protocol works, but misleads. */
	for (size_t i = 0; i < lint.n; i++) {
		struct diag *w = &lint.v[i];
		char *msg = xasprintf(_("warning: %s"), w->msg);
		free(w->msg);
		w->msg = msg;
	}
	diags_print(&lint, stderr);
	if (cfg_ok)
		printf(_("configuration %s: %s\n"), path,
		       cfg.exists ? _("ok") : _("not written yet (the defaults apply)"));
	if (proto && d.n == before)
		/* TRANSLATORS: the last word is "ok", or "usable" when there
		 * are warnings. */
		printf(_("protocol %s (%s): %zu milestones, %zu warning-sign rules, %s\n"),
		       proto->name, proto->origin, proto->count, proto->nredflags,
		       lint.n ? _("usable") : _("ok"));
	/* The list asked for, on standard output; a missing translation
	 * fails the check as a problem does, for a translator's script. */
	diags_print(&missing, stdout);
	if (proto && c->lang && !missing.n)
		printf(_("every text has a translation for %s\n"), c->lang);
	else if (missing.n)
		printf(P_("%zu text has no translation for %s\n",
		          "%zu texts have no translation for %s\n", missing.n),
		       missing.n, c->lang);
	int rc = d.n || missing.n ? STATUS_INVALID : STATUS_OK;
	if (d.n)
		printf(P_("%zu problem found\n", "%zu problems found\n", d.n), d.n);
	if (lint.n)
		printf(P_("%zu warning\n", "%zu warnings\n", lint.n), lint.n);
	diags_free(&missing);
	diags_free(&lint);
	diags_free(&d);
	protocol_free(proto);
	config_free(&cfg);
	free(path);
	return rc;
}
