/* timeline: sessions + protocol -> dated milestones. Pure: no clock, no
 * files; "now" is always an argument. */
#ifndef NEEDLECARE_TIMELINE_H
#define NEEDLECARE_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "care/protocol.h"
#include "base/util.h"

/* A milestone dated for one session. */
struct timeline_entry {
	const struct milestone *m; /* points into the protocol */
	unsigned session;          /* its session's number, 1 for the first */
	time_t start;
	time_t end;                /* == start when the milestone is a moment */
};

/* Something that happens at one moment: a milestone starts, or a window
 * ends. Notifications announce events; "next" is the next event. */
struct timeline_event {
	const struct timeline_entry *entry;
	bool is_end;
	time_t when;
};

/* A phase of one session begins: the course is in it until the next band. */
struct timeline_band {
	unsigned session;
	enum milestone_phase phase;
	time_t start;
};

struct timeline {
	struct timeline_entry *entries; /* by start, then session, then file order */
	size_t count;
	struct timeline_event *events;  /* by time */
	size_t nevents;
	time_t *sessions;      /* the session moments, sorted */
	size_t nsessions;
	struct timeline_band *bands;    /* by start: where the course stands, any moment */
	size_t nbands;
};

struct plan_input {
	const struct protocol *protocol;
	const time_t *sessions;  /* sorted */
	size_t nsessions;
	int reminder_minute;     /* where calendar offsets land by default */
	const char *const *yes;  /* screening answers that are "yes" */
	size_t nyes;
};

/* Dates every milestone that applies to every session. A window whose end
 * falls before its start for some session (possible when start and end use
 * different units) is reported in d and shortened to a moment. */
void timeline_build(struct timeline *t, const struct plan_input *in,
                    struct diags *d);
void timeline_free(struct timeline *t);

/* Whether the end of m's window is an event worth telling: it has an
 * end-title, or it ends a restriction or a task. "End: Your session" or
 * "End: tiny dots of blood" are not news. */
bool timeline_end_told(const struct milestone *m);

/* A window that is in force at now: start <= now < end. */
bool timeline_in_force(const struct timeline_entry *e, time_t now);

/* How a milestone concerns the day of now, for the today views. */
enum today_group {
	TODAY_NONE,     /* not today */
	TODAY_IN_FORCE, /* a restriction in force now */
	TODAY_STARTING, /* a restriction that starts later today */
	TODAY_ENDING,   /* a window that ends today: "may come back" */
	TODAY_EXPECT,   /* an expectation or information for today */
	TODAY_TODO,     /* a task or check-in for today */
};
/* The local calendar day of now, as the moments [start, end): worked out
 * once, so that asking of every milestone whether it falls today costs
 * two comparisons, not two calendar conversions. */
struct timeline_day {
	time_t now, start, end;
};
struct timeline_day timeline_day_of(time_t now);
/* A milestone belongs to today when it is in force now, or starts or ends
 * on now's date. */
enum today_group timeline_today(const struct timeline_entry *e, const struct timeline_day *d);

/* The first event at or after now, or NULL. */
const struct timeline_event *timeline_next(const struct timeline *t, time_t now);

struct journal;
/* The check-in milestone that is due and not done: the latest one that has
 * started by now with no journal entry since its start, until the next one
 * starts or its second day after ends. NULL if none. */
const struct timeline_entry *timeline_checkin_due(const struct timeline *t,
                                         const struct journal *j, time_t now);
/* A check-in that lapsed with no journal entry, on the day it lapsed (and
 * only then): to be shown once as missed. NULL if none. */
const struct timeline_entry *timeline_checkin_missed(const struct timeline *t,
                                            const struct journal *j, time_t now);

/* Calendar days from the latest session that began by when (or, before
 * the first, to it: negative), and that session's number. False with no
 * session. */
bool timeline_day(const struct timeline *t, time_t when, long *day,
                  unsigned *session);

/* Where now stands in the course. */
struct timeline_position {
	unsigned session;    /* the session it is about (1-based), 0 if none */
	enum milestone_phase phase;
	time_t phase_start, phase_end; /* phase_end 0: open-ended */
	long day;            /* calendar days since that session (negative before) */
	bool before;         /* the session is still ahead */
};
bool timeline_position(const struct timeline *t, time_t now, struct timeline_position *p);

#endif
