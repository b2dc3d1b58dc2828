/* The care content of the shipped protocols: what a clinic could hand out.
 * Every protocol has warning-sign rules at three levels, measured against
 * its normal ranges; no notification falls in the night, whatever the
 * session hour, across DST changes; pauses of close sessions join. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/due.h"
#include "care/format.h"
#include "care/journal.h"
#include "care/protocol.h"
#include "care/rules.h"
#include "care/screening.h"
#include "care/timeline.h"
#include "unit.h"

#define FIX "tests/fixtures/protocols/"

/* plan_open(), its problems dropped. */
static int open_quietly(struct plan *p, const struct plan_options *o, bool need)
{
	struct diags d = {0};
	int rc = plan_open(p, o, need, &d);
	diags_free(&d);
	return rc;
}

static void zone(const char *tz)
{
	setenv("TZ", tz, 1);
	dates_zone_changed();
}

static time_t local(int y, int mo, int d, int h, int mi)
{
	struct civil c = {y, mo, d, h, mi, 0};
	return dates_resolve(&c);
}

static struct protocol *load(const char *ref)
{
	struct diags d = {0};
	struct protocol *p = protocol_open(ref, &d);
	if (!p)
		diags_print(&d, stderr);
	assert_non_null(p);
	diags_free(&d);
	return p;
}

/* Every screening answer "yes", so that only-if milestones are dated too. */
static const char **all_yes(size_t *n)
{
	const char **v = calloc(screening_count, sizeof *v);
	assert_non_null(v);
	for (size_t i = 0; i < screening_count; i++)
		v[i] = screening_questions[i].name;
	*n = screening_count;
	return v;
}

static void every_protocol_has_rules_ranges_and_an_emergency(void **state)
{
	(void)state;
	for (size_t i = 0; i < protocol_builtin_count(); i++) {
		const char *name = protocol_builtin_name(i);
		struct protocol *p = load(name);
		struct diags errors = {0}, warnings = {0};
		protocol_lint(p, &errors, &warnings);
		if (errors.n || warnings.n) {
			fprintf(stderr, "%s:\n", name);
			diags_print(&errors, stderr);
			diags_print(&warnings, stderr);
		}
		assert_int_equal(errors.n, 0);
		assert_int_equal(warnings.n, 0);
		assert_true(p->nredflags >= 10);
		bool emergency = false;
		for (size_t k = 0; k < p->nredflags; k++)
			emergency |= p->redflags[k].urgency == URGENCY_EMERGENCY;
		assert_true(emergency);
		for (int r = 0; r < RATING_COUNT; r++)
			assert_true(p->normal_days[r] > 0);
		/* Routine milestones go to everyone: none is an alert. */
		for (size_t k = 0; k < p->count; k++)
			assert_true(p->milestones[k].urgency < URGENCY_CRITICAL);
		/* The first hours: when to call, at normal urgency. */
		bool call = false;
		for (size_t k = 0; k < p->count; k++)
			call |= strcmp(p->milestones[k].id, "when-to-call") == 0;
		assert_true(call);
		diags_free(&errors);
		diags_free(&warnings);
		protocol_free(p);
	}
}

static void three_levels_kept_apart(void **state)
{
	(void)state;
	struct protocol *p = load("microneedling");
	const struct redflag *f = find_rule(p, "breathing");
	assert_non_null(f);
	assert_int_equal(f->urgency, URGENCY_EMERGENCY);
	/* What to do comes first, in the title a notification's summary is. */
	assert_int_equal(strncmp(f->title, "Call emergency services now", 27), 0);
	static const char *const critical[] = {"pus", "fever", "spreading", "blisters",
	                                       "hives", "pain-marked", "pain-rising",
	                                       "redness-rising"};
	for (size_t i = 0; i < sizeof critical / sizeof *critical; i++)
		assert_int_equal(find_rule(p, critical[i])->urgency, URGENCY_CRITICAL);
	static const char *const routine[] = {"bumps", "dark-patches", "lines",
	                                      "raised-scars", "redness-high",
	                                      "swelling-high", "pain-high"};
	for (size_t i = 0; i < sizeof routine / sizeof *routine; i++)
		assert_int_equal(find_rule(p, routine[i])->urgency, URGENCY_NORMAL);
	/* Puffy eyelids are the swelling rating, a mild itch is healing: the
	 * signs that raise a warning do not name them. */
	assert_null(strstr(checkin_signs[SIGN_HIVES].label, "eyelid"));
	assert_non_null(strstr(checkin_signs[SIGN_HIVES].label, "mild itch is normal"));
	assert_null(strstr(checkin_signs[SIGN_BREATHING].label, "eyelid"));
	protocol_free(p);
}

