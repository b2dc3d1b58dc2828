#include "cmd/daemon.h"
#include "care/config.h"
#include "care/due.h"
#include "base/fileio.h"
#include "cmd/report.h"
#include "care/state.h"
#include "base/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

/* After a failed delivery (no desktop yet), try again this much later. */
#define RETRY_AFTER 60

/* One daemon per user: an flock on a pid file that names the holder. */
static int claim(char **who)
{
	char *path = state_path("daemon.pid");
	char *dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	fileio_mkdirs(dir, 0700);
	free(dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		*who = xasprintf(_("cannot open %s: %s"), path, strerror(errno));
		free(path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		char buf[32] = "";
		ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
		buf[n > 0 ? n : 0] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
		/* TRANSLATORS: the pid of the other daemon (or "unknown"), then
		 * its pid file. */
		*who = xasprintf(_("another needlecare daemon is running (pid %s, %s)"),
		                 *buf ? buf : _("unknown"), path);
		close(fd);
		free(path);
		return -1;
	}
	char pid[32];
	int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != len)
		warn(_("cannot write %s: %s"), path, strerror(errno));
	free(path);
	return fd;
}

static void watch_dir_of(int in, const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	/* A missing folder (no configuration yet) is watched from its parent:
	 * book creates it. */
	while (inotify_add_watch(in, *dir ? dir : "/", IN_CLOSE_WRITE | IN_MOVED_TO |
	                         IN_CREATE | IN_DELETE | IN_MOVED_FROM) < 0) {
		char *up = strrchr(dir, '/');
		if (!up || up == dir)
			break;
		*up = '\0';
	}
	free(dir);
}

static void arm(int fd, time_t seconds)
{
	struct itimerspec its = {0};
	its.it_value.tv_sec = seconds > 0 ? seconds : 0;
	/* A zero value disarms a timer: "now" is one nanosecond. */
	if (seconds <= 0)
		its.it_value.tv_nsec = 1;
	timerfd_settime(fd, 0, &its, NULL);
}

static void disarm(int fd)
{
	struct itimerspec its = {0};
	timerfd_settime(fd, 0, &its, NULL);
}

/* A timer that never fires but is cancelled when the clock is set. */
static void arm_clock_watch(int fd)
{
	struct itimerspec its = {0};
	its.it_value.tv_sec = (time_t)1 << 40;
	timerfd_settime(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, NULL);
}

static void drain(int fd)
{
	char buf[4096];
	while (read(fd, buf, sizeof buf) > 0)
		;
}

/* Test-only. Tests must not set the system clock, replace /etc/localtime
 * or suspend the machine, so with NEEDLECARE_TEST_EVENTS naming a file,
 * SIGUSR1 makes the daemon read one line from that file and then take the
 * branch of the poll loop that the real event takes:
 *   clock YYYY-MM-DD HH:MM:SS  the clock was set: the pretended now (as
 *                              with --now) jumps there; the clock branch
 *   zone NAME                  the time zone changed: TZ becomes NAME; the
 *                              branch of the /etc watch
 *   suspend SECONDS            the machine slept that long: now moves on,
 *                              and the boot-time wake-up branch runs
 * Nothing real is changed. Returns the index in fds of the branch, or 0. */
static int test_event(const char *file)
{
	char *text, *err, why[DATES_WHY];
	size_t len;
	if (fileio_read(file, 4096, &text, &len, &err) != FILEIO_OK) {
		free(err);
		return 0;
	}
	text[strcspn(text, "\n")] = '\0';
	struct civil c;
	int branch = 0;
	if (strncmp(text, "clock ", 6) == 0 &&
	    dates_parse_moment(text + 6, true, &c, why, sizeof why)) {
		dates_set_now(dates_resolve(&c));
		branch = 2;
	} else if (strncmp(text, "zone ", 5) == 0 && dates_zone_known(text + 5)) {
		setenv("TZ", text + 5, 1);
		branch = 3;
	} else if (strncmp(text, "suspend ", 8) == 0 && atol(text + 8) > 0) {
		dates_set_now(dates_now() + atol(text + 8));
		branch = 1;
	} else {
		warn("%s: unknown test event", file);
	}
	free(text);
	return branch;
}

