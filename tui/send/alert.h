/* alert: the notifications that answer something the patient just did,
 * sent at once rather than when due: the warning of a check-in, and what a
 * late booking finds already in force. The same for the commands, which
 * wait for the notification server and say why it failed, and the
 * interface, which must never wait. The only callers of the notifier
 * besides the due pass. */
#ifndef NEEDLECARE_ALERT_H
#define NEEDLECARE_ALERT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "care/config.h"
#include "care/protocol.h"
#include "care/rules.h"

enum alert_mode {
	ALERT_WAIT,  /* shown before it returns (notifier_send) */
	ALERT_ASYNC, /* shown by a child process (notifier_send_async) */
};

/* Sends w's notice, when it has one. False, with an allocated sentence in
 * *why, when it could not be shown (ALERT_ASYNC: not even started). */
bool alert_warning(const struct checkin_warning *w, enum alert_mode m, char **why);

/* Sends what the session at start of c's course finds already in force
 * (due_booking_news(), discreet as c says; nothing when there is none).
 * *count: how many pauses it lists. False, with *why allocated, when it
 * could not be shown. */
bool alert_booking(const struct protocol *proto, const struct config *c,
                   time_t start, time_t now, enum alert_mode m, size_t *count,
                   char **why);

#endif