/* Checks one check-in after another against the rules on their days: the
 * titles of what trips, most urgent first, joined with "|". */
struct day_rating {
	long day;
	const char *words; /* "redness=3 swelling=3" */
};

static char *tripped(const struct protocol *p, const struct day_rating *v, size_t n)
{
	zone("Europe/Berlin");
	time_t s = local(2026, 12, 2, 10, 30);
	struct plan plan = {0};
	plan.proto = (struct protocol *)p;
	struct plan_input in = {p, &s, 1, 9 * 60, NULL, 0};
	struct diags d = {0};
	timeline_build(&plan.tl, &in, &d);
	struct journal j = {0};
	j.v = calloc(n, sizeof *j.v);
	assert_non_null(j.v);
	for (size_t i = 0; i < n; i++) {
		checkin_init(&j.v[i], local(2026, 12, 2 + (int)v[i].day, 12, 0));
		char *words = strdup(v[i].words), *save = NULL;
		for (char *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			char *err = NULL;
			assert_true(checkin_set(&j.v[i], w, &err));
		}
		free(words);
		j.n++;
	}
	const struct redflag **out = calloc(p->nredflags + 1, sizeof *out);
	size_t k = rules_tripped(&plan, &j, n - 1, out);
	char buf[1024] = "";
	for (size_t i = 0; i < k; i++) {
		if (i)
			strcat(buf, "|");
		strcat(buf, out[i]->id);
		if (i)
			assert_true(out[i - 1]->urgency >= out[i]->urgency);
	}
	free(out);
	for (size_t i = 0; i < n; i++)
		checkin_free(&j.v[i]);
	free(j.v);
	timeline_free(&plan.tl);
	diags_free(&d);
	return strdup(buf);
}

#define TRIPS(p, want, ...)                                                   \
	do {                                                                  \
		const struct day_rating v_[] = {__VA_ARGS__};                 \
		char *got_ = tripped(p, v_, sizeof v_ / sizeof *v_);          \
		assert_string_equal(got_, want);                              \
		free(got_);                                                   \
	} while (0)

static void rules_follow_the_normal_ranges(void **state)
{
	(void)state;
	struct protocol *mn = load("microneedling");
	/* 0 -> 1 on day 3: higher, but inside the day's normal range. */
	TRIPS(mn, "", {2, "redness=0 pain=0"}, {3, "redness=1 pain=1"});
	/* Rising above the normal range on day 3: a call today. */
	TRIPS(mn, "redness-rising|redness-high", {2, "redness=1"}, {3, "redness=2"});
	/* Clearly above normal on day 2: a routine warning, the same day. */
	TRIPS(mn, "redness-high|swelling-high|pain-high",
	      {2, "redness=3 swelling=3 pain=2"});
	/* The same on days 0 and 1 is expected. */
	TRIPS(mn, "", {0, "redness=3 swelling=3 pain=2"});
	TRIPS(mn, "", {1, "redness=3 swelling=2 pain=1"});
	/* Moderate redness on day 4 is not settling; swelling on day 3 too. */
	TRIPS(mn, "redness-late", {4, "redness=2"});
	TRIPS(mn, "swelling-late", {3, "swelling=2"});
	/* Day 7: nothing at 0; after a week, mild redness is worth a word. */
	TRIPS(mn, "", {7, "redness=0 swelling=0 pain=0"});
	TRIPS(mn, "redness-week", {8, "redness=1"});
	/* Strong pain from day 1, on any day after. */
	TRIPS(mn, "pain-marked", {1, "pain=3"});
	/* Signs, on any day, the emergency first. */
	TRIPS(mn, "breathing|pus|fever", {4, "fever=yes pus=yes breathing=yes"});
	TRIPS(mn, "", {4, "fever=no pus=no"});

	/* RF heals over a longer course: moderate redness on day 4 is what its
	 * own text calls expected, and swelling lasts the week. */
	struct protocol *rf = load("rf");
	TRIPS(rf, "", {4, "redness=2"});
	TRIPS(rf, "", {3, "swelling=2"});
	TRIPS(rf, "redness-late", {5, "redness=2"});
	/* RF's own signs: dents and numbness, and blisters that may be a burn. */
	TRIPS(rf, "dents|numbness", {10, "dents=yes numbness=yes"});
	assert_non_null(strstr(find_rule(rf, "blisters")->title, "burn"));
	assert_null(find_rule(mn, "dents"));

	/* At home the skin is calm again after a day. */
	struct protocol *home = load("at-home");
	TRIPS(home, "redness-high", {2, "redness=1"});
	TRIPS(home, "", {1, "redness=1"});
	TRIPS(home, "pus|fever|blisters|hives", {4, "fever=yes pus=yes hives=yes blisters=yes"});
	protocol_free(mn);
	protocol_free(rf);
	protocol_free(home);
}

