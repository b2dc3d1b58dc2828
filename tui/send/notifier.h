/* notifier: delivery only. Shows one desktop notification through
 * libnotify, which is loaded in a short-lived child process: libnotify can
 * block for 75 seconds on a server that never answers, and merely linking
 * it would slow every start of needlecare. The only file that touches
 * libnotify. */
#ifndef NEEDLECARE_NOTIFIER_H
#define NEEDLECARE_NOTIFIER_H

#include "care/urgency.h"

/* How long a notification may take before needlecare gives up on it. */
#define NOTIFIER_TIMEOUT 5

enum notify_result {
	NOTIFY_SENT,
	NOTIFY_NO_BUS,    /* no D-Bus session bus */
	NOTIFY_NO_SERVER, /* nobody owns org.freedesktop.Notifications */
	NOTIFY_TIMEOUT,   /* the server did not answer in time */
	NOTIFY_FAILED,    /* anything else, libnotify missing included */
};

struct notification {
	const char *summary;
	const char *body; /* plain text: markup characters are escaped here */
	enum urgency urgency;
};

/* Shows n and waits at most NOTIFIER_TIMEOUT seconds (plus a little) for
 * the answer. On anything but NOTIFY_SENT, *why is an allocated sentence
 * saying why the notification could not be shown. */
enum notify_result notifier_send(const struct notification *n, char **why);

/* The same without waiting, for the interface: the notification is shown
 * by a child process, whose pid is returned (reap it with waitpid and
 * WNOHANG), or -1. Its messages are dropped: they would draw over the
 * screen. */
int notifier_send_async(const struct notification *n);

#endif
