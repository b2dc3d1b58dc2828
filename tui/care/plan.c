#include "care/plan.h"
#include "base/i18n.h"
#include "care/state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void plan_free(struct plan *p)
{
	if (p->cached) {
		p->release(p->cached);
		memset(p, 0, sizeof *p);
		return;
	}
	for (size_t i = 0; p->keys && i < p->tl.nsessions; i++)
		free(p->keys[i]);
	free(p->keys);
	free(p->booked);
	timeline_free(&p->tl);
	protocol_free(p->proto);
	config_free(&p->cfg);
	memset(p, 0, sizeof *p);
}

const char *plan_session_key(const struct plan *p, unsigned n)
{
	return n >= 1 && n <= p->tl.nsessions ? p->keys[n - 1] : "";
}

static int load(struct plan *p, const struct plan_options *o, bool need_session,
                struct diags *problems)
{
	struct diags d = {0};
	char *path = o->config_path ? xstrdup(o->config_path) : config_default_path();
	bool ok = config_load(path, &p->cfg, problems);
	free(path);
	if (!ok)
		return STATUS_INVALID;
	size_t n = o->session ? 1 : p->cfg.nsessions;
	time_t *sessions = xcalloc(n, sizeof *sessions);
	p->keys = xcalloc(n, sizeof *p->keys);
	p->booked = xcalloc(n, sizeof *p->booked);
	if (o->session) {
		struct civil w;
		char why[DATES_WHY];
		if (!dates_parse_moment(o->session, false, &w, why, sizeof why)) {
			diags_say(problems, DIAGS_OWN, NULL, 0, "--session: %s", why);
			free(sessions);
			return STATUS_USAGE;
		}
		char *zone = dates_current_zone();
		sessions[0] = dates_resolve(&w);
		p->keys[0] = state_session_key(&w, zone);
		free(zone);
	} else {
		for (size_t i = 0; i < n; i++) {
			sessions[i] = p->cfg.sessions[i].start;
			p->keys[i] = state_session_key(&p->cfg.sessions[i].wall,
			                               p->cfg.sessions[i].zone);
			p->booked[i] = p->cfg.sessions[i].booked_at;
		}
	}
	if (n == 0 && need_session) {
		diags_say(problems, DIAGS_OWN, NULL, 0, _("no session is booked: book one with "
		            "'needlecare book YYYY-MM-DD HH:MM', or try one with --session"));
		free(sessions);
		return STATUS_NO_SESSION;
	}
	p->proto = protocol_open(o->protocol ? o->protocol : p->cfg.protocol, &d);
	if (!p->proto) {
		diags_move(problems, &d, NULL);
		free(sessions);
		/* plan_free() frees as many keys as the timeline has sessions:
		 * none yet. */
		for (size_t i = 0; i < n; i++) {
			free(p->keys[i]);
			p->keys[i] = NULL;
		}
		return STATUS_INVALID;
	}
	size_t nyes;
	const char **yes = config_yes_answers(&p->cfg, &nyes);
	struct plan_input in = {
		.protocol = p->proto, .sessions = sessions, .nsessions = n,
		.reminder_minute = p->cfg.reminder_minute, .yes = yes, .nyes = nyes,
	};
	/* Sessions from the configuration are sorted already, so keys[i]
	 * stays the key of timeline session i + 1. */
	timeline_build(&p->tl, &in, &d);
	p->nwarnings = d.n;
	/* Kept for as long as the diagnostics that point at it. */
	static char lead[64];
	snprintf(lead, sizeof lead, "%s%s", DIAGS_OWN, _("warning: "));
	diags_move(problems, &d, lead);
	free(yes);
	free(sessions);
	p->now = dates_now();
	return STATUS_OK;
}

int plan_open(struct plan *p, const struct plan_options *o, bool need_session,
              struct diags *problems)
{
	memset(p, 0, sizeof *p);
	int rc = load(p, o, need_session, problems);
	if (rc != STATUS_OK)
		plan_free(p);
	return rc;
}