static void rule_sets_are_inherited_and_overridden(void **state)
{
	(void)state;
	struct protocol *mn = load("microneedling"), *home = load("at-home"),
	                *rf = load("rf"), *prp = load("prp");
	/* Every protocol starts from the shared rules. */
	for (size_t i = 0; i < mn->nredflags; i++) {
		const struct redflag *f = &mn->redflags[i];
		assert_non_null(strstr(f->file, "warning-signs.ini"));
		assert_non_null(find_rule(home, f->id));
		assert_non_null(find_rule(prp, f->id));
		assert_non_null(find_rule(rf, f->id));
	}
	/* At home: the action names a doctor, the rest is the shared rule. */
	const struct redflag *shared = find_rule(mn, "pus"), *own = find_rule(home, "pus");
	assert_non_null(strstr(own->action, "Stop home needling"));
	assert_null(strstr(shared->action, "home"));
	assert_string_equal(own->title, shared->title);
	assert_int_equal(own->urgency, shared->urgency);
	assert_int_equal(own->sign, shared->sign);
	/* RF: the blisters rule changes its words, not its sign or level. */
	assert_int_equal(find_rule(rf, "blisters")->sign, SIGN_BLISTERS);
	assert_int_equal(find_rule(rf, "blisters")->urgency, URGENCY_CRITICAL);
	/* A clinic's own protocol with no base still has them. */
	struct protocol *clinic = load(FIX "good.ini");
	assert_non_null(find_rule(clinic, "breathing"));
	/* and omit = yes drops one. */
	struct protocol *less = load(FIX "omit-rule.ini");
	assert_null(find_rule(less, "bumps"));
	assert_non_null(find_rule(less, "pus"));
	protocol_free(less);
	protocol_free(clinic);
	protocol_free(mn);
	protocol_free(home);
	protocol_free(rf);
	protocol_free(prp);
}

static void lint_names_file_and_line(void **state)
{
	(void)state;
	struct protocol *p = load(FIX "lint.ini");
	struct diags errors = {0}, warnings = {0};
	protocol_lint(p, &errors, &warnings);
	diags_print(&errors, stderr);
	diags_print(&warnings, stderr);
	/* Check-ins with no normal ranges: an error, at the file. */
	assert_int_equal(errors.n, 1);
	assert_non_null(strstr(errors.v[0].msg, "no [normal] ranges"));
	/* A critical milestone, an hour offset that lands at night, a time of
	 * day in the night: warnings at each section's line. */
	assert_int_equal(warnings.n, 3);
	assert_non_null(strstr(warnings.v[0].msg, "[alarm] has urgency = critical"));
	assert_int_equal(warnings.v[0].line, 12);
	assert_non_null(strstr(warnings.v[1].msg, "[wash] start = +8h falls in the night"));
	assert_non_null(strstr(warnings.v[1].msg, "between 14:00 and 20:00"));
	assert_int_equal(warnings.v[1].line, 19);
	assert_non_null(strstr(warnings.v[2].msg, "[late] time = 23:00"));
	assert_int_equal(warnings.v[2].line, 26);
	diags_free(&errors);
	diags_free(&warnings);
	protocol_free(p);
}

