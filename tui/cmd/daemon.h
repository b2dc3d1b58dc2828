/* daemon: stays running and sleeps until the next announcement falls due,
 * with no polling. Wakes on a changed configuration or protocol, a clock
 * change, a time-zone change and a resume from suspend. */
#ifndef NEEDLECARE_DAEMON_H
#define NEEDLECARE_DAEMON_H

#include "care/plan.h"

/* Runs until SIGTERM or SIGINT. Returns an exit status; refuses to start
 * (STATUS_FAIL) when another daemon of the same user runs, naming it. */
int daemon_run(const struct plan_options *o);

#endif
