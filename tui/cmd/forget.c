/* forget: needlecare forget. */
#include "cmd/cli.h"
#include "care/config.h"
#include "base/fileio.h"
#include "care/journal.h"
#include "care/state.h"
#include "base/i18n.h"
#include "base/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* forget: everything needlecare keeps about the patient, deleted: the
 * configuration (its lock, and temporary files a crash left beside it),
 * its state folder (state, journal, locks, daemon pid file), and its cache
 * folder. Symbolic links are never followed, nor deleted: they are named
 * instead.
 *
 * It holds the lock of each file that other commands change (the
 * configuration, the state, the journal) while it deletes, and deletes
 * the locks last, still holding them: a writer that waited for one then
 * finds it deleted and gives up (fileio_lock), so that nothing forgotten
 * is written back, and no file is left half made. A command started once
 * forget is done starts afresh. */

/* A lock forget holds. */
struct held {
	char *path;   /* the lock file */
	int fd;
	bool existed; /* before forget: it is then named as deleted */
};

/* Allocated strings. */
struct list {
	char **v;
	size_t n, cap;
};

struct forget {
	bool doit;         /* false: only list what would go */
	struct list gone;  /* files deleted, or to delete */
	struct list links; /* links left alone, with their targets */
	size_t failed;
	struct held held[3];
	size_t nheld;
};

static void list_add(struct list *l, char *s)
{
	xgrow(&l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = s;
}

static void list_free(struct list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static void forget_link(struct forget *f, const char *path)
{
	char target[4096];
	ssize_t n = readlink(path, target, sizeof target - 1);
	target[n > 0 ? n : 0] = '\0';
	/* TRANSLATORS: a link, then the file it points to. */
	list_add(&f->links, xasprintf(_("%s (a link to %s)"), path, n > 0 ? target : "?"));
}

/* The file name in folder dfd (called path in messages). The locks forget
 * holds go last (forget_unlock). */
static void forget_file(struct forget *f, int dfd, const char *name, const char *path)
{
	for (size_t i = 0; f->doit && i < f->nheld; i++)
		if (strcmp(f->held[i].path, path) == 0)
			return;
	if (f->doit && unlinkat(dfd, name, 0) != 0) {
		if (errno != ENOENT) {
			/* TRANSLATORS: a file, then the system's reason. */
			warn(_("cannot delete %s: %s"), path, strerror(errno));
			f->failed++;
		}
		return;
	}
	list_add(&f->gone, xstrdup(path));
}

/* Whether name is the configuration file base, its lock (base.lock) or a
 * temporary file a crash left beside it (base.XXXXXX). */
static bool config_file(const char *name, const char *base)
{
	size_t len = strlen(base);
	return strncmp(name, base, len) == 0 &&
	       (!name[len] || strcmp(name + len, ".lock") == 0 ||
	        (strlen(name) == len + 7 && name[len] == '.'));
}

/* What folder dfd (called dir in messages, "" for the root, NULL for the
 * current folder) holds: everything, folders within it too; or with base,
 * only the configuration's files (config_file()), folders left alone.
 * Links are named, never followed. The names are read before anything is
 * deleted. */
static void forget_in(struct forget *f, int dfd, const char *dir, const char *base)
{
	struct list names = {0};
	int fd = dup(dfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d && fd >= 0)
		close(fd);
	for (struct dirent *e; d && (e = readdir(d));)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			list_add(&names, xstrdup(e->d_name));
	if (d)
		closedir(d);
	for (size_t i = 0; i < names.n; i++) {
		const char *name = names.v[i];
		char *p = dir ? xasprintf("%s/%s", dir, name) : xstrdup(name);
		struct stat st;
		if ((base && !config_file(name, base)) ||
		    fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		} else if (S_ISLNK(st.st_mode)) {
			forget_link(f, p);
		} else if (S_ISDIR(st.st_mode)) {
			int sub = base ? -1 : openat(dfd, name, O_RDONLY | O_DIRECTORY |
			                             O_NOFOLLOW | O_CLOEXEC);
			if (sub >= 0) {
				forget_in(f, sub, p, NULL);
				close(sub);
			}
			if (!base && f->doit)
				unlinkat(dfd, name, AT_REMOVEDIR);
		} else if (!base || S_ISREG(st.st_mode)) {
			forget_file(f, dfd, name, p);
		}
		free(p);
	}
	list_free(&names);
}

/* A folder of needlecare's own ($XDG_STATE_HOME/needlecare, ...), whole;
 * the folder itself goes in forget_unlock. */
static void forget_folder(struct forget *f, const char *dir)
{
	struct stat st;
	if (lstat(dir, &st) != 0)
		return;
	if (S_ISLNK(st.st_mode)) {
		forget_link(f, dir);
		return;
	}
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		/* TRANSLATORS: a folder, then the system's reason. */
		warn(_("cannot open %s: %s"), dir, strerror(errno));
		f->failed++;
		return;
	}
	forget_in(f, fd, dir, NULL);
	close(fd);
}

/* The configuration file, its lock and the temporary files beside it;
 * own_folder: the folder is needlecare's, and a link there is named, not
 * followed. */
static void forget_config(struct forget *f, const char *path, bool own_folder)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	struct stat st;
	if (own_folder && lstat(dir, &st) == 0 && S_ISLNK(st.st_mode)) {
		forget_link(f, dir);
	} else {
		int fd = open(slash ? (*dir ? dir : "/") : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0) {
			forget_in(f, fd, slash ? dir : NULL, slash ? slash + 1 : path);
			close(fd);
		}
	}
	free(dir);
}

