/* The plan cache: a cached plan equals the plan it was built from; a
 * change of the configuration, of any protocol file of the chain, of the
 * user protocol that overrides a shipped one, of the state file, of the
 * time zone or of the options makes it stale; "now" does not; a damaged,
 * truncated or foreign file is refused without harm; a plan whose files
 * changed while it was built is not written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "care/cache.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "care/plan.h"
#include "care/screening.h"
#include "care/state.h"

#define FIX "tests/fixtures/protocols/"

static char dir[64];
static char *config;   /* the configuration file */
static char *clinic;   /* dir/p/override.ini, based on dir/p/good.ini */
static char *base;

/* plan_open(), its problems dropped. */
static int open_quietly(struct plan *p, const struct plan_options *o, bool need)
{
	struct diags d = {0};
	int rc = plan_open(p, o, need, &d);
	diags_free(&d);
	return rc;
}

/* cache_open(), its problems dropped. */
static int cache_open_quietly(struct plan *p, const struct plan_options *o, bool need)
{
	struct diags d = {0};
	int rc = cache_open(p, o, need, &d);
	diags_free(&d);
	return rc;
}

static char *in_dir(const char *leaf)
{
	return xasprintf("%s/%s", dir, leaf);
}

static void write_file(const char *path, const char *text)
{
	char *err = NULL;
	if (fileio_save(path, text, strlen(text), &err) != 0)
		fail_msg("%s", err);
}

static char *read_all(const char *path, size_t *len)
{
	char *data, *err;
	assert_int_equal(fileio_read(path, 1u << 24, &data, len, &err), FILEIO_OK);
	return data;
}

static void append(const char *path, const char *text)
{
	FILE *f = fopen(path, "a");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* Writes without syncing: the damage tests write thousands of files. */
static void put_back(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void copy(const char *from, const char *to)
{
	size_t len;
	char *data = read_all(from, &len);
	char *err = NULL;
	if (fileio_save(to, data, len, &err) != 0)
		fail_msg("%s", err);
	free(data);
}

static void write_config(const char *protocol)
{
	char *text = xasprintf(
		"[course]\nprotocol = %s\n\n[reminders]\ntime = 08:30\n\n"
		"[clinic]\nname = Skin Clinic\nphone = 030 1234\n\n"
		"[screening]\ncold-sores = yes\n\n"
		"[session.1]\nstart = 2026-12-02 10:30\nzone = Europe/Berlin\n"
		"booked = 2026-11-20 12:00:00\n\n"
		"[session.2]\nstart = 2027-01-06 10:30\nzone = Europe/Berlin\n",
		protocol);
	write_file(config, text);
	free(text);
}

/* Later than any file's times: the files count as settled. */
static struct timespec settled(void)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_sec += 10;
	return t;
}

static const struct plan_options plain = {NULL, NULL, NULL};

/* Builds the plan for o and writes its cache. */
static void build(const struct plan_options *o)
{
	struct plan p;
	assert_int_equal(open_quietly(&p, o, true), STATUS_OK);
	struct timespec t = settled();
	cache_store(&p, o, &t);
	plan_free(&p);
}

static bool cached(const struct plan_options *o)
{
	struct plan p;
	bool hit = cache_load(&p, o);
	if (hit) {
		assert_non_null(p.cached);
		plan_free(&p);
	}
	return hit;
}

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/needlecare-cache-XXXXXX");
	assert_non_null(mkdtemp(dir));
	char *v;
	setenv("HOME", dir, 1);
	setenv("XDG_CONFIG_HOME", v = in_dir("config"), 1);
	free(v);
	setenv("XDG_DATA_HOME", v = in_dir("data"), 1);
	free(v);
	setenv("XDG_STATE_HOME", v = in_dir("state"), 1);
	free(v);
	setenv("XDG_CACHE_HOME", v = in_dir("cache"), 1);
	free(v);
	setenv("TZ", "Europe/Berlin", 1);
	dates_zone_changed();
	config = config_default_path();
	clinic = in_dir("p/override.ini");
	base = in_dir("p/good.ini");
	copy(FIX "good.ini", base);
	copy(FIX "override.ini", clinic);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(config);
	free(clinic);
	free(base);
	return 0;
}

