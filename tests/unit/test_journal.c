/* The healing journal: what a check-in accepts, the append-only file that
 * never loses a saved entry, and the warning-sign rules of the default
 * protocol on the day before and after each threshold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"
#include "care/journal.h"
#include "care/protocol.h"
#include "care/rules.h"
#include "care/timeline.h"

static char dir[64];

static void a_checkin_takes_what_log_documents(void **state)
{
	(void)state;
	struct checkin c;
	checkin_init(&c, 0);
	assert_true(checkin_empty(&c));
	char *err = NULL;
	assert_true(checkin_set(&c, "redness=2", &err));
	assert_true(checkin_set(&c, "pain=0", &err));
	assert_true(checkin_set(&c, "dark-patches=yes", &err));
	assert_true(checkin_set(&c, "fever=no", &err));
	assert_true(checkin_set(&c, "note=It\tstings\na little", &err));
	assert_int_equal(c.rating[RATING_REDNESS], 2);
	assert_int_equal(c.rating[RATING_PAIN], 0);
	assert_int_equal(c.rating[RATING_SWELLING], -1);
	assert_int_equal(c.sign[SIGN_DARK_PATCHES], 1);
	assert_int_equal(c.sign[SIGN_FEVER], 0);
	assert_string_equal(c.note, "It stings a little");
	static const struct { const char *word, *needle; } bad[] = {
		{"redness=4", "expected 0 (none), 1 (mild), 2 (moderate) or 3 (marked)"},
		{"redness=-1", "expected 0 (none)"},
		{"pain=", "expected 0 (none)"},
		{"fever=maybe", "fever=maybe: expected yes or no"},
		{"itch=2", "unknown name \"itch\""},
		{"redness", "expected NAME=VALUE"},
		{"photo=/no/such/photo.jpg", "expected the path of a photo file that exists"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(checkin_set(&c, bad[i].word, &err));
		if (!strstr(err, bad[i].needle))
			fprintf(stderr, "%s: %s\n", bad[i].word, err);
		assert_non_null(strstr(err, bad[i].needle));
		free(err);
	}
	checkin_free(&c);
}

static void entries_survive_and_a_cut_entry_is_skipped(void **state)
{
	(void)state;
	char *path = xasprintf("%s/journal", dir);
	char *photo = xasprintf("%s/before.jpg", dir);
	char *err = NULL;
	assert_int_equal(fileio_save(photo, "jpg", 3, &err), 0);
	struct checkin a, b;
	checkin_init(&a, 1796000000);
	checkin_set(&a, "redness=3", &err);
	checkin_set(&a, "note=back\\slash and\ttab", &err);
	char *word = xasprintf("photo=%s", photo);
	assert_true(checkin_set(&a, word, &err));
	free(word);
	assert_true(journal_append(path, &a, &err));
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	/* A crash half-way through the next entry leaves it cut short. */
	FILE *f = fopen(path, "a");
	fputs("2026-12-04 09:00:00\t2\t1", f);
	fclose(f);
	struct journal j;
	struct diags d = {0};
	assert_true(journal_load(path, &j, &d));
	assert_int_equal(j.n, 1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 3);
	assert_non_null(strstr(d.v[0].msg, "cut short"));
	journal_free(&j);
	diags_free(&d);

	/* The next entry does not join the damaged one. */
	checkin_init(&b, 1796100000);
	checkin_set(&b, "pus=yes", &err);
	assert_true(journal_append(path, &b, &err));
	assert_true(journal_load(path, &j, &d));
	assert_int_equal(j.n, 2);
	assert_int_equal(d.n, 1);
	assert_true(j.v[0].when == 1796000000);
	assert_int_equal(j.v[0].rating[RATING_REDNESS], 3);
	assert_string_equal(j.v[0].note, "back\\slash and tab");
	assert_string_equal(j.v[0].photo, photo);
	assert_int_equal(j.v[1].sign[SIGN_PUS], 1);
	assert_int_equal(j.v[1].rating[RATING_REDNESS], -1);
	journal_free(&j);
	diags_free(&d);
	checkin_free(&a);
	checkin_free(&b);
	unlink(path);
	unlink(photo);
	free(photo);
	free(path);
}

