/* The state file; and a state that loads, once saved, loads again with
 * the same marks. */
#include "fuzz.h"
#include "care/state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("state", data, size);
	struct diags d = {0};
	struct state s;
	if (state_load(path, &s, &d)) {
		char saved[128];
		snprintf(saved, sizeof saved, "%s/saved", fuzz_dir);
		char *err = NULL;
		if (!state_save(saved, &s, &err))
			abort();
		struct state again;
		struct diags d2 = {0};
		if (!state_load(saved, &again, &d2) || d2.n)
			abort();
		/* Marks whose fields could not be written (a carriage return)
		 * are left out; every other one comes back as it was. */
		size_t kept = 0;
		for (size_t i = 0; i < s.count; i++) {
			const struct mark *m = &s.marks[i];
			if (strchr(m->session, '\r') || strchr(m->milestone, '\r'))
				continue;
			kept++;
			const struct mark *a = state_find(&again, m->kind, m->session, m->milestone);
			if (!a || a->when != m->when)
				abort();
		}
		if (again.count != kept)
			abort();
		state_free(&again);
		diags_free(&d2);
		state_free(&s);
	}
	diags_free(&d);
	return 0;
}
