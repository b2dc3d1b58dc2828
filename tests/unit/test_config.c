/* The configuration: defaults equal the shipped file, every mistake is
 * named with its line, and saving keeps what the user wrote. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "care/config.h"
#include "base/fileio.h"
#include "base/inifile.h"
#include "care/screening.h"
#include "unit.h"

#define FIX "tests/fixtures/config/"

static char *slurp(const char *path)
{
	char *data, *err;
	size_t len;
	assert_int_equal(fileio_read(path, 1 << 20, &data, &len, &err), FILEIO_OK);
	return data;
}

static time_t utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
	                .tm_hour = h, .tm_min = mi};
	return timegm(&tm);
}

static void shipped_file_is_the_defaults(void **state)
{
	(void)state;
	/* The file in the tree is the one compiled in. */
	size_t len;
	const char *text = config_shipped_text(&len);
	char *file = slurp("config/needlecare.ini");
	assert_int_equal(strlen(file), len);
	assert_memory_equal(file, text, len);
	free(file);

	struct diags d = {0};
	struct config shipped, defaults;
	assert_true(config_load("config/needlecare.ini", &shipped, &d));
	assert_int_equal(d.n, 0);
	config_defaults(&defaults);
	assert_string_equal(shipped.protocol, defaults.protocol);
	assert_int_equal(shipped.reminder_minute, defaults.reminder_minute);
	assert_int_equal(shipped.quiet_start, defaults.quiet_start);
	assert_int_equal(shipped.quiet_end, defaults.quiet_end);
	assert_int_equal(shipped.color, defaults.color);
	assert_int_equal(shipped.nsessions, 0);
	for (size_t i = 0; i < screening_count; i++)
		assert_int_equal(shipped.answers[i], defaults.answers[i]);

	/* Every setting is written out in the shipped file with its default,
	 * and every screening question is shown there. */
	struct inifile *f = inifile_parse("shipped", text, len, &d);
	assert_non_null(f);
	for (size_t i = 0; i < config_setting_count(); i++) {
		const char *sec, *key, *def;
		config_setting(i, &sec, &key, &def);
		const struct ini_entry *e = inifile_entry(inifile_section(f, sec), key);
		if (!e)
			fprintf(stderr, "[%s] %s is not in the shipped file\n", sec, key);
		assert_non_null(e);
		assert_string_equal(e->value, def);
	}
	for (size_t i = 0; i < screening_count; i++) {
		char *line = xasprintf("; %s = ", screening_questions[i].name);
		assert_non_null(strstr(text, line));
		free(line);
	}
	inifile_free(f);
	config_free(&shipped);
	config_free(&defaults);
}

static void a_course_loads_sorted_in_its_zone(void **state)
{
	(void)state;
	setenv("TZ", "America/New_York", 1);
	dates_zone_changed();
	struct diags d = {0};
	struct config c;
	assert_true(config_load(FIX "course.ini", &c, &d));
	assert_int_equal(c.nsessions, 2);
	assert_int_equal(c.reminder_minute, 8 * 60 + 30);
	assert_int_equal(c.answers[screening_find("cold-sores") - screening_questions], 1);
	/* 10:30 in Berlin is 09:30 UTC in winter, wherever the patient is now. */
	assert_true(c.sessions[0].start == utc(2026, 12, 2, 9, 30));
	assert_true(c.sessions[1].start == utc(2027, 1, 6, 9, 30));
	assert_true(c.sessions[0].has_booked);
	assert_true(c.sessions[0].booked_at == utc(2026, 11, 20, 11, 0));
	size_t n;
	const char **yes = config_yes_answers(&c, &n);
	assert_int_equal(n, 1);
	assert_string_equal(yes[0], "cold-sores");
	free(yes);
	config_free(&c);

	assert_true(config_load(FIX "tokyo.ini", &c, &d));
	assert_true(c.sessions[0].start == utc(2026, 12, 2, 1, 30));
	config_free(&c);
	setenv("TZ", "Europe/Berlin", 1);
	dates_zone_changed();
	assert_true(config_load(FIX "tokyo.ini", &c, &d));
	assert_true(c.sessions[0].start == utc(2026, 12, 2, 1, 30));
	config_free(&c);
	assert_int_equal(d.n, 0);
}