static void refusals_lose_nothing(void **state)
{
	(void)state;
	struct checkin c;
	checkin_init(&c, 1796000000);
	char *err = NULL;
	checkin_set(&c, "redness=1", &err);
	/* A full disk: the entry is not reported saved. */
	assert_false(journal_append("/dev/full", &c, &err));
	assert_non_null(strstr(err, "No space left on device"));
	free(err);
	/* A symbolic link is not followed. */
	char *target = xasprintf("%s/target", dir), *link = xasprintf("%s/link", dir);
	assert_int_equal(symlink(target, link), 0);
	assert_false(journal_append(link, &c, &err));
	assert_non_null(strstr(err, "symbolic link"));
	free(err);
	struct journal j;
	struct diags d = {0};
	assert_false(journal_load(link, &j, &d));
	diags_free(&d);
	assert_int_equal(access(target, F_OK), -1);
	/* A file that is not a journal is not read as one. */
	assert_int_equal(fileio_save(target, "hello\n", 6, &err), 0);
	assert_false(journal_load(target, &j, &d));
	assert_non_null(strstr(d.v[0].msg, "not a needlecare journal"));
	diags_free(&d);
	unlink(link);
	unlink(target);
	free(link);
	free(target);
	checkin_free(&c);
}

/* A journal written before the later signs existed still reads, and a new
 * entry beside its old ones keeps every sign. */
static void entries_of_the_first_format_still_read(void **state)
{
	(void)state;
	char *path = xasprintf("%s/journal-first", dir), *err = NULL;
	const char old[] = "needlecare journal 1\n"
	                   "2026-12-04 09:00:00\t2\t\t\t1\t\t\t\t1\t\t\t\tkept\n";
	assert_int_equal(fileio_save(path, old, sizeof old - 1, &err), 0);
	struct checkin c;
	checkin_init(&c, 1796100000);
	assert_true(checkin_set(&c, "breathing=yes", &err));
	assert_true(checkin_set(&c, "numbness=no", &err));
	assert_true(journal_append(path, &c, &err));
	checkin_free(&c);
	struct journal j;
	struct diags d = {0};
	assert_true(journal_load(path, &j, &d));
	assert_int_equal(d.n, 0);
	assert_int_equal(j.n, 2);
	assert_int_equal(j.v[0].rating[RATING_REDNESS], 2);
	assert_int_equal(j.v[0].sign[SIGN_HIVES], 1);
	assert_int_equal(j.v[0].sign[SIGN_BREATHING], -1);
	assert_string_equal(j.v[0].note, "kept");
	assert_int_equal(j.v[1].sign[SIGN_BREATHING], 1);
	assert_int_equal(j.v[1].sign[SIGN_NUMBNESS], 0);
	assert_int_equal(j.v[1].sign[SIGN_PUS], -1);
	journal_free(&j);
	diags_free(&d);
	/* The names log takes come from the tables. */
	char *names = checkin_names();
	assert_non_null(strstr(names, "dark-patches, spreading, breathing"));
	assert_non_null(strstr(names, "numbness (yes/no), note or photo"));
	free(names);
	unlink(path);
	free(path);
}

/* Each rule of the default protocol, on the day before its threshold and on
 * it, with the value just below and at it, measured against the day's
 * normal range. */
static void every_default_rule_at_its_threshold(void **state)
{
	(void)state;
	struct diags d = {0};
	struct protocol *p = protocol_open("microneedling", &d);
	assert_non_null(p);
	assert_true(p->nredflags >= 10);
	for (size_t i = 0; i < p->nredflags; i++) {
		const struct redflag *f = &p->redflags[i];
		struct checkin c, prev;
		checkin_init(&c, 0);
		checkin_init(&prev, 0);
		long day = f->from_day == INT_MIN ? 5 : f->from_day;
		if (f->sign >= 0) {
			int s = f->sign == SIGN_COUNT ? SIGN_BUMPS : f->sign;
			c.sign[s] = 0;
			assert_false(redflag_trips(f, &c, NULL, day, true, -1));
			c.sign[s] = 1;
			assert_true(redflag_trips(f, &c, NULL, day, true, -1));
			/* Signs count even before any session is booked. */
			if (f->from_day == INT_MIN)
				assert_true(redflag_trips(f, &c, NULL, 0, false, -1));
			continue;
		}
		int normal = protocol_normal_max(p, (enum rating)f->rating, day);
		/* The lowest value that trips it: above normal when the rule
		 * compares with it, and at least at_least. */
		int v = f->above_normal || f->rising ? normal + 1 : 2;
		if (f->at_least > v)
			v = f->at_least;
		assert_true(v <= RATING_MAX);
		c.rating[f->rating] = (signed char)v;
		prev.rating[f->rating] = (signed char)(f->rising ? v - 1 : v);
		if (!redflag_trips(f, &c, &prev, day, true, normal))
			fprintf(stderr, "rule %s does not trip on day %ld\n", f->id, day);
		assert_true(redflag_trips(f, &c, &prev, day, true, normal));
		if (f->from_day != INT_MIN)
			assert_false(redflag_trips(f, &c, &prev, day - 1, true, normal));
		if (f->until_day >= 0)
			assert_false(redflag_trips(f, &c, &prev, f->until_day + 1, true, normal));
		if (v > 0) {
			c.rating[f->rating] = (signed char)(v - 1);
			if (f->at_least > 0 || f->above_normal || f->rising)
				assert_false(redflag_trips(f, &c, &prev, day, true, normal));
			c.rating[f->rating] = (signed char)v;
		}
		if (f->rising) {
			c.rating[f->rating] = prev.rating[f->rating];
			assert_false(redflag_trips(f, &c, &prev, day, true, normal));
			assert_false(redflag_trips(f, &c, NULL, day, true, normal));
		}
		/* A rating means nothing without a session to count days from. */
		assert_false(redflag_trips(f, &c, &prev, day, false, normal));
	}
	/* Normal ranges: redness marked on day 0 is normal, moderate on day 4
	 * is not. */
	assert_int_equal(protocol_normal_max(p, RATING_REDNESS, 0), 3);
	assert_int_equal(protocol_normal_max(p, RATING_REDNESS, 4), 1);
	assert_int_equal(protocol_normal_max(p, RATING_REDNESS, 40), 0);
	assert_int_equal(protocol_normal_max(p, RATING_SWELLING, -1), -1);
	protocol_free(p);
	diags_free(&d);
}

