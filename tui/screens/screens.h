/* screens: the one list of the interface's screens. Everything that is
 * per screen and not inside the screen's own file is derived from it: the
 * screen ids, the ON_ bits of the action table (keys.c), the table of ops
 * the loop calls (ui.c), the headings of the help. A new screen is its file,
 * screen_NAME.c defining screen_NAME_ops, and one row here.
 *
 * A row: X(ID, NAME, GO, TITLE): SCREEN_ID and ON_ID are made from ID,
 * screen_NAME_ops is the screen's ops (screen.h), GO the action that shows
 * it (ACT_NONE: none; a key of its own also needs its action in keys.h, its
 * bindings and help line in keys.c and its line in needlecare(1)), TITLE
 * the heading of its keys in the help. The order is the Tab order (help
 * is left out of it), which the digit keys of keys.c follow. Only names
 * and numbers: no object file
 * depends on another through this header, so the action table below the
 * screens (keys.c) can include it. */
#ifndef NEEDLECARE_SCREENS_H
#define NEEDLECARE_SCREENS_H

#include "base/i18n.h"

#include "term/keys.h"

#define SCREENS(X)                                                    \
	X(TODAY, today, ACT_GO_TODAY, N_("Today"))                        \
	X(TIMELINE, timeline, ACT_GO_TIMELINE, N_("Timeline"))            \
	X(CHECKLIST, checklist, ACT_GO_CHECKLIST, N_("Checklist"))        \
	X(BOOKING, booking, ACT_GO_BOOKING, N_("Booking"))                \
	X(HELP, help, ACT_HELP, N_("Help"))                               \
	X(CHECKIN, checkin, ACT_GO_CHECKIN, N_("Check-in"))               \
	X(JOURNAL, journal, ACT_GO_JOURNAL, N_("Journal"))                \
	X(SCREENING, screening, ACT_GO_SCREENING, N_("Screening"))

#define SCREEN_ID_(ID, name, go, title) SCREEN_##ID,
enum screen_id {
	SCREENS(SCREEN_ID_)
	SCREEN_COUNT
};
#undef SCREEN_ID_

/* Where an action works (keys.h's `on`): one bit per screen. */
#define SCREEN_BIT(s) (1u << (s))
#define SCREEN_ON_(ID, name, go, title) ON_##ID = SCREEN_BIT(SCREEN_##ID),
enum {
	SCREENS(SCREEN_ON_)
	ON_ALL = SCREEN_BIT(SCREEN_COUNT) - 1
};
#undef SCREEN_ON_

#endif