/* Each test starts from the clinic protocol, no state, and no cache. */
static int fresh(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s/cache' '%s/state' '%s/data'", dir, dir, dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	setenv("TZ", "Europe/Berlin", 1);
	dates_zone_changed();
	write_config(clinic);
	return 0;
}

static void same_text(const char *a, const char *b)
{
	if (!a || !b)
		assert_true(a == b);
	else
		assert_string_equal(a, b);
}

/* Field by field: structures have padding. */
static void same_offset(struct offset a, struct offset b)
{
	assert_int_equal(a.n, b.n);
	assert_int_equal(a.unit, b.unit);
}

static void same_civil(const struct civil *a, const struct civil *b)
{
	assert_int_equal(a->year, b->year);
	assert_int_equal(a->month, b->month);
	assert_int_equal(a->day, b->day);
	assert_int_equal(a->hour, b->hour);
	assert_int_equal(a->min, b->min);
	assert_int_equal(a->sec, b->sec);
}

static int int_at(const void *obj, const struct protocol_field *f)
{
	int v;
	memcpy(&v, (const char *)obj + f->offset, sizeof v);
	return v;
}

static const char *text_at(const void *obj, const struct protocol_field *f)
{
	const char *v;
	memcpy(&v, (const char *)obj + f->offset, sizeof v);
	return v;
}

/* A milestone or a warning-sign rule, field by field through its list
 * (protocol.h): the same list the structure, the parser and the cache
 * are made from, so a field is compared as soon as it exists. */
static void same_fields(const struct protocol_field *f, size_t n, const void *a,
                        const void *b)
{
	for (size_t i = 0; i < n; i++) {
		const char *x = (const char *)a + f[i].offset, *y = (const char *)b + f[i].offset;
		const char *what = f[i].key ? f[i].key : "(a field read from no key)";
		switch (f[i].type) {
		case FIELD_NAME:
		case FIELD_TEXT: {
			const char *s = text_at(a, &f[i]), *t = text_at(b, &f[i]);
			if (!s || !t ? s != t : strcmp(s, t) != 0)
				fail_msg("field %zu (%s): \"%s\" became \"%s\"", i, what,
				         s ? s : "(null)", t ? t : "(null)");
			break;
		}
		case FIELD_OFFSET: {
			struct offset o, p;
			memcpy(&o, x, sizeof o);
			memcpy(&p, y, sizeof p);
			if (o.n != p.n || o.unit != p.unit)
				fail_msg("field %zu (%s): offset %ld/%d became %ld/%d", i, what,
				         o.n, (int)o.unit, p.n, (int)p.unit);
			break;
		}
		case FIELD_BOOL:
			if (*(const bool *)x != *(const bool *)y)
				fail_msg("field %zu (%s): %d became %d", i, what,
				         *(const bool *)x, *(const bool *)y);
			break;
		case FIELD_ENUM:
		case FIELD_CLOCK:
		case FIELD_RATING:
		case FIELD_LEVEL:
		case FIELD_SIGN:
		case FIELD_DAY:
		case FIELD_LINE:
			if (int_at(a, &f[i]) != int_at(b, &f[i]))
				fail_msg("field %zu (%s): %d became %d", i, what,
				         int_at(a, &f[i]), int_at(b, &f[i]));
			break;
		}
	}
}

