/* screening: the pre-treatment questions whose answers live in the
 * configuration's [screening] section and switch milestones on (only-if). */
#ifndef NEEDLECARE_SCREENING_H
#define NEEDLECARE_SCREENING_H

#include <stddef.h>

struct screening_question {
	const char *name;     /* the key in [screening] and in only-if */
	const char *question; /* asked of the patient: English, show _(question) */
	const char *reason;   /* why a "yes" matters, in plain words; _(reason) */
};

extern const struct screening_question screening_questions[];
extern const size_t screening_count;

/* NULL when name is not a screening question. */
const struct screening_question *screening_find(const char *name);

#endif
