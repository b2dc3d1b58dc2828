/* inifile: an INI file read safely with iniparser. Debian's iniparser 4.1
 * hangs on FIFOs, crashes on a section named like a key, gives up on the
 * first syntax error and keeps no line numbers; this module reads the bytes
 * itself, reports every problem with its line, and only then hands a clean
 * copy to iniparser for the values. The only file that includes iniparser. */
#ifndef NEEDLECARE_INIFILE_H
#define NEEDLECARE_INIFILE_H

#include <stddef.h>

#include "base/util.h"

/* Larger files are refused: iniparser's load time grows with the square of
 * the number of keys. */
#define INIFILE_MAX_BYTES (2u * 1024 * 1024)
#define INIFILE_MAX_LINE 1000
/* iniparser's load time, and the duplicate checks, grow with the square of
 * the number of keys: a file with more is refused before they are read. */
#define INIFILE_MAX_SECTIONS 5000
#define INIFILE_MAX_KEYS 50000         /* in all sections together */
#define INIFILE_MAX_SECTION_KEYS 1000  /* in one section */

struct ini_entry {
	const char *key;   /* lower-case, as iniparser stores it */
	const char *value; /* as iniparser read it: quotes and comments gone */
	unsigned line;
};

struct ini_section {
	const char *name; /* lower-case */
	unsigned line;
	struct ini_entry *entries;
	size_t nentries;
};

/* Owns every string above; sections and entries are in file order. */
struct inifile {
	char *path; /* the name used in messages */
	struct ini_section *sections;
	size_t nsections;
};

/* Reads path. NULL (with every problem added to d) when the file is not a
 * readable regular file of valid UTF-8 text in INI syntax, or has a
 * duplicate section or key. *missing is set when the file does not exist
 * (no diag is added then). A UTF-8 byte-order mark is skipped. */
struct inifile *inifile_load(const char *path, int *missing, struct diags *d);
/* The same for text held in memory (built-in files); name is for messages. */
struct inifile *inifile_parse(const char *name, const char *text, size_t len,
                              struct diags *d);
void inifile_free(struct inifile *f);

const struct ini_section *inifile_section(const struct inifile *f,
                                          const char *name);
const struct ini_entry *inifile_entry(const struct ini_section *s,
                                      const char *key);

#endif