static void same_plan(const struct plan *a, const struct plan *b)
{
	same_text(a->cfg.path, b->cfg.path);
	assert_int_equal(a->cfg.exists, b->cfg.exists);
	same_text(a->cfg.protocol, b->cfg.protocol);
	assert_int_equal(a->cfg.reminder_minute, b->cfg.reminder_minute);
	assert_int_equal(a->cfg.quiet_start, b->cfg.quiet_start);
	assert_int_equal(a->cfg.quiet_end, b->cfg.quiet_end);
	assert_int_equal(a->cfg.discreet, b->cfg.discreet);
	assert_int_equal(a->cfg.color, b->cfg.color);
	same_text(a->cfg.clinic_name, b->cfg.clinic_name);
	same_text(a->cfg.clinic_phone, b->cfg.clinic_phone);
	assert_memory_equal(a->cfg.answers, b->cfg.answers, screening_count);
	assert_int_equal(a->cfg.nsessions, b->cfg.nsessions);
	for (size_t i = 0; i < a->cfg.nsessions; i++) {
		const struct config_session *x = &a->cfg.sessions[i], *y = &b->cfg.sessions[i];
		same_civil(&x->wall, &y->wall);
		same_civil(&x->booked, &y->booked);
		same_text(x->zone, y->zone);
		assert_int_equal(x->has_booked, y->has_booked);
		assert_true(x->start == y->start && x->booked_at == y->booked_at);
	}
	const struct protocol *p = a->proto, *q = b->proto;
	same_text(p->ref, q->ref);
	same_text(p->name, q->name);
	same_text(p->description, q->description);
	same_text(p->origin, q->origin);
	same_offset(p->min_interval, q->min_interval);
	assert_int_equal(p->count, q->count);
	for (size_t i = 0; i < p->count; i++)
		same_fields(protocol_milestone_fields, protocol_milestone_nfields,
		            &p->milestones[i], &q->milestones[i]);
	assert_int_equal(p->nredflags, q->nredflags);
	for (size_t i = 0; i < p->nredflags; i++)
		same_fields(protocol_redflag_fields, protocol_redflag_nfields,
		            &p->redflags[i], &q->redflags[i]);
	assert_memory_equal(p->normal, q->normal, sizeof p->normal);
	assert_memory_equal(p->normal_days, q->normal_days, sizeof p->normal_days);

	const struct timeline *t = &a->tl, *u = &b->tl;
	assert_int_equal(t->nsessions, u->nsessions);
	for (size_t i = 0; i < t->nsessions; i++) {
		assert_true(t->sessions[i] == u->sessions[i]);
		same_text(a->keys[i], b->keys[i]);
		assert_true(a->booked[i] == b->booked[i]);
	}
	assert_int_equal(t->count, u->count);
	for (size_t i = 0; i < t->count; i++) {
		const struct timeline_entry *e = &t->entries[i], *f = &u->entries[i];
		assert_int_equal(e->m - p->milestones, f->m - q->milestones);
		assert_int_equal(e->session, f->session);
		assert_true(e->start == f->start && e->end == f->end);
	}
	assert_int_equal(t->nevents, u->nevents);
	for (size_t i = 0; i < t->nevents; i++) {
		const struct timeline_event *e = &t->events[i], *f = &u->events[i];
		assert_int_equal(e->entry - t->entries, f->entry - u->entries);
		assert_int_equal(e->is_end, f->is_end);
		assert_true(e->when == f->when);
	}
	assert_int_equal(t->nbands, u->nbands);
	for (size_t i = 0; i < t->nbands; i++) {
		assert_int_equal(t->bands[i].session, u->bands[i].session);
		assert_int_equal(t->bands[i].phase, u->bands[i].phase);
		assert_true(t->bands[i].start == u->bands[i].start);
	}
}

static void a_cached_plan_equals_the_plan(void **state)
{
	(void)state;
	const struct plan_options opts[] = {
		{NULL, NULL, NULL},
		{NULL, "microneedling", NULL},
		{NULL, "prp", "2026-12-02 10:30"},
	};
	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
		build(&opts[i]);
		struct plan fromfiles, fromcache;
		assert_int_equal(open_quietly(&fromfiles, &opts[i], true), STATUS_OK);
		assert_true(cache_load(&fromcache, &opts[i]));
		assert_null(fromfiles.cached);
		assert_non_null(fromcache.cached);
		same_plan(&fromfiles, &fromcache);
		assert_true(fromcache.now == fromfiles.now || fromcache.now == fromfiles.now + 1);
		plan_free(&fromfiles);
		plan_free(&fromcache);
	}
	/* Private, as the state is. */
	struct stat st;
	char *path = cache_path(&plain);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	*strrchr(path, '/') = '\0';
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	free(path);
}