/* Whether a notification of the timeline falls between 22:00 and 07:00. */
static int night_notifications(const struct timeline *t, const char *what)
{
	int bad = 0;
	for (size_t i = 0; i < t->nevents; i++) {
		const struct timeline_event *e = &t->events[i];
		if (!e->entry->m->notify)
			continue;
		struct civil c = dates_civil(e->when);
		int m = c.hour * 60 + c.min;
		if (m >= NIGHT_START || m < NIGHT_END) {
			char when[20];
			dates_format_iso(e->when, when, sizeof when);
			fprintf(stderr, "%s: [%s]%s at %s\n", what, e->entry->m->id,
			        e->is_end ? " ends" : "", when);
			bad++;
		}
	}
	return bad;
}

static void no_notification_falls_at_night(void **state)
{
	(void)state;
	static const char *const zones[] = {"Europe/Berlin", "America/New_York",
	                                    "Australia/Sydney"};
	static const int hours[][2] = {{7, 30}, {8, 0}, {12, 0}, {17, 30}, {20, 0}};
	/* Courses with a DST change inside (spring and autumn, both hemispheres). */
	static const int months[][3] = {{2, 20, 0}, {9, 20, 0}, {3, 20, 0}};
	size_t nyes;
	const char **yes = all_yes(&nyes);
	int bad = 0;
	for (size_t z = 0; z < sizeof zones / sizeof *zones; z++) {
		zone(zones[z]);
		for (size_t i = 0; i < protocol_builtin_count(); i++) {
			struct protocol *p = load(protocol_builtin_name(i));
			for (size_t h = 0; h < sizeof hours / sizeof *hours; h++)
				for (size_t k = 0; k < sizeof months / sizeof *months; k++) {
					time_t s[3];
					for (int n = 0; n < 3; n++)
						s[n] = local(2026, months[k][0] + n, months[k][1],
						             hours[h][0], hours[h][1]);
					struct timeline t;
					struct diags d = {0};
					struct plan_input in = {p, s, 3, 9 * 60, yes, nyes};
					timeline_build(&t, &in, &d);
					char what[120];
					snprintf(what, sizeof what, "%s %s %02d:%02d", zones[z],
					         protocol_builtin_name(i), hours[h][0], hours[h][1]);
					bad += night_notifications(&t, what);
					timeline_free(&t);
					diags_free(&d);
				}
			protocol_free(p);
		}
	}
	free(yes);
	zone("Europe/Berlin");
	assert_int_equal(bad, 0);
}

static void night_moves_to_the_morning(void **state)
{
	(void)state;
	zone("Europe/Berlin");
	struct protocol *p = load("microneedling");
	time_t s = local(2026, 12, 2, 17, 30);
	struct timeline t;
	struct diags d = {0};
	struct plan_input in = {p, &s, 1, 9 * 60, NULL, 0};
	timeline_build(&t, &in, &d);
	for (size_t i = 0; i < t.count; i++) {
		const struct timeline_entry *e = &t.entries[i];
		/* +8h would be 01:30: the first wash is the next morning. */
		if (strcmp(e->m->id, "first-wash") == 0)
			assert_true(e->start == local(2026, 12, 3, 7, 0));
		/* +6h would be 23:30: hands off until the morning. */
		if (strcmp(e->m->id, "hands-off") == 0)
			assert_true(e->end == local(2026, 12, 3, 7, 0));
		/* The evening before, not at 05:00. */
		if (strcmp(e->m->id, "arrive-clean") == 0)
			assert_true(e->start == local(2026, 12, 1, 20, 0));
		/* Every morning means the morning. */
		if (strcmp(e->m->id, "sunscreen-daily") == 0)
			assert_true(e->start == local(2026, 12, 3, 8, 0));
	}
	timeline_free(&t);
	/* At noon the wash stays at 20:00. */
	s = local(2026, 12, 2, 12, 0);
	timeline_build(&t, &in, &d);
	for (size_t i = 0; i < t.count; i++)
		if (strcmp(t.entries[i].m->id, "first-wash") == 0)
			assert_true(t.entries[i].start == local(2026, 12, 2, 20, 0));
	timeline_free(&t);
	diags_free(&d);
	protocol_free(p);
}

