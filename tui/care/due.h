/* due: which announcements have fallen due and were not sent, and how
 * they are worded and grouped. It computes and sends nothing: the sending
 * pass (send/due.h) and the interface hand its messages to the notifier. */
#ifndef NEEDLECARE_DUE_H
#define NEEDLECARE_DUE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "care/plan.h"
#include "care/state.h"

/* Sent later than this after its time, an announcement says it is late. */
#define DUE_LATE_AFTER (15 * 60)
/* More late announcements than this go as one summary. */
#define DUE_CATCH_UP_MAX 3

struct due {
	const struct timeline_event *event;
	time_t at;  /* when it may be announced: its time, or after quiet hours */
	bool late;
};

struct due_list {
	struct due *v;
	size_t n;
};

/* When an event may be announced: its time, moved to the end of the quiet
 * hours when it falls inside them. */
time_t due_time(const struct config *c, time_t when);
/* Whether the event is ever announced: notify = yes, and not already past
 * when its session was booked. */
bool due_announced(const struct plan *p, const struct timeline_event *e);

/* The announcements due at now and not yet marked sent, by time. */
void due_collect(const struct plan *p, const struct state *s, time_t now,
                 struct due_list *out);
void due_list_free(struct due_list *l);
/* The next moment after now at which something falls due, or 0. */
time_t due_next(const struct plan *p, const struct state *s, time_t now);

/* One notification covering items [first, first + count) of a due list. */
struct due_notification {
	char *summary, *body;
	enum urgency urgency;
	size_t first, count;
};

/* Groups a due list into notifications, reordering l so that each
 * message covers a run of it: those due at the same moment go together,
 * but an urgent one (critical) always goes alone; more than
 * DUE_CATCH_UP_MAX late routine ones go as one summary; a discreet message
 * (c->discreet) names no health detail; a body with contact = yes names
 * c's clinic. */
size_t due_compose(struct due_list *l, const struct config *c, time_t now,
                   struct due_notification **out);
void due_notifications_free(struct due_notification *m, size_t n);
/* Marks in s the items of l that m covers as sent at now: due_collect()
 * then no longer finds them. */
void due_record(const struct plan *p, const struct due_list *l,
                const struct due_notification *m, struct state *s, time_t now);

/* What a booking made late finds already in force: the restrictions of
 * the session at start in c's course, dated with proto, that started
 * before now and have not ended. A notification listing each with its end
 * (summary and body allocated, count their number), or one with count 0
 * and no text when there is none or the session is past. discreet: no
 * health detail, for a notification in discreet mode. */
struct due_notification due_booking_news(const struct protocol *proto, const struct config *c,
                                time_t start, time_t now, bool discreet);

#endif
