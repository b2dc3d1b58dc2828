#include "send/notifier.h"
#include "base/i18n.h"
#include "base/util.h"

#include <dlfcn.h>
#include <errno.h>
#include <libnotify/notify.h>
#include <poll.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The child's exit statuses. */
enum { CHILD_SENT = 0, CHILD_NO_LIBRARY = 10, CHILD_NO_BUS = 11,
       CHILD_NO_SERVER = 12, CHILD_FAILED = 13 };

/* Names the hints and the category our notifications carry. */
#define APP_NAME "needlecare"
#define CATEGORY "x-needlecare.milestone"

/* Bodies may be read as markup by the server. */
static char *escape(const char *s)
{
	size_t n = 0;
	for (const char *p = s; *p; p++)
		n += *p == '&' ? 5 : (*p == '<' || *p == '>') ? 4 : 1;
	char *out = xmalloc(n + 1), *o = out;
	for (const char *p = s; *p; p++) {
		const char *r = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : NULL;
		if (r) {
			memcpy(o, r, strlen(r));
			o += strlen(r);
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

static void say(int fd, const char *msg)
{
	size_t n = strlen(msg);
	while (n > 0) {
		ssize_t w = write(fd, msg, n);
		if (w <= 0)
			return;
		msg += w;
		n -= (size_t)w;
	}
}

/* Runs in the child: everything GLib is here, and only here. */
static _Noreturn void child(const struct notification *n, int out)
{
	alarm(NOTIFIER_TIMEOUT);
	void *lib = dlopen("libnotify.so.4", RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		say(out, _("libnotify is not installed (libnotify.so.4 could not be loaded)"));
		_exit(CHILD_NO_LIBRARY);
	}
	gboolean (*init)(const char *);
	NotifyNotification *(*make)(const char *, const char *, const char *);
	void (*urgency)(NotifyNotification *, NotifyUrgency);
	void (*category)(NotifyNotification *, const char *);
	void (*hint)(NotifyNotification *, const char *, const char *);
	gboolean (*show)(NotifyNotification *, GError **);
	/* POSIX blesses this way of turning dlsym's answer into a function. */
	*(void **)&init = dlsym(lib, "notify_init");
	*(void **)&make = dlsym(lib, "notify_notification_new");
	*(void **)&urgency = dlsym(lib, "notify_notification_set_urgency");
	*(void **)&category = dlsym(lib, "notify_notification_set_category");
	*(void **)&hint = dlsym(lib, "notify_notification_set_hint_string");
	*(void **)&show = dlsym(lib, "notify_notification_show");
	if (!init || !make || !urgency || !category || !hint || !show) {
		say(out, _("libnotify lacks a function needlecare needs"));
		_exit(CHILD_NO_LIBRARY);
	}
	init(APP_NAME);
	char *body = escape(n->body ? n->body : "");
	NotifyNotification *nn = make(n->summary, body, APP_NAME);
	static const NotifyUrgency levels[URGENCY_COUNT] = {
		NOTIFY_URGENCY_LOW, NOTIFY_URGENCY_NORMAL, NOTIFY_URGENCY_CRITICAL,
		NOTIFY_URGENCY_CRITICAL, /* emergency: the summary says what to do */
	};
	urgency(nn, levels[n->urgency]);
	category(nn, CATEGORY);
	hint(nn, "desktop-entry", APP_NAME);
	GError *err = NULL;
	if (show(nn, &err))
		_exit(CHILD_SENT);
	const char *msg = err && err->message ? err->message : _("unknown error");
	say(out, msg);
	/* No unref and no uninit: both can block as long as the show did. */
	if (strstr(msg, "ServiceUnknown") || strstr(msg, "not provided by any"))
		_exit(CHILD_NO_SERVER);
	_exit(strstr(msg, "connect") || strstr(msg, "autolaunch") ? CHILD_NO_BUS
	                                                           : CHILD_FAILED);
}

/* GLib would start a bus of its own (dbus-launch) when none is named and an
 * X display is set, leaving daemons behind: find the bus first. */
static char *bus_address(void)
{
	const char *addr = getenv("DBUS_SESSION_BUS_ADDRESS");
	if (addr && *addr)
		return xstrdup(addr);
	const char *run = getenv("XDG_RUNTIME_DIR");
	if (!run || !*run)
		return NULL;
	char *path = xasprintf("%s/bus", run);
	struct stat st;
	char *found = stat(path, &st) == 0 && S_ISSOCK(st.st_mode)
	              ? xasprintf("unix:path=%s", path) : NULL;
	free(path);
	return found;
}

enum notify_result notifier_send(const struct notification *n, char **why)
{
	*why = NULL;
	char *bus = bus_address();
	if (!bus) {
		*why = xstrdup(_("no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not "
		                 "set and $XDG_RUNTIME_DIR/bus does not exist"));
		return NOTIFY_NO_BUS;
	}
	int pipefd[2];
	if (pipe(pipefd) != 0) {
		*why = xasprintf(_("cannot start the notifier: %s"), strerror(errno));
		free(bus);
		return NOTIFY_FAILED;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		*why = xasprintf(_("cannot start the notifier: %s"), strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		free(bus);
		return NOTIFY_FAILED;
	}
	if (pid == 0) {
		close(pipefd[0]);
		/* Keep nothing of the parent's open: a lock held through an
		 * inherited descriptor would outlive the parent. */
		if (pipefd[1] != 3) {
			dup2(pipefd[1], 3);
			close(pipefd[1]);
		}
		closefrom(4);
		signal(SIGALRM, SIG_DFL);
		setenv("DBUS_SESSION_BUS_ADDRESS", bus, 1);
		child(n, 3);
	}
	free(bus);
	close(pipefd[1]);
	char msg[512];
	size_t len = 0;
	/* The child's alarm ends it; this bound only guards against a child
	 * that cannot even be killed by its alarm. */
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		struct timespec t;
		clock_gettime(CLOCK_MONOTONIC, &t);
		long left = (NOTIFIER_TIMEOUT + 2) * 1000L -
		            ((t.tv_sec - start.tv_sec) * 1000L + (t.tv_nsec - start.tv_nsec) / 1000000L);
		if (left <= 0) {
			kill(pid, SIGKILL);
			break;
		}
		struct pollfd p = {pipefd[0], POLLIN, 0};
		int r = poll(&p, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			continue;
		ssize_t got = read(pipefd[0], msg + len, sizeof msg - 1 - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		len += (size_t)got;
		if (len == sizeof msg - 1)
			break;
	}
	msg[len] = '\0';
	close(pipefd[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == CHILD_SENT)
		return NOTIFY_SENT;
	if (WIFSIGNALED(status)) {
		*why = xasprintf(P_("the notification server did not answer within %d second",
		                    "the notification server did not answer within %d seconds",
		                    NOTIFIER_TIMEOUT), NOTIFIER_TIMEOUT);
		return NOTIFY_TIMEOUT;
	}
	char *clean = util_clean_text(msg);
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	if (code == CHILD_NO_BUS) {
		/* TRANSLATORS: the reason D-Bus gave, in English. */
		*why = xasprintf(_("the D-Bus session bus cannot be reached (%s)"), clean);
		free(clean);
		return NOTIFY_NO_BUS;
	}
	if (code == CHILD_NO_SERVER) {
		*why = xasprintf(_("no notification server is running on the session bus (%s)"),
		                 clean);
		free(clean);
		return NOTIFY_NO_SERVER;
	}
	/* The caller says "not shown": this says why, once. */
	*why = xstrdup(*clean ? clean : _("the notifier failed"));
	free(clean);
	return NOTIFY_FAILED;
}

int notifier_send_async(const struct notification *n)
{
	int pid = util_fork_quiet();
	if (pid != 0)
		return pid;
	char *why = NULL;
	_exit(notifier_send(n, &why) == NOTIFY_SENT ? 0 : 1);
}
