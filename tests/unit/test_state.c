/* The state file: marks survive a save and a load, a damaged line is
 * skipped and reported without taking the others with it, a file that is
 * not ours is never overwritten, and the lock excludes. */
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

#include "base/fileio.h"
#include "care/state.h"

static char dir[64];

static char *path_in(const char *leaf)
{
	return xasprintf("%s/%s", dir, leaf);
}

static void marks_survive_a_round_trip(void **state)
{
	(void)state;
	char *path = path_in("state");
	struct state s = {0};
	assert_true(state_set(&s, MARK_SENT_START, "2026-12-02 10:30 Europe/Berlin", "retinoids", 1796000000));
	assert_true(state_set(&s, MARK_SENT_END, "2026-12-02 10:30 Europe/Berlin", "retinoids", 1796000060));
	assert_true(state_set(&s, MARK_TICK, "2026-12-02 10:30 Europe/Berlin", "first-wash", 1796000120));
	assert_false(state_set(&s, MARK_TICK, "2026-12-02 10:30 Europe/Berlin", "first-wash", 1796000180));
	/* A tab in a key would break the line format: such a mark is dropped. */
	state_set(&s, MARK_TICK, "bad\tkey", "x", 1);
	char *err = NULL;
	assert_true(state_save(path, &s, &err));
	state_free(&s);

	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	struct diags d = {0};
	assert_true(state_load(path, &s, &d));
	assert_int_equal(d.n, 0);
	assert_int_equal(s.count, 3);
	const struct mark *m = state_find(&s, MARK_TICK, "2026-12-02 10:30 Europe/Berlin", "first-wash");
	assert_non_null(m);
	assert_true(m->when == 1796000180);
	assert_non_null(state_find(&s, MARK_SENT_END, "2026-12-02 10:30 Europe/Berlin", "retinoids"));
	assert_null(state_find(&s, MARK_SENT_END, "2026-12-02 10:30 Europe/Berlin", "first-wash"));
	assert_true(state_clear(&s, MARK_TICK, "2026-12-02 10:30 Europe/Berlin", "first-wash"));
	assert_false(state_clear(&s, MARK_TICK, "2026-12-02 10:30 Europe/Berlin", "first-wash"));
	assert_int_equal(s.count, 2);
	state_free(&s);
	unlink(path);
	free(path);
}

static void a_damaged_line_is_skipped_alone(void **state)
{
	(void)state;
	char *path = path_in("damaged");
	const char text[] =
		"needlecare state 1\n"
		"sent\tS\ta\t2026-12-02 09:00:00\n"
		"sent\tS\tb\t2026-13-02 09:00:00\n"
		"nonsense\n"
		"ticked\tS\tc\t2026-12-02 09:00:00\n"
		"sent\tS\td\t2026-12-0";
	char *err = NULL;
	assert_int_equal(fileio_save(path, text, sizeof text - 1, &err), 0);
	struct state s;
	struct diags d = {0};
	assert_true(state_load(path, &s, &d));
	assert_int_equal(s.count, 2);
	assert_non_null(state_find(&s, MARK_SENT_START, "S", "a"));
	assert_non_null(state_find(&s, MARK_TICK, "S", "c"));
	assert_int_equal(d.n, 3);
	assert_int_equal(d.v[0].line, 3);
	assert_int_equal(d.v[1].line, 4);
	assert_int_equal(d.v[2].line, 6);
	assert_non_null(strstr(d.v[2].msg, "damaged line was skipped"));
	state_free(&s);
	diags_free(&d);
	unlink(path);
	free(path);
}

static void a_file_that_is_not_ours_is_refused(void **state)
{
	(void)state;
	char *path = path_in("other");
	char *err = NULL;
	assert_int_equal(fileio_save(path, "[section]\nkey = 1\n", 18, &err), 0);
	struct state s;
	struct diags d = {0};
	assert_false(state_load(path, &s, &d));
	assert_non_null(strstr(d.v[0].msg, "not a needlecare state file"));
	diags_free(&d);
	assert_true(state_load("/nonexistent/state", &s, &d));
	assert_int_equal(s.count, 0);
	assert_false(state_load("/dev/zero", &s, &d));
	diags_free(&d);
	unlink(path);
	free(path);
}

static void the_lock_excludes(void **state)
{
	(void)state;
	char *path = path_in("sub/state");
	char *err = NULL;
	int fd = fileio_lock(path, NULL, &err);
	assert_true(fd >= 0);
	char *lock = path_in("sub/state.lock");
	int other = open(lock, O_RDWR);
	assert_true(other >= 0);
	assert_int_not_equal(flock(other, LOCK_EX | LOCK_NB), 0);
	fileio_unlock(fd);
	assert_int_equal(flock(other, LOCK_EX | LOCK_NB), 0);
	close(other);
	struct stat st;
	assert_int_equal(stat(lock, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	unlink(lock);
	char *sub = path_in("sub");
	rmdir(sub);
	free(sub);
	free(lock);
	free(path);
}

/* The state is written from a plan read from a configuration: when that
 * configuration is gone (forget ran), no lock is made and nothing is to be
 * written; when it is there, the lock is taken as usual. */
static void no_lock_for_what_was_forgotten(void **state)
{
	(void)state;
	char *path = path_in("gone/state"), *cfg = path_in("config.ini");
	char *lock = path_in("gone/state.lock"), *sub = path_in("gone");
	char *err = NULL;
	assert_int_equal(fileio_lock(path, cfg, &err), -1);
	assert_non_null(strstr(err, "config.ini was deleted"));
	free(err);
	assert_int_equal(access(sub, F_OK), -1);
	FILE *f = fopen(cfg, "w");
	assert_non_null(f);
	fclose(f);
	int fd = fileio_lock(path, cfg, &err);
	assert_true(fd >= 0);
	fileio_unlock(fd);
	/* Gone, the lock still there: refused once the lock is taken. */
	unlink(cfg);
	assert_int_equal(fileio_lock(path, cfg, &err), -1);
	assert_non_null(strstr(err, "config.ini was deleted"));
	free(err);
	unlink(lock);
	rmdir(sub);
	free(sub);
	free(lock);
	free(cfg);
	free(path);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/nc-stateXXXXXX");
	if (!mkdtemp(dir))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(marks_survive_a_round_trip),
		cmocka_unit_test(a_damaged_line_is_skipped_alone),
		cmocka_unit_test(a_file_that_is_not_ours_is_refused),
		cmocka_unit_test(the_lock_excludes),
		cmocka_unit_test(no_lock_for_what_was_forgotten),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(dir);
	return rc;
}