static void every_mistake_is_reported(void **state)
{
	(void)state;
	struct diags d = {0};
	struct config c;
	assert_false(config_load(FIX "bad-many.ini", &c, &d));
	static const struct { unsigned line; const char *needle; } want[] = {
		{3, "unknown key \"colour\" in [course]"},
		{6, "time: \"25:00\" is not a time of day"},
		{9, "quiet-hours: expected HH:MM-HH:MM"},
		{12, "color: expected yes or no"},
		{15, "cold-sores = \"sometimes\": expected yes or no"},
		{16, "unknown screening question \"pregnat\""},
		{18, "unknown section [holidays]"},
		{22, "\"2026-02-30 10:30\" does not exist"},
		{25, "[session.2] has no start"},
		{30, "zone = \"Mars/Olympus\""},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		if (!has_diag(&d, NULL, want[i].line, want[i].needle)) {
			fprintf(stderr, "wanted line %u: %s; got:\n", want[i].line, want[i].needle);
			diags_print(&d, stderr);
		}
		assert_true(has_diag(&d, NULL, want[i].line, want[i].needle));
	}
	assert_string_equal(d.v[0].file, FIX "bad-many.ini");
	config_free(&c);
	diags_free(&d);

	assert_false(config_load(FIX "duplicate-session.ini", &c, &d));
	assert_true(has_diag(&d, NULL, 6, "same moment as another session"));
	config_free(&c);
	diags_free(&d);
}

static void missing_file_means_defaults(void **state)
{
	(void)state;
	struct diags d = {0};
	struct config c;
	assert_true(config_load("/nonexistent/config.ini", &c, &d));
	assert_false(c.exists);
	assert_int_equal(c.nsessions, 0);
	assert_int_equal(c.reminder_minute, 9 * 60);
	config_free(&c);
}

static char *temp_dir(void)
{
	char tmpl[] = "/tmp/nc-configXXXXXX";
	assert_non_null(mkdtemp(tmpl));
	return xstrdup(tmpl);
}

static void save_keeps_what_the_user_wrote(void **state)
{
	(void)state;
	setenv("TZ", "Europe/Berlin", 1);
	dates_zone_changed();
	char *dir = temp_dir();
	char *path = xasprintf("%s/config.ini", dir);
	char *orig = slurp(FIX "course.ini");
	char *err = NULL;
	assert_int_equal(fileio_save(path, orig, strlen(orig), &err), 0);

	struct diags d = {0};
	struct config c;
	assert_true(config_load(path, &c, &d));
	struct civil w = {2027, 2, 10, 11, 0, 0};
	time_t t = dates_resolve(&w);
	size_t i = config_add_session(&c, &w, "Europe/Berlin", t, utc(2026, 11, 25, 13, 0));
	assert_int_equal(i, 2);
	config_remove_session(&c, 0);
	free(c.protocol);
	c.protocol = xstrdup("prp");
	assert_true(config_save(&c, &err));
	config_free(&c);

	char *text = slurp(path);
	assert_non_null(strstr(text, "; A course of two sessions, booked in Berlin. The user's own comment."));
	assert_non_null(strstr(text, "; the second session, five weeks later"));
	assert_non_null(strstr(text, "time = 08:30"));
	assert_non_null(strstr(text, "cold-sores = yes"));
	assert_non_null(strstr(text, "protocol = prp"));
	assert_null(strstr(text, "protocol = microneedling"));
	assert_null(strstr(text, "2026-12-02"));
	assert_non_null(strstr(text, "[session.2]\nstart = 2027-02-10 11:00\nzone = Europe/Berlin\n"
	                             "booked = 2026-11-25 14:00:00\n"));
	assert_null(strstr(text, "\n\n\n"));
	free(text);

	assert_true(config_load(path, &c, &d));
	assert_int_equal(d.n, 0);
	assert_int_equal(c.nsessions, 2);
	assert_true(c.sessions[0].start == utc(2027, 1, 6, 9, 30));
	assert_true(c.sessions[1].start == utc(2027, 2, 10, 10, 0));
	assert_true(c.sessions[1].booked_at == utc(2026, 11, 25, 13, 0));

	/* Saving twice changes nothing more. */
	text = slurp(path);
	assert_true(config_save(&c, &err));
	char *again = slurp(path);
	assert_string_equal(text, again);
	free(text);
	free(again);

	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	config_free(&c);
	unlink(path);
	rmdir(dir);
	free(orig);
	free(path);
	free(dir);
}

