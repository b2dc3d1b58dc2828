#include "send/due.h"
#include "care/due.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "care/plan.h"
#include "care/state.h"
#include "send/notifier.h"

#include <stdlib.h>
#include <unistd.h>

int due_pass(const struct plan *p, time_t now, size_t *sent_count,
             struct diags *problems)
{
	*sent_count = 0;
	char *path = state_path("state"), *err = NULL;
	/* Marks of a course that needlecare forget deleted meanwhile are
	 * neither sent nor recorded. */
	int lock = fileio_lock(path, p->cfg.exists ? p->cfg.path : NULL, &err);
	if (lock < 0) {
		diags_say(problems, DIAGS_OWN, NULL, 0, "%s", err);
		free(err);
		free(path);
		return STATUS_FAIL;
	}
	struct state s;
	struct diags d = {0};
	if (!state_load(path, &s, &d)) {
		diags_move(problems, &d, NULL);
		fileio_unlock(lock);
		free(path);
		return STATUS_FAIL;
	}
	/* Damaged lines were skipped: said, and the pass goes on. */
	diags_move(problems, &d, DIAGS_OWN);

	struct due_list l;
	due_collect(p, &s, now, &l);
	struct due_notification *msgs;
	size_t n = due_compose(&l, &p->cfg, now, &msgs);
	int rc = STATUS_OK;
	for (size_t i = 0; i < n && rc == STATUS_OK; i++) {
		struct notification notice = {msgs[i].summary, msgs[i].body, msgs[i].urgency};
		char *why;
		if (notifier_send(&notice, &why) != NOTIFY_SENT) {
			/* One line, and the rest stays due for a later pass: the next
			 * notification would meet the same missing desktop. */
			diags_say(problems, DIAGS_OWN, NULL, 0, _("notification not shown: %s"),
			          why);
			free(why);
			rc = STATUS_NO_DESKTOP;
			break;
		}
		due_record(p, &l, &msgs[i], &s, now);
		/* Saved after every notification, so that a crash now cannot
		 * send it twice. */
		if (!state_save(path, &s, &err)) {
			diags_say(problems, DIAGS_OWN, NULL, 0, _("sent, but not recorded: %s"),
			          err);
			free(err);
			rc = STATUS_FAIL;
		}
		(*sent_count)++;
	}
	due_notifications_free(msgs, n);
	due_list_free(&l);
	state_free(&s);
	fileio_unlock(lock);
	free(path);
	return rc;
}

int due_pass_spawn(const struct plan *p, time_t now)
{
	int pid = util_fork_quiet();
	if (pid != 0)
		return pid;
	size_t sent;
	struct diags nobody = {0}; /* the child has no one to tell */
	_exit(due_pass(p, now, &sent, &nobody) == STATUS_OK ? 0 : 1);
}
