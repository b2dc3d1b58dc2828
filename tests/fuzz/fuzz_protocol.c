/* The protocol loader: inifile_parse and the conversion to milestones,
 * red flags and normal ranges (protocol_open on a file holding the input),
 * then the timeline of two sessions. Texts that come out must be clean. */
#include "fuzz.h"
#include "care/protocol.h"
#include "care/timeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("clinic.ini", data, size);
	struct diags d = {0};
	struct protocol *p = protocol_open(path, &d);
	for (size_t i = 0; i < d.n; i++)
		if (!d.v[i].msg)
			abort();
	if (p) {
		fuzz_check_text(p->name);
		fuzz_check_text(p->description);
		for (size_t i = 0; i < p->count; i++) {
			const struct milestone *m = &p->milestones[i];
			if (!m->title)
				abort();
			fuzz_check_text(m->title);
			fuzz_check_text(m->body);
			fuzz_check_text(m->end_title);
			fuzz_check_text(m->end_body);
		}
		/* 2 December 2026 10:30 and 13 January 2027 10:30, Berlin. */
		static const time_t sessions[] = {1796203800, 1799832600};
		const char *yes[] = {"cold-sores"};
		struct plan_input in = {p, sessions, 2, 9 * 60, yes, 1};
		struct timeline tl;
		timeline_build(&tl, &in, &d);
		timeline_free(&tl);
		protocol_free(p);
	}
	diags_free(&d);
	return 0;
}