/* Takes the lock of path when its folder is there: a folder that is not
 * there holds nothing to forget, and is not made for the lock; nor is a
 * lock made through a link in place of a folder of needlecare's own,
 * which forget leaves alone (follow: the folder is the patient's, named
 * with --config). */
static bool forget_lock(struct forget *f, const char *path, bool follow)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	struct stat st;
	bool there = true;
	if (slash && slash != dir) {
		*slash = '\0';
		there = (follow ? stat(dir, &st) : lstat(dir, &st)) == 0 && S_ISDIR(st.st_mode);
	}
	free(dir);
	if (!there)
		return true;
	struct held *h = &f->held[f->nheld];
	h->path = xasprintf("%s.lock", path);
	h->existed = lstat(h->path, &st) == 0;
	char *err;
	h->fd = fileio_lock(path, NULL, &err);
	if (h->fd < 0) {
		warn("%s", err);
		free(err);
		free(h->path);
		return false;
	}
	f->nheld++;
	return true;
}

/* The locks, deleted while still held, then released; and the folders,
 * once empty. */
static void forget_unlock(struct forget *f, char *const *folders, size_t n)
{
	for (size_t i = 0; i < f->nheld; i++) {
		struct held *h = &f->held[i];
		if (f->doit) {
			if (unlink(h->path) != 0 && errno != ENOENT) {
				warn(_("cannot delete %s: %s"), h->path, strerror(errno));
				f->failed++;
			} else if (h->existed) {
				list_add(&f->gone, xstrdup(h->path));
			}
		}
		fileio_unlock(h->fd);
		free(h->path);
	}
	f->nheld = 0;
	for (size_t i = 0; f->doit && i < n; i++)
		if (folders[i])
			rmdir(folders[i]);
}

static int forget_all(struct forget *f, const struct cli *c)
{
	char *cfg = c->config_path ? xstrdup(c->config_path) : config_default_path();
	char *state = state_path("state"), *journal = journal_path();
	char *state_dir = state_path("x"), *cache = fileio_xdg_path("XDG_CACHE_HOME", ".cache", "x");
	*strrchr(state_dir, '/') = '\0';
	*strrchr(cache, '/') = '\0';
	char *cfg_dir = NULL;
	if (!c->config_path) {
		cfg_dir = xstrdup(cfg);
		*strrchr(cfg_dir, '/') = '\0';
	}
	int rc = STATUS_OK;
	if (f->doit && !(forget_lock(f, cfg, c->config_path != NULL) &&
	                 forget_lock(f, state, false) && forget_lock(f, journal, false))) {
		rc = STATUS_FAIL;
		f->doit = false; /* the locks taken are released, not deleted */
	}
	if (rc == STATUS_OK) {
		forget_config(f, cfg, cfg_dir != NULL);
		forget_folder(f, state_dir);
		forget_folder(f, cache);
	}
	char *folders[] = {cfg_dir, state_dir, cache};
	forget_unlock(f, folders, ARRAY_LEN(folders));
	free(cfg);
	free(cfg_dir);
	free(state);
	free(journal);
	free(state_dir);
	free(cache);
	return rc;
}

