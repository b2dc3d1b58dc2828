/* fileio: reading input files without surprises, and saving files so that a
 * crash leaves either the old or the new content, never a mix. */
#ifndef NEEDLECARE_FILEIO_H
#define NEEDLECARE_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

enum fileio_result { FILEIO_OK, FILEIO_MISSING, FILEIO_ERROR };

/* Reads a whole regular file of at most max bytes into *data (NUL-terminated,
 * owned by the caller). FIFOs, devices and folders are refused without being
 * read, so they can never block. On FILEIO_ERROR, *err is an allocated
 * message without the path ("is a folder, not a file"); on FILEIO_MISSING
 * nothing is allocated. */
enum fileio_result fileio_read(const char *path, size_t max, char **data,
                               size_t *len, char **err);

/* fileio_read for the loaders, with the problem added to d under path.
 * With refuse_link set, a symbolic link is refused unread, with that
 * message: the files needlecare writes are never links. */
enum fileio_result fileio_load(const char *path, size_t max, const char *refuse_link,
                               char **data, size_t *len, struct diags *d);

/* fileio_load() for a file that may be missing: returns false when it
 * cannot be read (the problem added to d), true otherwise, with *data
 * NULL and *len 0 when it does not exist. */
bool fileio_load_optional(const char *path, size_t max, const char *refuse_link,
                          char **data, size_t *len, struct diags *d);

/* needlecare's own line files (the state, the journal): a first line that
 * is header exactly, then one record a line. */
struct fileio_lines {
	const char *header;
	const char *what;        /* "a needlecare journal": what it is not (an N_ msgid) */
	const char *refuse_link; /* as for fileio_load(): an N_ msgid, said translated */
	size_t max;              /* the most bytes read */
	bool header_newline;     /* a first line without its newline is not
	                          * the header either */
};
/* Loads path as fileio_load_optional() does (a missing file has no
 * lines), then calls each(ctx, line, number, nul, cut) for every line
 * after the header that is not empty, in order: line is a NUL-terminated
 * copy the callee may change (never free), number its line number, nul
 * whether it holds a NUL byte (line then stops at the first), cut whether
 * it lacks its newline (the last line, cut short). Returns false, with the
 * problem in d, when the file cannot be read or its first line is not the
 * header: "expected \"HEADER\" as the first line: this is not WHAT". */
bool fileio_load_lines(const char *path, const struct fileio_lines *f,
                       void (*each)(void *ctx, char *line, unsigned number,
                                    bool nul, bool cut),
                       void *ctx, struct diags *d);

/* Replaces path with data: a temporary file of mode 0600 beside it, written,
 * synced and renamed over path, then the folder synced. Missing folders are
 * created with mode 0700. A path that is a symbolic link is refused. Returns
 * 0, or -1 with an allocated message in *err; the old file is then intact. */
int fileio_save(const char *path, const char *data, size_t len, char **err);

/* How long a writer waits for a lock before it gives up. */
#define FILEIO_LOCK_SECONDS 5

/* Takes the one exclusive lock that every update of path holds while it
 * reads the file, changes it and saves it: an flock on path + ".lock",
 * created (mode 0600, its folder 0700) when missing, so that each update
 * starts from what the last one saved. Waits FILEIO_LOCK_SECONDS at most.
 * Returns a descriptor for fileio_unlock(), or -1 with an allocated
 * message in *err that names the file: the lock was busy all that time,
 * cannot be made, or was deleted while this waited. needlecare forget
 * deletes a file, then its lock, under it: whoever waited must not write
 * the file again. read_from, when not NULL, is a file the caller read
 * what it writes from (path itself, or the configuration a plan came
 * from): gone before the lock is made or once it is held, forget ran
 * meanwhile, nothing is to be written from it, and no lock is made. The
 * kernel drops the lock when the process ends, however it ends: a lock
 * file left behind never blocks anyone. */
int fileio_lock(const char *path, const char *read_from, char **err);
/* The message, for a file named by %s, of an update that finds the file
 * deleted once it holds the lock. */
#define FILEIO_DELETED "%s was deleted (by needlecare forget, or by hand) " \
	"while this waited to change it; nothing was changed"
void fileio_unlock(int fd);

/* Creates path and its missing parents with the given mode. 0 or -1/errno. */
int fileio_mkdirs(const char *path, unsigned mode);

/* "$XDG_<kind>_HOME/needlecare/<leaf>", falling back on the XDG default
 * below $HOME (fallback is ".config", ".local/state", ...). Allocated. */
char *fileio_xdg_path(const char *env, const char *fallback, const char *leaf);

#endif
