/* The journal: damaged lines are skipped, never the others; texts that
 * come out (notes, photo paths) are clean; and every entry loaded, once
 * appended to a new journal, loads again as it was. */
#include "fuzz.h"
#include "care/journal.h"

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("journal", data, size);
	struct diags d = {0};
	struct journal j;
	if (journal_load(path, &j, &d)) {
		char again_path[128];
		snprintf(again_path, sizeof again_path, "%s/again", fuzz_dir);
		unlink(again_path);
		for (size_t i = 0; i < j.n; i++) {
			fuzz_check_text(j.v[i].note);
			fuzz_check_text(j.v[i].photo);
			char *err = NULL;
			if (!journal_append(again_path, &j.v[i], &err))
				abort();
		}
		struct journal again;
		struct diags d2 = {0};
		if (!journal_load(again_path, &again, &d2) || d2.n || again.n != j.n)
			abort();
		for (size_t i = 0; i < j.n; i++) {
			const struct checkin *a = &j.v[i], *b = &again.v[i];
			if (a->when != b->when || memcmp(a->rating, b->rating, sizeof a->rating) ||
			    memcmp(a->sign, b->sign, sizeof a->sign) || !same_text(a->note, b->note) ||
			    !same_text(a->photo, b->photo))
				abort();
		}
		journal_free(&again);
		diags_free(&d2);
		journal_free(&j);
	}
	diags_free(&d);
	return 0;
}
