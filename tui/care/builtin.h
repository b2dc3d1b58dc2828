/* The shipped protocol and configuration files, compiled into the program by the Makefile so
 * that it works from the build tree and from any install prefix. */
#ifndef NEEDLECARE_BUILTIN_H
#define NEEDLECARE_BUILTIN_H

#include <stddef.h>

struct builtin_file {
	const char *name; /* "microneedling" for data/protocols/microneedling.ini */
	const char *text;
	size_t len;
	unsigned long crc; /* cksum(1) of the text: the plan cache's key for it */
};

extern const struct builtin_file builtin_protocols[];
extern const size_t builtin_protocols_count;
/* config/needlecare.ini: the start of every new configuration file. */
extern const struct builtin_file builtin_config;
/* data/warning-signs.ini: the rules every protocol starts from. */
extern const struct builtin_file builtin_warning_signs;

#endif