static void cache_open_writes_then_reads(void **state)
{
	(void)state;
	/* The files were written just now: what was read might be older
	 * than what they hold, so nothing is written yet. */
	struct plan p;
	assert_int_equal(cache_open_quietly(&p, &plain, true), STATUS_OK);
	assert_null(p.cached);
	plan_free(&p);
	assert_false(cached(&plain));
	char *path = cache_path(&plain);
	assert_int_equal(access(path, F_OK), -1);
	/* Settled files: written by one call, read by the next. */
	build(&plain);
	assert_int_equal(cache_open_quietly(&p, &plain, true), STATUS_OK);
	assert_non_null(p.cached);
	plan_free(&p);
	free(path);
}

static void the_configuration_makes_it_stale(void **state)
{
	(void)state;
	build(&plain);
	assert_true(cached(&plain));
	append(config, "; a comment\n");
	assert_false(cached(&plain));
	/* The same bytes in a new file (an editor's save, or book). */
	build(&plain);
	assert_true(cached(&plain));
	size_t len;
	char *text = read_all(config, &len);
	write_file(config, text);
	free(text);
	assert_false(cached(&plain));
	/* No file at all. */
	build(&plain);
	unlink(config);
	assert_false(cached(&plain));
}

static void every_protocol_file_makes_it_stale(void **state)
{
	(void)state;
	build(&plain);
	assert_true(cached(&plain));
	append(base, "; the base changed\n");
	assert_false(cached(&plain));
	build(&plain);
	assert_true(cached(&plain));
	append(clinic, "; the override changed\n");
	assert_false(cached(&plain));
	/* A file named on the command line. */
	const struct plan_options o = {NULL, base, NULL};
	build(&o);
	assert_true(cached(&o));
	append(base, "; again\n");
	assert_false(cached(&o));
}

static void a_user_protocol_over_a_shipped_one_makes_it_stale(void **state)
{
	(void)state;
	write_config("microneedling");
	build(&plain);
	assert_true(cached(&plain));
	char *user = in_dir("data/needlecare/protocols/microneedling.ini");
	copy(FIX "good.ini", user);
	assert_false(cached(&plain));
	build(&plain);
	assert_true(cached(&plain));
	unlink(user);
	assert_false(cached(&plain));
	free(user);
}

static void the_state_makes_it_stale(void **state)
{
	(void)state;
	build(&plain);
	assert_true(cached(&plain));
	char *path = state_path("state");
	write_file(path, "needlecare state 1\n");
	assert_false(cached(&plain));
	build(&plain);
	assert_true(cached(&plain));
	append(path, "ticked\t2026-12-02 10:30 Europe/Berlin\twash\t2026-12-02 20:00:00\n");
	assert_false(cached(&plain));
	free(path);
}

static void the_time_zone_makes_it_stale(void **state)
{
	(void)state;
	build(&plain);
	assert_true(cached(&plain));
	setenv("TZ", "America/New_York", 1);
	dates_zone_changed();
	assert_false(cached(&plain));
	unsetenv("TZ");
	dates_zone_changed();
	assert_false(cached(&plain));
	setenv("TZ", "Europe/Berlin", 1);
	dates_zone_changed();
	assert_true(cached(&plain));
	/* The zone database itself. */
	char *zones = in_dir("zoneinfo");
	char *berlin = in_dir("zoneinfo/Europe/Berlin");
	copy("/usr/share/zoneinfo/Europe/Berlin", berlin);
	setenv("TZDIR", zones, 1);
	build(&plain);
	assert_true(cached(&plain));
	/* A new version of the zone: here only its times change. */
	assert_int_equal(utimensat(AT_FDCWD, berlin, NULL, 0), 0);
	assert_false(cached(&plain));
	unsetenv("TZDIR");
	free(zones);
	free(berlin);
}

