#include "screening.h"

#include <string.h>

const struct screening_question screening_questions[] = {
	{"cold-sores", "Have you ever had cold sores (facial herpes)?",
	 "needling can wake up the cold-sore virus: your practitioner may "
	 "prescribe a preventive antiviral to start before the session"},
};

const size_t screening_count =
	sizeof screening_questions / sizeof screening_questions[0];

const struct screening_question *screening_find(const char *name)
{
	for (size_t i = 0; i < screening_count; i++)
		if (strcmp(screening_questions[i].name, name) == 0)
			return &screening_questions[i];
	return NULL;
}