int daemon_run(const struct plan_options *o)
{
	char *who;
	int pidfd = claim(&who);
	if (pidfd < 0) {
		warn("%s", who);
		free(who);
		return STATUS_FAIL;
	}
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	const char *events = getenv("NEEDLECARE_TEST_EVENTS");
	if (events && *events)
		sigaddset(&mask, SIGUSR1);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	int sig = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	/* Boot time counts a suspend: a wake-up due during one fires at the
	 * resume. */
	int wake = timerfd_create(CLOCK_BOOTTIME, TFD_CLOEXEC | TFD_NONBLOCK);
	int clock = timerfd_create(CLOCK_REALTIME, TFD_CLOEXEC | TFD_NONBLOCK);
	int in = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	if (sig < 0 || wake < 0 || clock < 0 || in < 0) {
		warn(_("cannot set up the daemon: %s"), strerror(errno));
		return STATUS_FAIL;
	}
	arm_clock_watch(clock);
	char *config = o->config_path ? xstrdup(o->config_path) : config_default_path();
	watch_dir_of(in, config);
	/* /etc/localtime is replaced when the time zone changes. */
	inotify_add_watch(in, "/etc", IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE |
	                  IN_DELETE | IN_ATTRIB);
	char *user = fileio_xdg_path("XDG_DATA_HOME", ".local/share", "protocols/x");
	watch_dir_of(in, user);
	free(user);
	char *watched_protocol = NULL;
	bool running = true;
	while (running) {
		dates_zone_changed();
		struct plan p;
		int prc = report_open_plan(&p, o, false, false);
		time_t next = 0;
		if (prc == STATUS_OK) {
			if (p.proto && strchr(p.proto->origin, '/') &&
			    (!watched_protocol || strcmp(watched_protocol, p.proto->origin) != 0)) {
				free(watched_protocol);
				watched_protocol = xstrdup(p.proto->origin);
				watch_dir_of(in, watched_protocol);
			}
			time_t now = dates_now();
			size_t sent;
			int r = report_due_pass(&p, now, &sent);
			char *path = state_path("state");
			struct state s;
			struct diags d = {0};
			state_load(path, &s, &d);
			diags_free(&d);
			free(path);
			next = due_next(&p, &s, now);
			state_free(&s);
			if (r != STATUS_OK)
				next = now + RETRY_AFTER;
			plan_free(&p);
		}
		/* Otherwise the problem was printed: wait for the files to change. */
		if (next)
			arm(wake, next - dates_now());
		else
			disarm(wake);
		struct pollfd fds[] = {{sig, POLLIN, 0}, {wake, POLLIN, 0},
		                       {clock, POLLIN, 0}, {in, POLLIN, 0}};
		while (poll(fds, 4, -1) < 0 && errno == EINTR)
			;
		if (fds[0].revents & POLLIN) {
			struct signalfd_siginfo si;
			while (read(sig, &si, sizeof si) == (ssize_t)sizeof si)
				if (si.ssi_signo == SIGUSR1)
					fds[test_event(events)].revents |= POLLIN;
				else if (si.ssi_signo != SIGHUP)
					running = false;
		}
		if (fds[1].revents & POLLIN)
			drain(wake);
		if (fds[2].revents & POLLIN) {
			/* ECANCELED: the clock was set. Look again from the new now. */
			drain(clock);
			arm_clock_watch(clock);
		}
		if (fds[3].revents & POLLIN)
			drain(in);
	}
	free(watched_protocol);
	free(config);
	close(in);
	close(clock);
	close(wake);
	close(sig);
	close(pidfd);
	return STATUS_OK;
}
