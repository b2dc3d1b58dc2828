/* The configuration loader; and a configuration that loads, once saved
 * again (as book does), loads with the same sessions and protocol. */
#include "care/config.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("config.ini", data, size);
	struct diags d = {0};
	struct config c;
	bool ok = config_load(path, &c, &d);
	/* A save writes "protocol = VALUE" on one line: a value near the line
	 * limit (1000 characters, reachable with continued lines only) is more
	 * than any name or path a patient has, and is left out. */
	if (ok && strlen(c.protocol) < 900) {
		fuzz_check_text(c.protocol);
		char *saved = malloc(strlen(fuzz_dir) + 16);
		if (!saved)
			abort();
		sprintf(saved, "%s/saved.ini", fuzz_dir);
		free(c.path);
		c.path = saved;
		char *err = NULL;
		/* Only a protocol that no quoting can hold is refused. */
		if (!config_save(&c, &err)) {
			if (!strstr(err, "both kinds of quotes"))
				abort();
			free(err);
			config_free(&c);
			diags_free(&d);
			return 0;
		}
		struct config again;
		struct diags d2 = {0};
		if (!config_load(c.path, &again, &d2))
			abort();
		if (again.nsessions != c.nsessions || strcmp(again.protocol, c.protocol) != 0)
			abort();
		for (size_t i = 0; i < c.nsessions; i++)
			if (again.sessions[i].start != c.sessions[i].start ||
			    strcmp(again.sessions[i].zone, c.sessions[i].zone) != 0)
				abort();
		if (again.reminder_minute != c.reminder_minute || again.discreet != c.discreet)
			abort();
		config_free(&again);
		diags_free(&d2);
	}
	config_free(&c);
	diags_free(&d);
	return 0;
}
