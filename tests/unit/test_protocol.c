/* Protocol loading: the shipped files, inheritance, and one fixture per kind
 * of mistake a clinic can make in a protocol file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"
#include "care/protocol.h"
#include "unit.h"

#define FIX "tests/fixtures/protocols/"

static void dump(const struct diags *d)
{
	diags_print(d, stderr);
}

static void shipped_protocols_load_cleanly(void **state)
{
	(void)state;
	assert_true(protocol_builtin_count() >= 2);
	for (size_t i = 0; i < protocol_builtin_count(); i++) {
		struct diags d = {0};
		struct protocol *p = protocol_open(protocol_builtin_name(i), &d);
		if (!p)
			dump(&d);
		assert_non_null(p);
		assert_int_equal(d.n, 0);
		/* Every milestone rests on a fact and explains itself. */
		for (size_t j = 0; j < p->count; j++) {
			const struct milestone *m = &p->milestones[j];
			if (!m->body || !m->fact)
				fprintf(stderr, "%s: [%s] lacks body or fact\n", p->name, m->id);
			assert_non_null(m->body);
			assert_non_null(m->fact);
			assert_true(strlen(m->title) <= 60);
		}
		protocol_free(p);
		diags_free(&d);
	}
}

static void default_protocol_covers_every_phase(void **state)
{
	(void)state;
	struct diags d = {0};
	struct protocol *p = protocol_open("microneedling", &d);
	assert_non_null(p);
	assert_true(p->count >= 30);
	bool seen[PHASE_COUNT] = {0}, kinds[KIND_COUNT] = {0};
	for (size_t i = 0; i < p->count; i++) {
		seen[p->milestones[i].phase] = true;
		kinds[p->milestones[i].kind] = true;
	}
	for (int i = 0; i < PHASE_COUNT; i++)
		assert_true(seen[i]);
	for (int i = 0; i < KIND_COUNT; i++)
		assert_true(kinds[i]);
	/* The fact sheet's defaults: retinoids paused from 7 days before to
	 * 7 days after, sweating held for 72 hours. */
	const struct milestone *r = find_milestone(p, "retinoids");
	assert_non_null(r);
	assert_true(r->window);
	assert_int_equal(r->start.n, -7);
	assert_int_equal(r->start.unit, UNIT_DAY);
	assert_int_equal(r->end.n, 7);
	assert_non_null(r->end_title);
	const struct milestone *s = find_milestone(p, "sweat");
	assert_non_null(s);
	assert_int_equal(s->end.n, 72);
	assert_int_equal(s->end.unit, UNIT_HOUR);
	protocol_free(p);
	diags_free(&d);
}

static void prp_changes_what_the_facts_change(void **state)
{
	(void)state;
	struct diags d = {0};
	struct protocol *base = protocol_open("microneedling", &d);
	struct protocol *prp = protocol_open("prp", &d);
	assert_non_null(base);
	assert_non_null(prp);
	assert_true(prp->count > base->count);
	/* First wash the next morning, blood thinners off for two weeks. */
	const struct milestone *w = find_milestone(prp, "first-wash");
	assert_int_equal(w->start.n, 1);
	assert_int_equal(w->start.unit, UNIT_DAY);
	assert_int_equal(find_milestone(base, "first-wash")->start.unit, UNIT_HOUR);
	assert_int_equal(find_milestone(prp, "otc-blood-thinners")->end.n, 14);
	assert_int_equal(find_milestone(base, "otc-blood-thinners")->end.n, 3);
	/* Keys it does not override come from the base. */
	assert_string_equal(find_milestone(prp, "retinoids")->title, find_milestone(base, "retinoids")->title);
	protocol_free(base);
	protocol_free(prp);
	diags_free(&d);
}

