/* ui: the full-screen interface's event loop. It reads keys, hands their
 * actions to the current screen, and redraws; it wakes at most once a
 * minute when idle, to move the countdowns on. */
#ifndef NEEDLECARE_UI_H
#define NEEDLECARE_UI_H

#include "care/plan.h"

/* Runs the interface on the terminal until the patient quits. Returns an
 * exit status (util.h): STATUS_OK after q; the plan's status when the
 * configuration or protocol cannot be loaded (the problems are printed,
 * and the screen is never opened); STATUS_FAIL when the terminal cannot
 * be used. On SIGINT, SIGTERM or SIGHUP it restores the terminal, then
 * dies of the same signal. */
int ui_run(const struct plan_options *o);

#endif