/* At home, sessions three days apart: the pause on actives runs on until
 * after the next session, with no "may come back" inside it. */
static void close_sessions_keep_one_pause(void **state)
{
	(void)state;
	zone("Europe/Berlin");
	struct protocol *p = load("at-home");
	time_t s[2] = {local(2026, 12, 5, 20, 0), local(2026, 12, 8, 20, 0)};
	struct timeline t;
	struct diags d = {0};
	struct plan_input in = {p, s, 2, 9 * 60, NULL, 0};
	timeline_build(&t, &in, &d);
	int pauses = 0;
	for (size_t i = 0; i < t.count; i++) {
		const struct timeline_entry *e = &t.entries[i];
		if (strcmp(e->m->id, "no-actives") != 0)
			continue;
		pauses++;
		assert_true(e->start == local(2026, 12, 3, 20, 0));
		assert_true(e->end == local(2026, 12, 10, 20, 0));
	}
	assert_int_equal(pauses, 1);
	for (size_t i = 0; i < t.nevents; i++) {
		const struct timeline_event *e = &t.events[i];
		if (strcmp(e->entry->m->id, "no-actives") == 0 && e->is_end)
			assert_true(e->when == local(2026, 12, 10, 20, 0));
	}
	timeline_free(&t);
	diags_free(&d);
	protocol_free(p);
}

static void course_days_before_and_after(void **state)
{
	(void)state;
	zone("Europe/Berlin");
	struct protocol *p = load("microneedling");
	time_t s = local(2026, 12, 10, 10, 30);
	struct timeline t;
	struct diags d = {0};
	struct plan_input in = {p, &s, 1, 9 * 60, NULL, 0};
	timeline_build(&t, &in, &d);
	char *w = format_course_day(&t, local(2026, 12, 5, 9, 0));
	assert_string_equal(w, "5 days before session 1");
	free(w);
	w = format_course_day(&t, local(2026, 12, 9, 9, 0));
	assert_string_equal(w, "1 day before session 1");
	free(w);
	w = format_course_day(&t, local(2026, 12, 10, 9, 0));
	assert_string_equal(w, "the day of session 1, before it");
	free(w);
	w = format_course_day(&t, local(2026, 12, 14, 9, 0));
	assert_string_equal(w, "day 4 after session 1");
	free(w);
	timeline_free(&t);
	diags_free(&d);
	protocol_free(p);
}

/* A critical milestone of a clinic's file goes alone: the routine ones due
 * with it keep their normal urgency. */
static void an_urgent_one_goes_alone(void **state)
{
	(void)state;
	zone("Europe/Berlin");
	struct plan p;
	struct plan_options o = {"/nonexistent/config.ini", FIX "lint.ini",
	                         "2026-12-02 10:30"};
	assert_int_equal(open_quietly(&p, &o, true), STATUS_OK);
	struct state s = {0};
	struct due_list l;
	time_t now = local(2026, 12, 2, 11, 30);
	due_collect(&p, &s, now, &l);
	struct due_notification *m;
	size_t n = due_compose(&l, &p.cfg, now, &m);
	assert_int_equal(n, 2);
	assert_string_equal(m[0].summary, "An alert for everyone");
	assert_int_equal(m[0].urgency, URGENCY_CRITICAL);
	assert_int_equal(m[1].urgency, URGENCY_NORMAL);
	assert_string_equal(m[1].summary, "2 care reminders");
	due_notifications_free(m, n);
	due_list_free(&l);
	plan_free(&p);
}

int main(void)
{
	zone("Europe/Berlin");
	setenv("XDG_DATA_HOME", "/nonexistent", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_protocol_has_rules_ranges_and_an_emergency),
		cmocka_unit_test(three_levels_kept_apart),
		cmocka_unit_test(rules_follow_the_normal_ranges),
		cmocka_unit_test(rule_sets_are_inherited_and_overridden),
		cmocka_unit_test(lint_names_file_and_line),
		cmocka_unit_test(no_notification_falls_at_night),
		cmocka_unit_test(night_moves_to_the_morning),
		cmocka_unit_test(close_sessions_keep_one_pause),
		cmocka_unit_test(course_days_before_and_after),
		cmocka_unit_test(an_urgent_one_goes_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