static void good_fixture_loads(void **state)
{
	(void)state;
	struct diags d = {0};
	struct protocol *p = protocol_open(FIX "good.ini", &d);
	assert_non_null(p);
	assert_int_equal(p->count, 6);
	assert_string_equal(p->name, "Test protocol");
	const struct milestone *a = find_milestone(p, "antiviral");
	assert_int_equal(a->minute_of_day, 8 * 60);
	assert_string_equal(a->only_if, "cold-sores");
	assert_false(find_milestone(p, "session")->notify);
	assert_int_equal(find_milestone(p, "results")->urgency, URGENCY_LOW);
	assert_int_equal(find_milestone(p, "results")->applies, APPLIES_LAST_SESSION);
	assert_int_equal(find_milestone(p, "next")->applies, APPLIES_BETWEEN_SESSIONS);
	/* No min-interval: four weeks. */
	assert_int_equal(p->min_interval.n, 28);
	assert_int_equal(p->min_interval.unit, UNIT_DAY);
	assert_int_equal(find_milestone(p, "wash")->line, 26);
	protocol_free(p);
	diags_free(&d);
}

static void override_merges_per_key(void **state)
{
	(void)state;
	struct diags d = {0};
	struct protocol *p = protocol_open(FIX "override.ini", &d);
	if (!p)
		dump(&d);
	assert_non_null(p);
	assert_string_equal(p->name, "Clinic override");
	const struct milestone *r = find_milestone(p, "stop-retinol");
	assert_int_equal(r->end.n, 10);
	assert_int_equal(r->start.n, -7);        /* inherited */
	assert_string_equal(r->title, "No retinol"); /* inherited */
	assert_null(find_milestone(p, "wash"));            /* omitted */
	assert_int_equal(find_milestone(p, "call-clinic")->urgency, URGENCY_CRITICAL);
	assert_int_equal(p->count, 6);
	protocol_free(p);
	diags_free(&d);
}

static void bom_is_accepted(void **state)
{
	(void)state;
	struct diags d = {0};
	struct protocol *p = protocol_open(FIX "bom.ini", &d);
	assert_non_null(p);
	assert_string_equal(p->milestones[0].id, "a");
	protocol_free(p);
	diags_free(&d);
}

/* One row per mistake: the fixture, the line blamed, words of the message. */
static const struct bad {
	const char *file;
	unsigned line;
	const char *needle;
} bad[] = {
	{"bad-unit.ini", 2, "unknown unit \"y\""},
	{"bad-offset.ini", 2, "expected an offset"},
	{"missing-key.ini", 1, "has no kind"},
	{"unknown-key.ini", 6, "unknown key \"colour\""},
	{"duplicate-id.ini", 7, "[a] appears a second time (first on line 1)"},
	{"duplicate-key.ini", 3, "\"start\" is set a second time"},
	{"end-before-start.ini", 3, "comes before start"},
	{"bad-values.ini", 3, "time: \"25:00\" is not a time of day"},
	{"bad-values.ini", 4, "kind = \"rule\": expected restriction"},
	{"bad-values.ini", 5, "phase = \"week-2\""},
	{"bad-values.ini", 7, "urgency = \"high\": expected low, normal or critical"},
	{"bad-values.ini", 8, "notify = \"maybe\": expected no or yes"},
	{"bad-values.ini", 9, "applies = \"sometimes\""},
	{"bad-values.ini", 10, "only-if = \"pregnat\""},
	{"syntax.ini", 3, "expected \"key = value\""},
	{"section-colon.ini", 7, "must not be empty or contain ':'"},
	{"outside.ini", 1, "stands outside any [section]"},
	{"end-title-no-end.ini", 6, "no end"},
	{"no-milestones.ini", 0, "has no milestones"},
	{"base-missing.ini", 2, "unknown protocol \"no-such-protocol\": expected one of at-home, microneedling, prp, rf"},
	{"loop-a.ini", 0, "nested more than"},
	{"nul.ini", 3, "NUL byte"},
	{"latin1.ini", 5, "not valid UTF-8"},
	{"escape.ini", 5, "control character 0x1B"},
	{"long-line.ini", 5, "lines may have at most 1000"},
	{"unknown-and-bad.ini", 7, "unknown key \"colour\""},
	{"unknown-and-bad.ini", 10, "unknown unit \"q\""},
	{"omit-unknown.ini", 6, "no milestone of that id comes from a base"},
	{"bad-interval.ini", 2, "min-interval = \"-3d\": expected a positive offset"},
	{"many-problems.ini", 2, "unknown unit"},
	{"many-problems.ini", 9, "kind = \"wrong\""},
	{"many-problems.ini", 13, "has no kind"},
	{"many-problems.ini", 13, "has no title"},
};

