/* notify: needlecare notify (one pass) and needlecare daemon. */
#include "cmd/report.h"
#include "cmd/cli.h"
#include "cmd/daemon.h"
#include "send/due.h"
#include "care/plan.h"
#include "base/util.h"

int cli_notify(const struct cli *c)
{
	struct plan p;
	struct plan_options o = {c->config_path, c->protocol, c->session};
	int rc = report_open_plan(&p, &o, false, false);
	if (rc != STATUS_OK)
		return rc;
	size_t sent;
	rc = report_due_pass(&p, p.now, &sent);
	plan_free(&p);
	return rc;
}

int cli_daemon(const struct cli *c)
{
	struct plan_options o = {c->config_path, c->protocol, c->session};
	return daemon_run(&o);
}
