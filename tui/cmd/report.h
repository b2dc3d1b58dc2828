/* report: the engine returns its problems and warnings as values (struct
 * diags); these wrappers of what the commands call print them on standard
 * error, as the commands always have. */
#ifndef NEEDLECARE_REPORT_H
#define NEEDLECARE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct plan;
struct plan_options;

/* plan_open(), or with cached cache_open(), printing what it returns. */
int report_open_plan(struct plan *p, const struct plan_options *o, bool need_session,
                     bool cached);
/* due_pass(), printing what it returns. */
int report_due_pass(const struct plan *p, time_t now, size_t *sent);

#endif
