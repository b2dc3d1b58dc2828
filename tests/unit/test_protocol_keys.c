/* Every key a protocol file may give is in needlecare.5, in the
 * subsection of its kind of section: the keys come from protocol.c's field
 * lists (protocol_key()), the same the parser and the plan cache use, so a
 * key added there and not described fails here. tests/check.sh runs this in
 * its man page step too. Run from the top of the source tree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fileio.h"
#include "care/protocol.h"

#define MAN "man/needlecare.5"

/* The subsection that describes each kind of section, and the macro that
 * names a key there: an item (.It Cm start) for most, an inline name
 * (.Cm redness ,) in the paragraph on normal ranges. */
static const struct {
	const char *name;
	const char *subsection;
	const char *macro;
} where[PSEC_COUNT] = {
	[PSEC_MILESTONE] = {"milestone", ".Ss Milestones", ".It Cm "},
	[PSEC_REDFLAG] = {"redflag", ".Ss Warning signs", ".It Cm "},
	[PSEC_NORMAL] = {"normal", ".Ss Normal ranges", ".Cm "},
	[PSEC_PROTOCOL] = {"protocol", ".Ss The protocol section", ".It Cm "},
};

/* Whether the line, after its macro, names key as a word: ".It Cm fact ,
 * omit" names fact and omit. */
static bool names(const char *line, const char *macro, const char *key)
{
	size_t n = strlen(macro), k = strlen(key);
	if (strncmp(line, macro, n) != 0)
		return false;
	for (const char *p = line + n; *p;) {
		size_t w = strcspn(p, " ,\n");
		if (w == k && strncmp(p, key, k) == 0)
			return true;
		p += w;
		p += strspn(p, " ,\n");
	}
	return false;
}

/* Whether the subsection of sec in the page describes key. */
static bool documented(const char *page, enum protocol_section sec, const char *key)
{
	bool inside = false;
	for (const char *line = page; line && *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		char *l = xasprintf("%.*s", (int)len, line);
		if (strncmp(l, ".Ss ", 4) == 0 || strncmp(l, ".Sh ", 4) == 0)
			inside = strcmp(l, where[sec].subsection) == 0;
		bool found = inside && names(l, where[sec].macro, key);
		free(l);
		if (found)
			return true;
		line = nl ? nl + 1 : NULL;
	}
	return false;
}

static void every_protocol_key_is_in_the_man_page(void **state)
{
	(void)state;
	char *page, *err;
	size_t len;
	if (fileio_read(MAN, 1u << 20, &page, &len, &err) != FILEIO_OK)
		fail_msg("cannot read %s (run from the top of the source tree)", MAN);
	char missing[2048] = "";
	size_t keys = 0;
	for (int sec = 0; sec < PSEC_COUNT; sec++) {
		for (size_t i = 0; i < protocol_key_slots((enum protocol_section)sec); i++) {
			const char *key = protocol_key((enum protocol_section)sec, i);
			if (!key)
				continue;
			keys++;
			if (!documented(page, (enum protocol_section)sec, key))
				snprintf(missing + strlen(missing), sizeof missing - strlen(missing),
				         " %s:%s", where[sec].name, key);
		}
	}
	free(page);
	/* The lists are not empty: a broken protocol_key() passes nothing. */
	assert_true(keys > 30);
	if (*missing)
		fail_msg("protocol keys not in " MAN ":%s", missing);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_protocol_key_is_in_the_man_page),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
