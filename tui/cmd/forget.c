/* forget: needlecare forget. */
#include "cmd/cli.h"
#include "care/config.h"
#include "base/fileio.h"
#include "care/journal.h"
#include "care/state.h"
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

struct forget {
	bool doit;            /* false: only list what would go */
	char **gone;          /* files deleted, or to delete */
	size_t ngone, gone_cap;
	char **links;         /* links left alone, with their targets */
	size_t nlinks, links_cap;
	size_t failed;
	struct held held[3];
	size_t nheld;
};

static void forget_note(char ***v, size_t *n, size_t *cap, char *s)
{
	xgrow(v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

static void forget_link(struct forget *f, const char *path)
{
	char target[4096];
	ssize_t n = readlink(path, target, sizeof target - 1);
	target[n > 0 ? n : 0] = '\0';
	forget_note(&f->links, &f->nlinks, &f->links_cap,
	            xasprintf("%s (a link to %s)", path, n > 0 ? target : "?"));
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
			warn("cannot delete %s: %s", path, strerror(errno));
			f->failed++;
		}
		return;
	}
	forget_note(&f->gone, &f->ngone, &f->gone_cap, xstrdup(path));
}

/* The names in folder dfd, read before anything is deleted. */
static char **forget_names(int dfd, size_t *n)
{
	char **v = NULL;
	size_t cap = 0;
	*n = 0;
	int fd = dup(dfd);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dir) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	for (struct dirent *e; (e = readdir(dir));)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			forget_note(&v, n, &cap, xstrdup(e->d_name));
	closedir(dir);
	return v;
}

/* Everything in folder dfd, folders within it too. */
static void forget_tree(struct forget *f, int dfd, const char *path)
{
	size_t n;
	char **names = forget_names(dfd, &n);
	for (size_t i = 0; i < n; i++) {
		char *p = xasprintf("%s/%s", path, names[i]);
		struct stat st;
		if (fstatat(dfd, names[i], &st, AT_SYMLINK_NOFOLLOW) != 0) {
		} else if (S_ISLNK(st.st_mode)) {
			forget_link(f, p);
		} else if (S_ISDIR(st.st_mode)) {
			int sub = openat(dfd, names[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub >= 0) {
				forget_tree(f, sub, p);
				close(sub);
			}
			if (f->doit)
				unlinkat(dfd, names[i], AT_REMOVEDIR);
		} else {
			forget_file(f, dfd, names[i], p);
		}
		free(p);
		free(names[i]);
	}
	free(names);
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
		warn("cannot open %s: %s", dir, strerror(errno));
		f->failed++;
		return;
	}
	forget_tree(f, fd, dir);
	close(fd);
}

/* The configuration file, its lock and the temporary files beside it
 * (NAME.XXXXXX). */
static void forget_config(struct forget *f, const char *path, bool own_folder)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	const char *base = slash ? slash + 1 : path;
	if (slash)
		*slash = '\0';
	struct stat st;
	int fd = -1;
	if (own_folder && lstat(dir, &st) == 0 && S_ISLNK(st.st_mode))
		forget_link(f, dir);
	else
		fd = open(slash ? (*dir ? dir : "/") : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		size_t n, len = strlen(base);
		char **names = forget_names(fd, &n);
		for (size_t i = 0; i < n; i++) {
			const char *name = names[i];
			bool mine = strncmp(name, base, len) == 0 &&
			            (!name[len] || strcmp(name + len, ".lock") == 0 ||
			             (strlen(name) == len + 7 && name[len] == '.'));
			char *p = slash ? xasprintf("%s/%s", dir, name) : xstrdup(name);
			if (mine && fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
				if (S_ISLNK(st.st_mode))
					forget_link(f, p);
				else if (S_ISREG(st.st_mode))
					forget_file(f, fd, name, p);
			}
			free(p);
			free(names[i]);
		}
		free(names);
		close(fd);
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
				warn("cannot delete %s: %s", h->path, strerror(errno));
				f->failed++;
			} else if (h->existed) {
				forget_note(&f->gone, &f->ngone, &f->gone_cap, xstrdup(h->path));
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
	for (size_t i = 0; i < f->ngone; i++)
		free(f->gone[i]);
	for (size_t i = 0; i < f->nlinks; i++)
		free(f->links[i]);
	free(f->gone);
	free(f->links);
	memset(f, 0, sizeof *f);
}

int cli_forget(const struct cli *c)
{
	long daemon = forget_daemon();
	if (daemon) {
		warn("a needlecare daemon is running (pid %ld): stop it first "
		     "(systemctl --user stop needlecare), or it would record new "
		     "marks; nothing was deleted", daemon);
		return STATUS_FAIL;
	}
	struct forget f = {0};
	forget_all(&f, c);
	if (f.ngone == 0 && f.nlinks == 0) {
		printf("needlecare keeps nothing about you: there was nothing to delete.\n");
		forget_free(&f);
		return STATUS_OK;
	}
	if (!c->yes) {
		if (!isatty(STDIN_FILENO)) {
			warn("forget asks before it deletes, on a terminal: add --yes to "
			     "delete without asking; nothing was deleted");
			forget_free(&f);
			return STATUS_USAGE;
		}
		printf("This deletes everything needlecare keeps about you:\n");
		for (size_t i = 0; i < f.ngone; i++)
			printf("  %s\n", f.gone[i]);
		printf("Delete %zu file%s? Type yes to delete: ", f.ngone, f.ngone == 1 ? "" : "s");
		fflush(stdout);
		char line[16];
		if (!fgets(line, sizeof line, stdin) ||
		    (strcmp(line, "yes\n") != 0 && strcmp(line, "y\n") != 0)) {
			printf("\nNothing was deleted.\n");
			forget_free(&f);
			return STATUS_FAIL;
		}
	}
	forget_free(&f);
	f.doit = true;
	if (forget_all(&f, c) != STATUS_OK) {
		warn("nothing was deleted");
		forget_free(&f);
		return STATUS_FAIL;
	}
	for (size_t i = 0; i < f.ngone; i++)
		printf("deleted %s\n", f.gone[i]);
	for (size_t i = 0; i < f.nlinks; i++)
		warn("not deleted: %s: needlecare does not follow links; delete what it "
		     "points to yourself if it holds your data", f.links[i]);
	printf("Deleted %zu file%s.%s\n", f.ngone, f.ngone == 1 ? "" : "s",
	       f.failed || f.nlinks ? "" : " needlecare keeps nothing about you now.");
	/* They are the patient's, wherever they were written. */
	printf("Calendar files (export --ics) and journal exports (journal --export) "
	       "stay where you wrote them: delete them yourself if you no longer "
	       "want them.\n");
	int rc = f.failed || f.nlinks ? STATUS_FAIL : STATUS_OK;
	forget_free(&f);
	return rc;
}
