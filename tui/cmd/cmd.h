/* cmd: what the command files (tui/cmd/NAME.c, one a command or family)
 * share. Not for main.c, which knows the commands through cli.h. */
#ifndef NEEDLECARE_CMD_H
#define NEEDLECARE_CMD_H

#include <stddef.h>

#include "cmd/cli.h"
#include "care/config.h"
#include "care/plan.h"
#include "care/timeline.h"

/* The plan, from the cache while it is current (plan_open_cached), for the
 * commands that only read it; a session is needed. The exit status, every
 * problem printed. */
int cmd_open_plan(const struct cli *c, struct plan *p);
/* The configuration (--config or the default): STATUS_OK, or
 * STATUS_INVALID with its problems printed. config_free(cfg) in any case. */
int cmd_load_config(const struct cli *c, struct config *cfg);
/* The width to give printf's %-*s for s to fill columns on the screen:
 * printf counts bytes, and a translated word may hold letters of two or
 * more ("mañana"). */
int cmd_pad(const char *s, int columns);
/* One milestone as a line of --format tsv. */
void cmd_tsv_row(const struct timeline_entry *e);
/* The word before a tripped rule's title: EMERGENCY, WARNING or NOTE. */
const char *cmd_level_word(int urgency);
/* The screening questions answered yes, under their heading; nothing when
 * there is none. */
void cmd_print_discuss(const struct config *cfg);

#endif