/* The pid of a running daemon (it holds a lock on its pid file), or 0. */
static long forget_daemon(void)
{
	char *path = state_path("daemon.pid");
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return 0;
	long pid = 0;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		char buf[32] = "";
		ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
		buf[n > 0 ? n : 0] = '\0';
		pid = atol(buf) > 0 ? atol(buf) : -1;
	}
	close(fd);
	return pid;
}

static void forget_free(struct forget *f)
{
	list_free(&f->gone);
	list_free(&f->links);
	memset(f, 0, sizeof *f);
}

int cli_forget(const struct cli *c)
{
	long daemon = forget_daemon();
	if (daemon) {
		warn(_("a needlecare daemon is running (pid %ld): stop it first "
		       "(systemctl --user stop needlecare), or it would record new "
		       "marks; nothing was deleted"), daemon);
		return STATUS_FAIL;
	}
	struct forget f = {0};
	forget_all(&f, c);
	if (f.gone.n == 0 && f.links.n == 0) {
		printf("%s\n", _("needlecare keeps nothing about you: there was nothing to "
		                 "delete."));
		forget_free(&f);
		return STATUS_OK;
	}
	if (!c->yes) {
		if (!isatty(STDIN_FILENO)) {
			warn("%s", _("forget asks before it deletes, on a terminal: add --yes to "
			             "delete without asking; nothing was deleted"));
			forget_free(&f);
			return STATUS_USAGE;
		}
		printf("%s\n", _("This deletes everything needlecare keeps about you:"));
		for (size_t i = 0; i < f.gone.n; i++)
			printf("  %s\n", f.gone.v[i]);
		/* TRANSLATORS: the answer is typed in English: keep "yes". */
		printf(P_("Delete %zu file? Type yes to delete: ",
		          "Delete %zu files? Type yes to delete: ", f.gone.n), f.gone.n);
		fflush(stdout);
		char line[16];
		if (!fgets(line, sizeof line, stdin) ||
		    (strcmp(line, "yes\n") != 0 && strcmp(line, "y\n") != 0)) {
			printf("\n%s\n", _("Nothing was deleted."));
			forget_free(&f);
			return STATUS_FAIL;
		}
	}
	forget_free(&f);
	f.doit = true;
	if (forget_all(&f, c) != STATUS_OK) {
		warn("%s", _("nothing was deleted"));
		forget_free(&f);
		return STATUS_FAIL;
	}
	for (size_t i = 0; i < f.gone.n; i++) {
		/* TRANSLATORS: a file deleted. */
		printf(_("deleted %s"), f.gone.v[i]);
		putchar('\n');
	}
	for (size_t i = 0; i < f.links.n; i++)
		/* TRANSLATORS: a link, as "PATH (a link to TARGET)". */
		warn(_("not deleted: %s: needlecare does not follow links; delete what it "
		       "points to yourself if it holds your data"), f.links.v[i]);
	printf(P_("Deleted %zu file.", "Deleted %zu files.", f.gone.n), f.gone.n);
	if (!f.failed && !f.links.n)
		printf(" %s", _("needlecare keeps nothing about you now."));
	putchar('\n');
	/* They are the patient's, wherever they were written. */
	printf("%s\n", _("Calendar files (export --ics) and journal exports (journal "
	                 "--export) stay where you wrote them: delete them yourself if "
	                 "you no longer want them."));
	int rc = f.failed || f.links.n ? STATUS_FAIL : STATUS_OK;
	forget_free(&f);
	return rc;
}
