/* Shared set-up of the libFuzzer harnesses: a fixed time zone and an empty
 * home, so that a run depends on the input alone; and a file that holds
 * the input, for the loaders that read paths. */
#ifndef NEEDLECARE_FUZZ_H
#define NEEDLECARE_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char fuzz_dir[64];

/* The folder and what the harnesses write in it go when the run ends. */
static void fuzz_cleanup(void)
{
	static const char *const leaves[] = {
		"clinic.ini", "config.ini", "saved.ini", "state", "saved", "journal", "again",
	};
	char path[128];
	for (size_t i = 0; i < sizeof leaves / sizeof leaves[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", fuzz_dir, leaves[i]);
		unlink(path);
	}
	rmdir(fuzz_dir);
}

static inline void fuzz_setup(void)
{
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	/* Memory, where it can be: the loaders sync what they save. */
	strcpy(fuzz_dir, access("/dev/shm", W_OK) == 0 ? "/dev/shm/needlecare-fuzz.XXXXXX"
	                                                : "/tmp/needlecare-fuzz.XXXXXX");
	if (!mkdtemp(fuzz_dir))
		abort();
	atexit(fuzz_cleanup);
	/* No protocol of the user's, no configuration, no state of anyone. */
	setenv("HOME", fuzz_dir, 1);
	setenv("XDG_DATA_HOME", fuzz_dir, 1);
	setenv("XDG_CONFIG_HOME", fuzz_dir, 1);
	setenv("XDG_STATE_HOME", fuzz_dir, 1);
	setenv("XDG_CACHE_HOME", fuzz_dir, 1);
}

/* libFuzzer's entry points. Each harness includes this header once and
 * defines only LLVMFuzzerTestOneInput. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

/* Writes data to fuzz_dir/leaf and returns the path (static). */
static inline const char *fuzz_file(const char *leaf, const uint8_t *data, size_t size)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/%s", fuzz_dir, leaf);
	FILE *f = fopen(path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
		abort();
	return path;
}

/* Text needlecare shows (titles, bodies, names) must hold no control
 * character: C0, DEL or C1 (U+0080-U+009F, 0xC2 0x80-0x9F in UTF-8). */
static inline void fuzz_check_text(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; s && *p; p++)
		if (*p < 0x20 || *p == 0x7F || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
			abort();
}

/* The input as a C string (allocated). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
