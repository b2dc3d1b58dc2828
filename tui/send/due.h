/* due: the one-shot pass that sends what has fallen due (care/due.h)
 * through the notifier exactly once, recording each under the state lock.
 * The only part of the engine that calls the notifier. */
#ifndef NEEDLECARE_SEND_DUE_H
#define NEEDLECARE_SEND_DUE_H

#include <stddef.h>
#include <time.h>

#include "base/util.h"

struct plan;

/* One pass: under the state lock, sends what is due and records each
 * notification as sent once the server has it. Returns STATUS_OK,
 * STATUS_NO_DESKTOP (the milestones still due) or STATUS_FAIL (the state
 * could not be read or saved). *sent counts the notifications shown.
 * Prints nothing: appends to problems why a notification was not shown or
 * not recorded, or the state not read, and the damaged lines of the state
 * that were skipped (led by "needlecare: ", but for a state that cannot
 * be read at all, as its loader says it). */
int due_pass(const struct plan *p, time_t now, size_t *sent, struct diags *problems);

/* The same pass in a child process, for the interface, which must never
 * wait on a notification server: returns the child's pid (reap it with
 * waitpid(..., WNOHANG)) or -1. The child's messages go nowhere: they
 * would draw over the screen. */
int due_pass_spawn(const struct plan *p, time_t now);

#endif