static void options_make_another_plan(void **state)
{
	(void)state;
	const struct plan_options session = {NULL, NULL, "2026-12-02 10:30"};
	const struct plan_options other = {NULL, NULL, "2026-12-03 10:30"};
	const struct plan_options prp = {NULL, "prp", NULL};
	char *a = cache_path(&plain), *b = cache_path(&session), *c = cache_path(&other);
	assert_string_not_equal(a, b);
	assert_string_not_equal(b, c);
	free(a);
	free(b);
	free(c);
	build(&plain);
	assert_true(cached(&plain));
	assert_false(cached(&session));
	assert_false(cached(&prp));
	build(&session);
	assert_true(cached(&session));
	assert_true(cached(&plain));
}

static void now_is_not_part_of_it(void **state)
{
	(void)state;
	build(&plain);
	dates_set_now(1790000000);
	assert_true(cached(&plain));
	struct plan p;
	assert_true(cache_load(&p, &plain));
	assert_true(p.now >= 1790000000 && p.now < 1790000010);
	plan_free(&p);
	dates_set_now(time(NULL));
}

static void a_plan_read_while_it_changed_is_not_written(void **state)
{
	(void)state;
	struct plan p;
	assert_int_equal(open_quietly(&p, &plain, true), STATUS_OK);
	/* Built from files changed after it started: not written. */
	struct timespec started;
	clock_gettime(CLOCK_REALTIME, &started);
	started.tv_sec -= 1;
	append(base, "; written while the plan was read\n");
	cache_store(&p, &plain, &started);
	plan_free(&p);
	assert_false(cached(&plain));
	char *path = cache_path(&plain);
	assert_int_equal(access(path, F_OK), -1);
	free(path);
	/* Nor is a plan without a session. */
	write_file(config, "[course]\nprotocol = prp\n");
	assert_int_equal(open_quietly(&p, &plain, false), STATUS_OK);
	struct timespec t = settled();
	cache_store(&p, &plain, &t);
	plan_free(&p);
	assert_false(cached(&plain));
}

/* Sets every field of obj to a value of its own: round 0 the highest,
 * true and a text, round 1 the lowest, false and no text (a name keeps a
 * text). Between them, a field the cache does not carry cannot come back
 * equal by chance. texts holds the texts. */
static void set_fields(const struct protocol_field *f, size_t n, void *obj,
                       int round, char texts[][40])
{
	for (size_t i = 0; i < n; i++) {
		char *at = (char *)obj + f[i].offset;
		int v = 0;
		switch (f[i].type) {
		case FIELD_NAME:
		case FIELD_TEXT: {
			snprintf(texts[i], sizeof texts[i], "round %d, field %d", round, (int)i);
			char *t = round && f[i].type == FIELD_TEXT ? NULL : texts[i];
			memcpy(at, &t, sizeof t);
			continue;
		}
		case FIELD_OFFSET: {
			struct offset o = round ? (struct offset){-(long)i - 1, UNIT_MIN}
			                        : (struct offset){100 + (long)i, UNIT_MONTH};
			memcpy(at, &o, sizeof o);
			continue;
		}
		case FIELD_BOOL:
			*(bool *)at = round == 0;
			continue;
		case FIELD_ENUM:
		case FIELD_CLOCK:
		case FIELD_RATING:
		case FIELD_LEVEL:
		case FIELD_SIGN:
			v = (int)(round ? f[i].least : f[i].most);
			break;
		case FIELD_DAY:
			v = round ? -10 - (int)i : 100 + (int)i;
			break;
		case FIELD_LINE:
			v = round ? 7 : 4000 + (int)i;
			break;
		}
		memcpy(at, &v, sizeof v);
	}
}

/* Every field of a milestone and of a warning-sign rule, set to values of
 * its own, comes back from the cache: a field added to a list (protocol.h)
 * that the cache does not write and read fails here. */
