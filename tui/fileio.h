/* fileio: reading input files without surprises, and saving files so that a
 * crash leaves either the old or the new content, never a mix. */
#ifndef NEEDLECARE_FILEIO_H
#define NEEDLECARE_FILEIO_H

#include <stddef.h>

#include "util.h"

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

/* Replaces path with data: a temporary file of mode 0600 beside it, written,
 * synced and renamed over path, then the folder synced. Missing folders are
 * created with mode 0700. A path that is a symbolic link is refused. Returns
 * 0, or -1 with an allocated message in *err; the old file is then intact. */
int fileio_save(const char *path, const char *data, size_t len, char **err);

/* Creates path and its missing parents with the given mode. 0 or -1/errno. */
int fileio_mkdirs(const char *path, unsigned mode);

/* "$XDG_<kind>_HOME/needlecare/<leaf>", falling back on the XDG default
 * below $HOME (fallback is ".config", ".local/state", ...). Allocated. */
char *fileio_xdg_path(const char *env, const char *fallback, const char *leaf);

#endif
