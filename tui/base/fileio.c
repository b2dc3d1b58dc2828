#include "base/fileio.h"
#include "base/i18n.h"
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *kind_of(mode_t m)
{
	if (S_ISDIR(m))
		return _("is a folder, not a file");
	if (S_ISFIFO(m))
		return _("is a pipe (FIFO), not a regular file");
	if (S_ISCHR(m) || S_ISBLK(m))
		return _("is a device, not a regular file");
	if (S_ISSOCK(m))
		return _("is a socket, not a regular file");
	return _("is not a regular file");
}

enum fileio_result fileio_read(const char *path, size_t max, char **data,
                               size_t *len, char **err)
{
	*data = NULL;
	*len = 0;
	*err = NULL;
	/* O_NONBLOCK: opening a FIFO for reading must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT)
			return FILEIO_MISSING;
		*err = xasprintf(_("cannot be opened: %s"), strerror(errno));
		return FILEIO_ERROR;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		*err = xasprintf(_("cannot be examined: %s"), strerror(errno));
		close(fd);
		return FILEIO_ERROR;
	}
	if (!S_ISREG(st.st_mode)) {
		*err = xstrdup(kind_of(st.st_mode));
		close(fd);
		return FILEIO_ERROR;
	}
	if ((unsigned long long)st.st_size > max) {
		*err = xasprintf(_("is %lld bytes, larger than the %zu bytes allowed"),
		                 (long long)st.st_size, max);
		close(fd);
		return FILEIO_ERROR;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *buf = xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			/* The file grew while we read it. */
			if (cap > max) {
				*err = xasprintf(_("is larger than the %zu bytes allowed"), max);
				free(buf);
				close(fd);
				return FILEIO_ERROR;
			}
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*err = xasprintf(_("cannot be read: %s"), strerror(errno));
			free(buf);
			close(fd);
			return FILEIO_ERROR;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n > max) {
		*err = xasprintf(_("is larger than the %zu bytes allowed"), max);
		free(buf);
		return FILEIO_ERROR;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return FILEIO_OK;
}

enum fileio_result fileio_load(const char *path, size_t max, const char *refuse_link,
                               char **data, size_t *len, struct diags *d)
{
	struct stat st;
	if (refuse_link && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		diags_add(d, path, 0, "%s", _(refuse_link));
		return FILEIO_ERROR;
	}
	char *err;
	enum fileio_result r = fileio_read(path, max, data, len, &err);
	if (r == FILEIO_ERROR) {
		diags_add(d, path, 0, "%s", err);
		free(err);
	}
	return r;
}

bool fileio_load_optional(const char *path, size_t max, const char *refuse_link,
                          char **data, size_t *len, struct diags *d)
{
	enum fileio_result r = fileio_load(path, max, refuse_link, data, len, d);
	if (r != FILEIO_OK) {
		*data = NULL;
		*len = 0;
	}
	return r != FILEIO_ERROR;
}

