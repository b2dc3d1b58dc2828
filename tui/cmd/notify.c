/* notify: needlecare notify (one pass) and needlecare daemon. */
#include "cmd/cli.h"
#include "cmd/daemon.h"
#include "send/due.h"
#include "care/plan.h"
#include "base/util.h"

int cli_notify(const struct cli *c)
{
	struct plan p;
	struct plan_options o = {c->config_path, c->protocol, c->session};
	int rc = plan_open(&p, &o, false);
	if (rc != STATUS_OK)
		return rc;
	size_t sent;
	rc = due_pass(&p, p.now, &sent);
	plan_free(&p);
	return rc;
}

int cli_daemon(const struct cli *c)
{
	struct plan_options o = {c->config_path, c->protocol, c->session};
	return daemon_run(&o);
}