static void every_field_survives_the_cache(void **state)
{
	(void)state;
	static char mtexts[64][40], ftexts[64][40];
	assert_true(protocol_milestone_nfields <= 64 && protocol_redflag_nfields <= 64);
	for (int round = 0; round < 2; round++) {
		struct plan p;
		assert_int_equal(open_quietly(&p, &plain, true), STATUS_OK);
		assert_true(p.proto->count > 0 && p.proto->nredflags > 0);
		struct milestone *m = &p.proto->milestones[0], msaved = *m;
		struct redflag *f = &p.proto->redflags[0], fsaved = *f;
		set_fields(protocol_milestone_fields, protocol_milestone_nfields, m, round, mtexts);
		set_fields(protocol_redflag_fields, protocol_redflag_nfields, f, round, ftexts);
		/* A window's end events would not fit a milestone with no end. */
		size_t nevents = p.tl.nevents;
		p.tl.nevents = 0;
		struct timespec t = settled();
		cache_store(&p, &plain, &t);
		struct plan q;
		assert_true(cache_load(&q, &plain));
		same_fields(protocol_milestone_fields, protocol_milestone_nfields, m,
		            &q.proto->milestones[0]);
		same_fields(protocol_redflag_fields, protocol_redflag_nfields, f,
		            &q.proto->redflags[0]);
		plan_free(&q);
		*m = msaved;
		*f = fsaved;
		p.tl.nevents = nevents;
		plan_free(&p);
	}
}

static void a_damaged_file_is_refused(void **state)
{
	(void)state;
	build(&plain);
	assert_true(cached(&plain));
	char *path = cache_path(&plain);
	size_t len;
	char *good = read_all(path, &len);
	char *bad = xmalloc(len);

	/* Cut anywhere: refused. */
	for (size_t n = 0; n < len; n += n < 64 ? 1 : 97) {
		put_back(path, good, n);
		assert_false(cached(&plain));
		if (n >= 32) {
			/* Even with a header that agrees. */
			memcpy(bad, good, n);
			cache_seal(bad, n);
			put_back(path, bad, n);
			assert_false(cached(&plain));
		}
	}
	/* Any bit changed anywhere: the checksum refuses it. (Written in
	 * place, one byte at a time: truncating files is slow.) */
	put_back(path, good, len);
	int fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	for (size_t i = 0; i < len; i++) {
		for (int bit = 0; bit < 8; bit++) {
			char c = (char)(good[i] ^ (1 << bit));
			assert_int_equal(pwrite(fd, &c, 1, (off_t)i), 1);
			if (cached(&plain))
				fail_msg("bit %d of byte %zu of %zu changed unnoticed", bit, i, len);
		}
		assert_int_equal(pwrite(fd, &good[i], 1, (off_t)i), 1);
	}
	/* Damage that passes the checksum reaches the decoder, which checks
	 * every length, count, index and value: no crash, no huge
	 * allocation (the sanitizer build runs this too), and never a hit
	 * past the key unless the damage fell in text. */
	static const unsigned char values[] = {0x00, 0x01, 0x7f, 0x80, 0xff};
	memcpy(bad, good, len);
	for (size_t i = 32; i < len; i++) {
		for (size_t v = 0; v < sizeof values; v++) {
			if ((unsigned char)good[i] == values[v])
				continue;
			bad[i] = (char)values[v];
			cache_seal(bad, len);
			assert_int_equal(pwrite(fd, bad, len, 0), (ssize_t)len);
			struct plan p;
			if (cache_load(&p, &plain))
				plan_free(&p);
		}
		bad[i] = good[i];
	}
	close(fd);
	/* Foreign files. */
	write_file(path, "");
	assert_false(cached(&plain));
	write_file(path, "needlecare state 1\n");
	assert_false(cached(&plain));
	memcpy(bad, good, len);
	bad[12] = 9; /* another format */
	cache_seal(bad, len);
	put_back(path, bad, len);
	assert_false(cached(&plain));
	unlink(path);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_false(cached(&plain));
	rmdir(path);
	/* And the good one still works. */
	put_back(path, good, len);
	assert_true(cached(&plain));
	free(good);
	free(bad);
	free(path);
}

