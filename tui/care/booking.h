/* booking: adding, moving and cancelling a session of the course: the one
 * use case behind `needlecare book` and the booking screen. Under the
 * configuration's lock, on the file as it is now (config_lock): a session
 * to move or cancel that another needlecare changed meanwhile is refused;
 * a session closer to another than the protocol's min-interval is refused
 * unless forced; so is a moment that has passed (forced, it is the record
 * of a session done). Prints nothing: the result says what happened. */
#ifndef NEEDLECARE_BOOKING_H
#define NEEDLECARE_BOOKING_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/dates.h"
#include "base/util.h"
#include "care/config.h"
#include "care/protocol.h"

enum booking_op { BOOKING_ADD, BOOKING_MOVE, BOOKING_CANCEL };

struct booking_request {
	enum booking_op op;
	/* The configuration as the caller read it: its file, and the session
	 * to move or cancel. Not changed. */
	const struct config *before;
	size_t session;      /* MOVE, CANCEL: the session's index in before */
	struct civil when;   /* ADD, MOVE: the new moment, in the current zone */
	/* The protocol to record in the configuration, or NULL to keep the
	 * file's. */
	const char *protocol;
	/* The protocol whose min-interval applies; NULL: the one the
	 * configuration names (protocol when given), opened here. */
	const struct protocol *interval;
	int answer;              /* a screening answer to record: its index, or -1 */
	signed char answer_value; /* -1 not answered, 0 no, 1 yes */
	bool force_close;        /* book it even when too close to another session */
	bool force_past;         /* record a moment that has passed, as a session done */
	/* MOVE to the session's own moment: nothing is booked or checked, only
	 * protocol and answer are saved (the screen's "Save session N"). */
	bool keep_same;
	time_t now;              /* what "has passed" is judged against */
};

enum booking_status {
	BOOKING_DONE,        /* saved */
	BOOKING_UNREADABLE,  /* the configuration could not be locked or read: lock_status, diags */
	BOOKING_NO_PROTOCOL, /* the protocol of the interval cannot be opened: diags */
	BOOKING_GONE,        /* the session to move or cancel was changed meanwhile: why */
	BOOKING_TOO_CLOSE,   /* refused, not forced: close */
	BOOKING_PAST,        /* refused, not forced: start has passed */
	BOOKING_REFUSED,     /* config_book() refused (a moment already booked): why */
	BOOKING_NOT_SAVED,   /* the configuration could not be written: why */
};

struct booking_result {
	enum booking_status status;
	int lock_status;    /* config_lock()'s: STATUS_FAIL (messages that name the
	                     * file) or STATUS_INVALID (the file's problems) */
	struct diags diags; /* UNREADABLE, NO_PROTOCOL; after a lock that worked,
	                     * what it reported (empty mostly) */
	char *why;          /* GONE, REFUSED, NOT_SAVED: a sentence */
	char *close;        /* why it is too close (TOO_CLOSE; DONE when forced), or NULL */
	time_t start;       /* the session's moment: booked, moved to or cancelled
	                     * (DONE, PAST) */
	bool past;          /* DONE: start had passed, it is a session done */
	bool same;          /* DONE: keep_same applied, nothing was booked */
	bool first;         /* the course had no session before */
	/* The configuration read under the lock, with the change (as saved
	 * when DONE). */
	struct config cfg;
	/* The protocol of the interval (the request's, or opened here); valid
	 * until booking_result_free(). */
	const struct protocol *interval;
	struct protocol *opened;
};

/* Does what r asks, taking and releasing the configuration's lock. out is
 * always filled: free it with booking_result_free(). */
void booking_run(const struct booking_request *r, struct booking_result *out);
void booking_result_free(struct booking_result *r);

/* Why a session at w (the current zone) would be too close to another
 * session of c (skip: the one being moved, or SIZE_MAX), in the words of
 * course_too_close(); NULL when it is not, when the zone is unknown, or
 * when that moment is booked already (config_book() refuses it in its own
 * words). Allocated. */
char *booking_too_close(const struct protocol *p, const struct config *c,
                        const struct civil *w, size_t skip);

#endif