bool fileio_load_lines(const char *path, const struct fileio_lines *f,
                       void (*each)(void *ctx, char *line, unsigned number,
                                    bool nul, bool cut),
                       void *ctx, struct diags *d)
{
	char *data;
	size_t len;
	if (!fileio_load_optional(path, f->max, f->refuse_link, &data, &len, d))
		return false;
	unsigned line = 0;
	bool ok = true;
	/* A missing or empty file may come back as NULL: no lines. */
	for (char *p = data; data && p < data + len && ok;) {
		char *nl = memchr(p, '\n', (size_t)(data + len - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(data + len - p);
		bool nul = memchr(p, '\0', n) != NULL;
		char *l = xstrndup(p, n);
		p += n + 1;
		line++;
		if (line == 1) {
			/* Never read, nor later overwrite, a file that is not ours. */
			ok = (nl || !f->header_newline) && !nul && strcmp(l, f->header) == 0;
			if (!ok)
				diags_add(d, path, 1, _("expected \"%s\" as the first line: this "
				            "is not %s"), f->header, _(f->what));
		} else if (n) {
			each(ctx, l, line, nul, !nl);
		}
		free(l);
	}
	free(data);
	return ok;
}

int fileio_mkdirs(const char *path, unsigned mode)
{
	char *p = xstrdup(path);
	int rc = 0;
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, (mode_t)mode) != 0 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	int saved = errno;
	free(p);
	errno = saved;
	return rc;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

int fileio_save(const char *path, const char *data, size_t len, char **err)
{
	*err = NULL;
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		*err = xasprintf(_("%s is a symbolic link: needlecare only replaces "
		                   "regular files"), path);
		return -1;
	}
	char *dir = dir_of(path);
	if (fileio_mkdirs(dir, 0700) != 0) {
		*err = xasprintf(_("cannot create the folder %s: %s"), dir, strerror(errno));
		free(dir);
		return -1;
	}
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp); /* mkstemp creates the file with mode 0600 */
	const char *step = N_("cannot create a temporary file beside %s: %s");
	if (fd < 0)
		goto fail;
	step = N_("cannot write %s: %s");
	if (write_all(fd, data, len) != 0)
		goto fail_fd;
	step = N_("cannot sync %s: %s");
	if (fsync(fd) != 0)
		goto fail_fd;
	step = N_("cannot close %s: %s");
	if (close(fd) != 0) {
		fd = -1;
		goto fail_fd;
	}
	fd = -1;
	step = N_("cannot replace %s: %s");
	if (rename(tmp, path) != 0)
		goto fail_fd;
	/* The rename is durable only once the folder itself is synced. */
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(dir);
	return 0;
fail_fd:;
	int saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = saved;
fail:
	*err = xasprintf(_(step), path, strerror(errno));
	free(tmp);
	free(dir);
	return -1;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static bool gone(const char *path)
{
	struct stat st;
	return path && lstat(path, &st) != 0 && errno == ENOENT;
}

int fileio_lock(const char *path, const char *read_from, char **err)
{
	char *lock = xasprintf("%s.lock", path), *dir = dir_of(lock);
	const int flags = O_RDWR | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY;
	struct stat st;
	int fd = open(lock, flags);
	/* forget removes the folder once it is empty, which may fall between
	 * making the folder and making the lock in it: then both again. */
	for (int tries = 0; fd < 0 && errno == ENOENT && tries < 3; tries++) {
		/* forget deletes the files, then their locks: it ran since the
		 * caller read its file, and nothing is to be made again. */
		if (gone(read_from)) {
			*err = xasprintf(FILEIO_DELETED, read_from);
			goto done;
		}
		if (fileio_mkdirs(dir, 0700) != 0) {
			*err = xasprintf(_("cannot create the folder %s: %s"), dir, strerror(errno));
			goto done;
		}
		fd = open(lock, flags | O_CREAT, 0600);
	}
	if (fd < 0) {
		*err = xasprintf(_("cannot open the lock file %s: %s"), lock, strerror(errno));
		goto done;
	}
	/* Polled rather than blocking: a blocking flock() cannot give up
	 * after a while without a timer signal, which the interface and the
	 * notifier's child would then share. Holders keep the lock for a few
	 * milliseconds: the naps start at one and stay short. */
	struct timespec t0, nap = {0, 1000000};
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			*err = xasprintf(_("cannot lock %s: %s"), lock, strerror(errno));
			goto fail;
		}
		if (seconds_since(&t0) >= FILEIO_LOCK_SECONDS) {
			*err = xasprintf(_("%s is busy: another needlecare has been changing it "
			                   "for %d seconds (it holds %s); nothing was changed, "
			                   "try again"), path, FILEIO_LOCK_SECONDS, lock);
			goto fail;
		}
		nanosleep(&nap, NULL);
		nap.tv_nsec = nap.tv_nsec < 5000000 ? nap.tv_nsec * 2 : 10000000;
	}
	if (fstat(fd, &st) != 0) {
		*err = xasprintf(_("cannot examine the lock file %s: %s"), lock, strerror(errno));
		goto fail;
	}
	if (st.st_nlink == 0) {
		*err = xasprintf(FILEIO_DELETED, read_from ? read_from : path);
		goto fail;
	}
	/* forget ran between the look above and the lock made afresh. */
	if (gone(read_from)) {
		*err = xasprintf(FILEIO_DELETED, read_from);
		goto fail;
	}
	goto done;
fail:
	close(fd);
	fd = -1;
done:
	free(dir);
	free(lock);
	return fd;
}

void fileio_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* closing drops the flock */
}

char *fileio_xdg_path(const char *env, const char *fallback, const char *leaf)
{
	const char *base = getenv(env);
	/* The XDG specification says relative values are to be ignored. */
	if (base && base[0] == '/')
		return xasprintf("%s/needlecare/%s", base, leaf);
	const char *home = getenv("HOME");
	if (!home || home[0] != '/') {
		struct passwd *pw = getpwuid(getuid());
		home = pw && pw->pw_dir ? pw->pw_dir : "/";
	}
	return xasprintf("%s/%s/needlecare/%s", home, fallback, leaf);
}