/* The title of the fixture's wash in the plan: English or Spanish. */
static const char *wash_title(const struct plan *p)
{
	for (size_t i = 0; i < p->proto->count; i++)
		if (strcmp(p->proto->milestones[i].id, "wash") == 0)
			return p->proto->milestones[i].title;
	return "";
}

/* In a child, as a run under lang (NULL: the C locale): whether the plan
 * was cached, then its wash's title, from the cache or built and stored.
 * The language is chosen once a process (i18n_init). Returns 0 when the
 * plan was cached as hit says and its title is title. */
static int as_run_in(const char *lang, bool hit, const char *title)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		unsetenv("LC_ALL");
		unsetenv("LC_MESSAGES");
		unsetenv("LANGUAGE");
		setenv("LANG", lang ? lang : "C", 1);
		i18n_init();
		int bad = 0;
		struct plan p;
		bool found = cache_load(&p, &plain);
		if (found != hit)
			bad |= 1;
		if (!found) {
			struct diags d = {0};
			if (plan_open(&p, &plain, true, &d) != STATUS_OK)
				_exit(4);
			diags_free(&d);
			struct timespec t = settled();
			cache_store(&p, &plain, &t);
		}
		if (strcmp(wash_title(&p), title) != 0)
			bad |= 2;
		plan_free(&p);
		_exit(bad);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* A plan holds the protocol's texts in one language: a run in Spanish
 * never reads an English plan, nor the other way round. Needs a Spanish
 * locale: made with localedef in the test's folder. */
static void the_language_makes_another_plan(void **state)
{
	(void)state;
	char *loc = in_dir("loc");
	char *cmd = xasprintf("mkdir -p '%s' && localedef -i es_ES -f UTF-8 "
	                      "'%s/es_ES.UTF-8' >/dev/null 2>&1", loc, loc);
	int made = system(cmd);
	free(cmd);
	if (made != 0) {
		free(loc);
		skip(); /* no localedef or no locale sources: nothing to test with */
	}
	setenv("LOCPATH", loc, 1);
	free(loc);
	char *translated = in_dir("p/translated.ini");
	copy(FIX "translated.ini", translated);
	write_config(translated);
	free(translated);
	static const char en[] = "First gentle wash", es[] = "Primer lavado suave";
	assert_int_equal(as_run_in(NULL, false, en), 0);
	assert_int_equal(as_run_in(NULL, true, en), 0);
	assert_int_equal(as_run_in("es_ES.UTF-8", false, es), 0);
	assert_int_equal(as_run_in("es_ES.UTF-8", true, es), 0);
	assert_int_equal(as_run_in(NULL, false, en), 0);
	assert_int_equal(as_run_in("es_ES.UTF-8", false, es), 0);
	unsetenv("LOCPATH");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(a_cached_plan_equals_the_plan, fresh),
		cmocka_unit_test_setup(cache_open_writes_then_reads, fresh),
		cmocka_unit_test_setup(the_configuration_makes_it_stale, fresh),
		cmocka_unit_test_setup(every_protocol_file_makes_it_stale, fresh),
		cmocka_unit_test_setup(a_user_protocol_over_a_shipped_one_makes_it_stale, fresh),
		cmocka_unit_test_setup(the_state_makes_it_stale, fresh),
		cmocka_unit_test_setup(the_time_zone_makes_it_stale, fresh),
		cmocka_unit_test_setup(options_make_another_plan, fresh),
		cmocka_unit_test_setup(now_is_not_part_of_it, fresh),
		cmocka_unit_test_setup(a_plan_read_while_it_changed_is_not_written, fresh),
		cmocka_unit_test_setup(every_field_survives_the_cache, fresh),
		cmocka_unit_test_setup(a_damaged_file_is_refused, fresh),
		cmocka_unit_test_setup(the_language_makes_another_plan, fresh),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