static void every_mistake_is_named_with_its_line(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct diags d = {0};
		char *path = xasprintf(FIX "%s", bad[i].file);
		struct protocol *p = protocol_open(path, &d);
		if (p || !has_diag(&d, NULL, bad[i].line, bad[i].needle)) {
			fprintf(stderr, "%s: wanted line %u \"%s\", got:\n", bad[i].file,
			        bad[i].line, bad[i].needle);
			dump(&d);
		}
		assert_null(p);
		assert_true(has_diag(&d, NULL, bad[i].line, bad[i].needle));
		/* The file is named in the message. */
		assert_non_null(d.v[0].file);
		free(path);
		diags_free(&d);
	}
}

static void files_that_are_not_files_are_refused(void **state)
{
	(void)state;
	char dir[] = "/tmp/nc-protoXXXXXX";
	assert_non_null(mkdtemp(dir));
	char *fifo = xasprintf("%s/fifo.ini", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	const char *paths[] = {fifo, "/dev/zero", "/tmp/", "/no/such/file.ini"};
	const char *needles[] = {"pipe", "device", "folder", "does not exist"};
	for (size_t i = 0; i < 4; i++) {
		struct diags d = {0};
		assert_null(protocol_open(paths[i], &d));
		assert_true(has_diag(&d, NULL, 0, needles[i]));
		diags_free(&d);
	}
	unlink(fifo);
	rmdir(dir);
	free(fifo);
}

static void user_file_overrides_shipped_name(void **state)
{
	(void)state;
	char dir[] = "/tmp/nc-dataXXXXXX";
	assert_non_null(mkdtemp(dir));
	setenv("XDG_DATA_HOME", dir, 1);
	char *path = xasprintf("%s/needlecare/protocols/microneedling.ini", dir);
	const char text[] = "[protocol]\nname = Mine\n[a]\nstart = +1d\nkind = info\n"
	                    "phase = day-of\ntitle = A\n";
	char *err = NULL;
	assert_int_equal(fileio_save(path, text, sizeof text - 1, &err), 0);
	struct diags d = {0};
	struct protocol *p = protocol_open("microneedling", &d);
	assert_non_null(p);
	assert_string_equal(p->name, "Mine");
	assert_string_equal(p->origin, path);
	protocol_free(p);

	/* A user file that builds on the shipped protocol of its own name. */
	const char over[] = "[protocol]\nname = Mine too\nbase = microneedling\n"
	                    "[heat]\nend = +7d\n";
	assert_int_equal(fileio_save(path, over, sizeof over - 1, &err), 0);
	p = protocol_open("microneedling", &d);
	if (!p)
		dump(&d);
	assert_non_null(p);
	assert_string_equal(p->name, "Mine too");
	assert_true(p->count >= 30);
	assert_int_equal(find_milestone(p, "heat")->end.n, 7);
	assert_int_equal(find_milestone(p, "heat")->end.unit, UNIT_DAY);
	protocol_free(p);
	unsetenv("XDG_DATA_HOME");
	unlink(path);
	free(path);
	diags_free(&d);
}

int main(void)
{
	/* Keep a developer's own protocols out of the test. */
	setenv("XDG_DATA_HOME", "/nonexistent", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_protocols_load_cleanly),
		cmocka_unit_test(default_protocol_covers_every_phase),
		cmocka_unit_test(prp_changes_what_the_facts_change),
		cmocka_unit_test(good_fixture_loads),
		cmocka_unit_test(override_merges_per_key),
		cmocka_unit_test(bom_is_accepted),
		cmocka_unit_test(every_mistake_is_named_with_its_line),
		cmocka_unit_test(files_that_are_not_files_are_refused),
		cmocka_unit_test(user_file_overrides_shipped_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