static void a_new_file_starts_from_the_shipped_one(void **state)
{
	(void)state;
	char *dir = temp_dir();
	char *path = xasprintf("%s/a/b/config.ini", dir);
	struct diags d = {0};
	struct config c;
	assert_true(config_load(path, &c, &d));
	struct civil w = {2026, 12, 2, 10, 30, 0};
	config_add_session(&c, &w, "Europe/Berlin", dates_resolve(&w), 0);
	char *err = NULL;
	assert_true(config_save(&c, &err));
	config_free(&c);
	char *text = slurp(path);
	assert_non_null(strstr(text, "; needlecare configuration"));
	assert_non_null(strstr(text, "[session.1]\nstart = 2026-12-02 10:30\n"));
	free(text);
	struct stat st;
	char *sub = xasprintf("%s/a/b", dir);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* Only the file itself is left: no temporary file beside it. */
	char *cmd = xasprintf("test $(ls -A %s | wc -l) = 1", sub);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	unlink(path);
	rmdir(sub);
	free(sub);
	sub = xasprintf("%s/a", dir);
	rmdir(sub);
	rmdir(dir);
	free(sub);
	free(path);
	free(dir);
}

static void a_symbolic_link_is_not_replaced(void **state)
{
	(void)state;
	char *dir = temp_dir();
	char *target = xasprintf("%s/target.ini", dir);
	char *link = xasprintf("%s/config.ini", dir);
	char *err = NULL;
	assert_int_equal(fileio_save(target, "x\n", 2, &err), 0);
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(fileio_save(link, "y\n", 2, &err), -1);
	assert_non_null(strstr(err, "symbolic link"));
	free(err);
	char *text = slurp(target);
	assert_string_equal(text, "x\n");
	free(text);
	unlink(link);
	unlink(target);
	rmdir(dir);
	free(target);
	free(link);
	free(dir);
}

/* An update reads the file under its lock, as it is now; one that finds
 * the file deleted since it was first read is refused, and holds no lock. */
static void an_update_reads_the_file_as_it_is_now(void **state)
{
	(void)state;
	char *dir = temp_dir(), *path = xasprintf("%s/config.ini", dir);
	char *err = NULL;
	const char *text = "[course]\nprotocol = prp\n";
	assert_int_equal(fileio_save(path, text, strlen(text), &err), 0);
	struct config c;
	struct diags d = {0};
	int lock;
	assert_int_equal(config_lock(path, true, &c, &lock, &d), STATUS_OK);
	assert_true(lock >= 0);
	assert_string_equal(c.protocol, "prp");
	char *lockfile = xasprintf("%s.lock", path);
	int other = open(lockfile, O_RDWR);
	assert_true(other >= 0);
	assert_int_not_equal(flock(other, LOCK_EX | LOCK_NB), 0);
	fileio_unlock(lock);
	assert_int_equal(flock(other, LOCK_EX | LOCK_NB), 0);
	close(other);
	config_free(&c);

	unlink(path);
	assert_int_equal(config_lock(path, true, &c, &lock, &d), STATUS_FAIL);
	assert_int_equal(lock, -1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "was deleted"));
	config_free(&c);
	diags_free(&d);
	/* The lock gone too, as forget leaves it: none is made again. */
	unlink(lockfile);
	assert_int_equal(config_lock(path, true, &c, &lock, &d), STATUS_FAIL);
	assert_int_equal(access(lockfile, F_OK), -1);
	config_free(&c);
	diags_free(&d);
	/* Never there: a new file starts. */
	assert_int_equal(config_lock(path, false, &c, &lock, &d), STATUS_OK);
	assert_false(c.exists);
	fileio_unlock(lock);
	config_free(&c);
	unlink(lockfile);
	rmdir(dir);
	free(lockfile);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_file_is_the_defaults),
		cmocka_unit_test(a_course_loads_sorted_in_its_zone),
		cmocka_unit_test(every_mistake_is_reported),
		cmocka_unit_test(missing_file_means_defaults),
		cmocka_unit_test(save_keeps_what_the_user_wrote),
		cmocka_unit_test(a_new_file_starts_from_the_shipped_one),
		cmocka_unit_test(a_symbolic_link_is_not_replaced),
		cmocka_unit_test(an_update_reads_the_file_as_it_is_now),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