static time_t local(int y, int mo, int dd, int h, int mi)
{
	struct civil c = {y, mo, dd, h, mi, 0};
	return dates_resolve(&c);
}

static void a_checkin_milestone_is_due_until_done(void **state)
{
	(void)state;
	struct diags d = {0};
	struct protocol *p = protocol_open("microneedling", &d);
	time_t s = local(2026, 12, 2, 10, 30);
	struct plan_input in = {p, &s, 1, 9 * 60, NULL, 0};
	struct timeline t;
	timeline_build(&t, &in, &d);
	struct journal j = {0};
	assert_null(timeline_checkin_due(&t, &j, local(2026, 12, 3, 10, 0)));
	const struct timeline_entry *e = timeline_checkin_due(&t, &j, local(2026, 12, 3, 11, 0));
	assert_non_null(e);
	assert_string_equal(e->m->id, "checkin-24h");
	struct checkin c;
	checkin_init(&c, local(2026, 12, 3, 12, 0));
	j.v = &c;
	j.n = 1;
	assert_null(timeline_checkin_due(&t, &j, local(2026, 12, 4, 9, 0)));
	e = timeline_checkin_due(&t, &j, local(2026, 12, 5, 11, 0));
	assert_string_equal(e->m->id, "checkin-72h");
	/* A check-in lapses at the end of its second day after: due on day 5,
	 * missed (said once) on day 6, then neither. */
	assert_non_null(timeline_checkin_due(&t, &j, local(2026, 12, 7, 23, 0)));
	assert_null(timeline_checkin_missed(&t, &j, local(2026, 12, 7, 23, 0)));
	assert_null(timeline_checkin_due(&t, &j, local(2026, 12, 8, 9, 0)));
	e = timeline_checkin_missed(&t, &j, local(2026, 12, 8, 9, 0));
	assert_non_null(e);
	assert_string_equal(e->m->id, "checkin-72h");
	assert_null(timeline_checkin_missed(&t, &j, local(2026, 12, 9, 9, 0)));
	/* The next one takes over when it starts; a month on, nothing is due. */
	e = timeline_checkin_due(&t, &j, local(2026, 12, 9, 19, 0));
	assert_string_equal(e->m->id, "checkin-7d");
	assert_null(timeline_checkin_due(&t, &j, local(2027, 1, 1, 9, 0)));
	assert_null(timeline_checkin_missed(&t, &j, local(2027, 1, 1, 9, 0)));
	long day;
	unsigned n;
	assert_true(timeline_day(&t, local(2026, 12, 5, 11, 0), &day, &n));
	assert_int_equal(day, 3);
	assert_true(timeline_day(&t, local(2026, 11, 30, 11, 0), &day, &n));
	assert_int_equal(day, -2);
	timeline_free(&t);
	protocol_free(p);
	diags_free(&d);
}

int main(void)
{
	setenv("TZ", "Europe/Berlin", 1);
	dates_zone_changed();
	setenv("XDG_DATA_HOME", "/nonexistent", 1);
	snprintf(dir, sizeof dir, "/tmp/nc-journalXXXXXX");
	if (!mkdtemp(dir))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_checkin_takes_what_log_documents),
		cmocka_unit_test(entries_survive_and_a_cut_entry_is_skipped),
		cmocka_unit_test(entries_of_the_first_format_still_read),
		cmocka_unit_test(refusals_lose_nothing),
		cmocka_unit_test(every_default_rule_at_its_threshold),
		cmocka_unit_test(a_checkin_milestone_is_due_until_done),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(dir);
	return rc;
}
