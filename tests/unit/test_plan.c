/* Errors as values: plan_open() prints nothing and returns its problems,
 * each with the lead the commands print it with; and the line loader the
 * state and the journal share. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fileio.h"
#include "care/plan.h"

#define FIX "tests/fixtures/protocols/"

/* What d prints, allocated. */
static char *printed(const struct diags *d)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	assert_non_null(m);
	diags_print(d, m);
	fclose(m);
	return text;
}

static void no_session_is_a_sentence_of_its_own(void **state)
{
	(void)state;
	struct plan p;
	struct plan_options o = {"/nonexistent/config.ini", NULL, NULL};
	struct diags d = {0};
	assert_int_equal(plan_open(&p, &o, true, &d), STATUS_NO_SESSION);
	assert_int_equal(d.n, 1);
	assert_null(d.v[0].file);
	assert_string_equal(d.v[0].lead, DIAGS_OWN);
	char *text = printed(&d);
	assert_string_equal(text, "needlecare: no session is booked: book one with "
	                    "'needlecare book YYYY-MM-DD HH:MM', or try one with --session\n");
	free(text);
	diags_free(&d);
	/* Not needed: an empty plan, and nothing to say. */
	assert_int_equal(plan_open(&p, &o, false, &d), STATUS_OK);
	assert_int_equal(d.n, 0);
	plan_free(&p);
}

static void a_bad_session_is_a_usage_error(void **state)
{
	(void)state;
	struct plan p;
	struct plan_options o = {"/nonexistent/config.ini", NULL, "2026-12-02"};
	struct diags d = {0};
	assert_int_equal(plan_open(&p, &o, true, &d), STATUS_USAGE);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "--session: "));
	diags_free(&d);
}

static void a_protocol_problem_is_at_its_file(void **state)
{
	(void)state;
	struct plan p;
	struct plan_options o = {"/nonexistent/config.ini", "nosuch", "2026-12-02 10:30"};
	struct diags d = {0};
	assert_int_equal(plan_open(&p, &o, true, &d), STATUS_INVALID);
	assert_true(d.n >= 1);
	assert_null(d.v[0].lead);
	assert_non_null(strstr(d.v[0].msg, "unknown protocol \"nosuch\""));
	diags_free(&d);
}

/* 14:00 + 20 h ends after the next morning's 09:00: a warning, and the
 * plan stands. */
static void warnings_come_with_the_plan(void **state)
{
	(void)state;
	setenv("TZ", "Europe/Berlin", 1);
	struct plan p;
	struct plan_options o = {"/nonexistent/config.ini", FIX "mixed-units.ini",
	                         "2026-12-02 14:00"};
	struct diags d = {0};
	assert_int_equal(plan_open(&p, &o, true, &d), STATUS_OK);
	assert_int_equal(d.n, 1);
	assert_int_equal(p.nwarnings, 1);
	char *text = printed(&d);
	assert_true(strncmp(text, "needlecare: warning: " FIX "mixed-units.ini:", 21 +
	                    strlen(FIX "mixed-units.ini:")) == 0);
	assert_non_null(strstr(text, "would end before it starts"));
	free(text);
	diags_free(&d);
	plan_free(&p);
}

struct seen {
	char lines[8][32];
	unsigned numbers[8];
	bool cut[8];
	size_t n;
};

static void collect(void *ctx, char *line, unsigned number, bool nul, bool cut)
{
	struct seen *s = ctx;
	(void)nul;
	snprintf(s->lines[s->n], sizeof s->lines[s->n], "%s", line);
	s->numbers[s->n] = number;
	s->cut[s->n++] = cut;
}

static bool load_text(const char *text, bool header_newline, struct seen *s,
                      struct diags *d)
{
	char path[] = "/tmp/needlecare-lines-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	struct fileio_lines f = {"head 1", "a test file", NULL, 4096, header_newline};
	memset(s, 0, sizeof *s);
	bool ok = fileio_load_lines(path, &f, collect, s, d);
	unlink(path);
	return ok;
}

static void lines_after_the_header(void **state)
{
	(void)state;
	struct seen s;
	struct diags d = {0};
	assert_true(load_text("head 1\na\n\nb", true, &s, &d));
	assert_int_equal(s.n, 2);
	assert_string_equal(s.lines[0], "a");
	assert_int_equal(s.numbers[1], 4);
	assert_false(s.cut[0]);
	assert_true(s.cut[1]);
	assert_int_equal(d.n, 0);
	/* Not ours: nothing read past the first line. */
	assert_false(load_text("other\na\n", true, &s, &d));
	assert_int_equal(s.n, 0);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].msg, "expected \"head 1\" as the first line: this is "
	                    "not a test file");
	diags_free(&d);
	/* A header without its newline: refused only when asked. */
	assert_false(load_text("head 1", true, &s, &d));
	diags_free(&d);
	assert_true(load_text("head 1", false, &s, &d));
	assert_int_equal(d.n, 0);
	/* A missing file has no lines. */
	struct fileio_lines f = {"head 1", "a test file", NULL, 4096, true};
	assert_true(fileio_load_lines("/nonexistent/lines", &f, collect, &s, &d));
	assert_int_equal(d.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_session_is_a_sentence_of_its_own),
		cmocka_unit_test(a_bad_session_is_a_usage_error),
		cmocka_unit_test(a_protocol_problem_is_at_its_file),
		cmocka_unit_test(warnings_come_with_the_plan),
		cmocka_unit_test(lines_after_the_header),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
