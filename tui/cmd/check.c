/* check: needlecare check, the configuration and the protocol validated. */
#include "cmd/cli.h"
#include "care/config.h"
#include "care/plan.h"
#include "care/protocol.h"
#include "care/timeline.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>

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
