#define _GNU_SOURCE /* dl_iterate_phdr */
#include "care/cache.h"
#include "care/builtin.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "care/plan.h"
#include "care/screening.h"
#include "care/state.h"

#include <elf.h>
#include <errno.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef VERSION
#define VERSION "0.1"
#endif

/* The file:
 *   header   magic, byte-order mark, format, total size, checksum of the rest
 *   key      a blob compared byte for byte (program, options, environment),
 *            the shipped protocols used (name, checksum), and the files the
 *            plan depends on (path, identity), each looked at again
 *   payload  the configuration, the protocol, the timeline, the state keys
 * Numbers in the machine's byte order; strings as a 32-bit length, the
 * bytes and a NUL, or NONE for a missing one. */
static const char magic[8] = {'n', 'c', 'p', 'l', 'a', 'n', '\r', '\n'};
#define FORMAT 4u /* 2: phase bands, a four-lane checksum; 3: night, contact,
                     * above-normal; 4: milestones and rules in the order of
                     * their field lists */
#define BYTE_ORDER_MARK 0x01020304u
#define HEADER_BYTES 32u
#define MAX_CACHE_BYTES (16u * 1024 * 1024)
#define NONE UINT32_MAX
/* A file modified this close to the start of a build may have been read
 * before its last write: file times are only as fine as the kernel's
 * clock tick, or a second on some file systems. */
#define RACY_NS 1000000000LL

/* A field added to these structures must be written and read below
 * (put_plan and the get_ functions), or a cached plan would lack it: these
 * stop the build until it is, then take the new sizes. Milestones and
 * warning-sign rules need no such check: they are made from their field
 * lists (protocol.h), which put_fields() and get_fields() walk. */
#if defined(__x86_64__) && defined(__LP64__)
_Static_assert(sizeof(struct config) == 88, "cache.c: store the new config field");
_Static_assert(sizeof(struct config_session) == 80, "cache.c: store the new session field");
/* (A protocol's sources and texts are not stored: a cached plan is never
 * checked.) */
_Static_assert(sizeof(struct protocol) == 368, "cache.c: store the new protocol field");
_Static_assert(sizeof(struct plan) == 208, "cache.c: store the new plan field");
_Static_assert(sizeof(struct timeline) == 64, "cache.c: store the new timeline field");
_Static_assert(sizeof(struct timeline_band) == 16, "cache.c: store the new band field");
_Static_assert(sizeof(struct timeline_entry) == 32, "cache.c: store the new entry field");
_Static_assert(sizeof(struct timeline_event) == 24, "cache.c: store the new event field");
#endif

/* --- writing */

struct out {
	char *b;
	size_t n, cap;
};

static void put(struct out *o, const void *p, size_t n)
{
	xgrow(&o->b, &o->cap, o->n + n, 1);
	memcpy(o->b + o->n, p, n);
	o->n += n;
}

static void put_u8(struct out *o, unsigned v)
{
	uint8_t b = (uint8_t)v;
	put(o, &b, 1);
}

static void put_u32(struct out *o, uint32_t v)
{
	put(o, &v, sizeof v);
}

static void put_i32(struct out *o, int v)
{
	int32_t x = v;
	put(o, &x, sizeof x);
}

static void put_i64(struct out *o, long long v)
{
	int64_t x = v;
	put(o, &x, sizeof x);
}

static void put_str(struct out *o, const char *s)
{
	if (!s) {
		put_u32(o, NONE);
		return;
	}
	size_t n = strlen(s);
	put_u32(o, (uint32_t)n);
	put(o, s, n + 1);
}

/* --- reading: every read is checked against the end; the first failure
 * makes the whole load fail, and reads after it return zeros. */

struct in {
	char *b;
	size_t n, pos;
	bool ok;
};

static void take(struct in *in, void *dst, size_t n)
{
	if (!in->ok || in->n - in->pos < n) {
		in->ok = false;
		memset(dst, 0, n);
		return;
	}
	memcpy(dst, in->b + in->pos, n);
	in->pos += n;
}

/* The fixed-size reads, with a constant size each so that the copy is a
 * single load: a plan is thousands of them. */
#define GET_FIXED(name, type, ret)                      \
	static inline ret name(struct in *in)           \
	{                                               \
		type v = 0;                             \
		if (in->n - in->pos >= sizeof v) {      \
			memcpy(&v, in->b + in->pos, sizeof v); \
			in->pos += sizeof v;            \
		} else {                                \
			in->ok = false;                 \
		}                                       \
		return (ret)v;                          \
	}
GET_FIXED(get_u8, uint8_t, unsigned)
GET_FIXED(get_u32, uint32_t, uint32_t)
GET_FIXED(get_i32, int32_t, int)
GET_FIXED(get_i64, int64_t, long long)

/* A string inside the buffer, or NULL (NONE is an error unless nullable). */
static char *get_str(struct in *in, bool nullable)
{
	uint32_t n = get_u32(in);
	if (!in->ok)
		return NULL;
	if (n == NONE) {
		in->ok = nullable;
		return NULL;
	}
	if (in->n - in->pos <= n || in->b[in->pos + n] != '\0') {
		in->ok = false;
		return NULL;
	}
	char *s = in->b + in->pos;
	in->pos += (size_t)n + 1;
	return s;
}

static bool get_bool(struct in *in)
{
	unsigned v = get_u8(in);
	in->ok &= v <= 1;
	return v == 1;
}

/* A count of records of at least min bytes each that the rest of the
 * buffer can hold: a damaged count never makes a huge allocation. */
static size_t get_count(struct in *in, size_t min)
{
	uint32_t n = get_u32(in);
	if (in->ok && n > (in->n - in->pos) / min)
		in->ok = false;
	return in->ok ? n : 0;
}

/* --- the checksum: two running sums of 8-byte words in each of four
 * lanes (Fletcher's, in 64 bits), mixed at the end: it tells a damaged
 * file from an intact one at a fraction of an instruction a byte. */

/* MurmurHash3's finalizer: every bit of x moves about half of the result. */
static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

static uint64_t word(const char *p)
{
	uint64_t w;
	memcpy(&w, p, sizeof w);
	return w;
}

static uint64_t checksum(const char *p, size_t n)
{
	uint64_t a0 = 0x6a09e667f3bcc908ULL ^ n, a1 = 0, a2 = 0, a3 = 0;
	uint64_t b0 = 0, b1 = 0, b2 = 0, b3 = 0;
	size_t i = 0;
	for (; i + 32 <= n; i += 32) {
		a0 += word(p + i);
		a1 += word(p + i + 8);
		a2 += word(p + i + 16);
		a3 += word(p + i + 24);
		b0 += a0;
		b1 += a1;
		b2 += a2;
		b3 += a3;
	}
	char tail[32] = {0};
	memcpy(tail, p + i, n - i);
	a0 += word(tail);
	a1 += word(tail + 8);
	a2 += word(tail + 16);
	a3 += word(tail + 24);
	b0 += a0;
	b1 += a1;
	b2 += a2;
	b3 += a3;
	/* The sums move only the bits at and above a change: mix them. */
	return mix(a0 + mix(b0)) ^ mix(a1 + mix(b1 ^ 0x9e3779b97f4a7c15ULL)) ^
	       mix(a2 + mix(b2 ^ 0x3c6ef372fe94f82aULL)) ^
	       mix(a3 + mix(b3 ^ 0xdaa66d2c7ddf743fULL));
}

static uint64_t fnv1a(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return (h ^ (s ? 0x2f : 0x3f)) * 0x100000001b3ULL;
}

/* --- the key */

/* What stat() says of a path, as fixed-size numbers; a path that cannot
 * be examined keeps its errno. */
struct ident {
	int64_t dev, ino, size, mtime_s, mtime_ns, ctime_s, ctime_ns, err;
};

static struct ident ident_of(const char *path)
{
	struct ident id;
	struct stat st;
	memset(&id, 0, sizeof id);
	if (stat(path, &st) != 0) {
		id.err = errno ? errno : EIO;
		return id;
	}
	id.dev = (int64_t)st.st_dev;
	id.ino = (int64_t)st.st_ino;
	id.size = (int64_t)st.st_size;
	id.mtime_s = st.st_mtim.tv_sec;
	id.mtime_ns = st.st_mtim.tv_nsec;
	id.ctime_s = st.st_ctim.tv_sec;
	id.ctime_ns = st.st_ctim.tv_nsec;
	return id;
}

/* The program's GNU build id, a hash of everything linked into it (the
 * code and the shipped texts): read from memory, the same under valgrind.
 * Only the first object, the program itself, is looked at. */
static int build_id(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	struct out *o = data;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		size_t align = ph->p_align == 8 ? 8 : 4;
		const char *p = (const char *)(info->dlpi_addr + ph->p_vaddr);
		const char *end = p + ph->p_memsz;
		while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
			ElfW(Nhdr) nh;
			memcpy(&nh, p, sizeof nh);
			const char *name = p + sizeof nh;
			size_t nlen = (nh.n_namesz + align - 1) & ~(align - 1);
			size_t dlen = (nh.n_descsz + align - 1) & ~(align - 1);
			if ((size_t)(end - name) < nlen || (size_t)(end - name) - nlen < dlen)
				break;
			if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
			    memcmp(name, "GNU", 4) == 0) {
				put_u32(o, nh.n_descsz);
				put(o, name + nlen, nh.n_descsz);
				return 1;
			}
			p = name + nlen + dlen;
		}
	}
	return 1;
}

static void put_opt(struct out *o, const char *s)
{
	put_str(o, s && *s ? s : NULL);
}

/* Everything of the key that is not a file: the same bytes whenever the
 * program, its options and its environment are the same. */
static void key_blob(struct out *o, const struct plan_options *opt)
{
	static const char *const env[] = {
		"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "TZ", "TZDIR",
	};
	put_str(o, VERSION);
	put_u32(o, (uint32_t)sizeof(time_t));
	put_str(o, opt->config_path);
	put_str(o, opt->protocol);
	put_str(o, opt->session);
	for (size_t i = 0; i < ARRAY_LEN(env); i++)
		put_str(o, getenv(env[i]));
	/* The protocol's texts are in the language chosen: a plan read in
	 * Spanish is not one for a reader of English, nor the other way. */
	put_str(o, i18n_language_key());
	if (!getenv("TZ")) {
		char link[512];
		ssize_t n = readlink("/etc/localtime", link, sizeof link - 1);
		link[n > 0 ? n : 0] = '\0';
		put_opt(o, link);
	}
	/* The program: its build id, or else its file. */
	size_t before = o->n;
	dl_iterate_phdr(build_id, o);
	if (o->n == before) {
		struct ident exe = ident_of("/proc/self/exe");
		put(o, &exe, sizeof exe);
	}
}

static const struct builtin_file *builtin_named(const char *name)
{
	for (size_t i = 0; i < builtin_protocols_count; i++)
		if (strcmp(builtin_protocols[i].name, name) == 0)
			return &builtin_protocols[i];
	return NULL;
}

struct paths {
	char **v;
	size_t n, cap;
};

static void paths_add(struct paths *p, const char *path)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i], path) == 0)
			return;
	xgrow(&p->v, &p->cap, p->n + 1, sizeof *p->v);
	p->v[p->n++] = xstrdup(path);
}

static const char *zone_dir(void)
{
	const char *d = getenv("TZDIR");
	return d && *d ? d : "/usr/share/zoneinfo";
}

/* The file a zone name stands for (most POSIX TZ strings name none: then
 * a path that does not exist, whose absence is the key). */
static void add_zone(struct paths *p, const char *zone)
{
	if (*zone == ':')
		zone++;
	if (!*zone)
		return;
	if (*zone == '/') {
		paths_add(p, zone);
		return;
	}
	char *path = xasprintf("%s/%s", zone_dir(), zone);
	paths_add(p, path);
	free(path);
}

/* Every file the plan was built from, or would have been had it existed. */
static void plan_files(const struct plan *pl, struct paths *p)
{
	paths_add(p, pl->cfg.path);
	char *state = state_path("state");
	paths_add(p, state);
	free(state);
	for (size_t i = 0; i < pl->proto->nsources; i++)
		if (!pl->proto->sources[i].builtin)
			paths_add(p, pl->proto->sources[i].name);
	const char *tz = getenv("TZ");
	if (tz) {
		add_zone(p, tz);
	} else {
		paths_add(p, "/etc/localtime");
		paths_add(p, "/etc/timezone");
	}
	for (size_t i = 0; i < pl->cfg.nsessions; i++)
		add_zone(p, pl->cfg.sessions[i].zone);
}

char *cache_path(const struct plan_options *o)
{
	if (!o->config_path && !o->protocol && !o->session)
		return fileio_xdg_path("XDG_CACHE_HOME", ".cache", "plan");
	uint64_t h = 0xcbf29ce484222325ULL;
	h = fnv1a(h, o->config_path);
	h = fnv1a(h, o->protocol);
	h = fnv1a(h, o->session);
	char leaf[32];
	snprintf(leaf, sizeof leaf, "plan-%016llx", (unsigned long long)h);
	return fileio_xdg_path("XDG_CACHE_HOME", ".cache", leaf);
}

/* --- the payload */

static void put_civil(struct out *o, const struct civil *c)
{
	int v[] = {c->year, c->month, c->day, c->hour, c->min, c->sec};
	for (size_t i = 0; i < ARRAY_LEN(v); i++)
		put_i32(o, v[i]);
}

static void put_offset(struct out *o, struct offset off)
{
	put_i64(o, off.n);
	put_u32(o, (uint32_t)off.unit);
}

/* A milestone or a warning-sign rule, field by field in the order of its
 * list (protocol.h), each type written by its PUT_ and read by its GET_
 * below: a field type with neither does not compile. The numbers are
 * checked against the field's range when read. */
#define PUT_FIELD_NAME(o, v) put_str(o, v)
#define PUT_FIELD_TEXT(o, v) put_str(o, v)
#define PUT_FIELD_OFFSET(o, v) put_offset(o, v)
#define PUT_FIELD_BOOL(o, v) put_u8(o, v)
#define PUT_FIELD_ENUM(o, v) put_u8(o, (unsigned)(v))
#define PUT_FIELD_CLOCK(o, v) put_i32(o, v)
#define PUT_FIELD_RATING(o, v) put_i32(o, v)
#define PUT_FIELD_LEVEL(o, v) put_i32(o, v)
#define PUT_FIELD_SIGN(o, v) put_i32(o, v)
#define PUT_FIELD_DAY(o, v) put_i32(o, v)
#define PUT_FIELD_LINE(o, v) put_u32(o, v)
#define PUT_FIELD(type, ctype, field, key, least, most, names) PUT_##type(o, x->field);

static void put_milestone(struct out *o, const struct milestone *x)
{
	MILESTONE_FIELDS(PUT_FIELD)
}

static void put_redflag(struct out *o, const struct redflag *x)
{
	REDFLAG_FIELDS(PUT_FIELD)
}

static void put_plan(struct out *o, const struct plan *p)
{
	const struct config *c = &p->cfg;
	put_str(o, c->path);
	put_u8(o, c->exists);
	put_str(o, c->protocol);
	put_i32(o, c->reminder_minute);
	put_i32(o, c->quiet_start);
	put_i32(o, c->quiet_end);
	put_u8(o, c->discreet);
	put_u8(o, c->color);
	put_str(o, c->clinic_name);
	put_str(o, c->clinic_phone);
	put_u32(o, (uint32_t)screening_count);
	put(o, c->answers, screening_count);
	put_u32(o, (uint32_t)c->nsessions);
	for (size_t i = 0; i < c->nsessions; i++) {
		const struct config_session *s = &c->sessions[i];
		put_civil(o, &s->wall);
		put_str(o, s->zone);
		put_civil(o, &s->booked);
		put_u8(o, s->has_booked);
		put_i64(o, s->start);
		put_i64(o, s->booked_at);
	}

	const struct protocol *pr = p->proto;
	put_str(o, pr->ref);
	put_str(o, pr->name);
	put_str(o, pr->description);
	put_str(o, pr->origin);
	put_offset(o, pr->min_interval);
	put_u32(o, (uint32_t)pr->count);
	for (size_t i = 0; i < pr->count; i++)
		put_milestone(o, &pr->milestones[i]);
	put_u32(o, (uint32_t)pr->nredflags);
	for (size_t i = 0; i < pr->nredflags; i++)
		put_redflag(o, &pr->redflags[i]);
	put(o, pr->normal, sizeof pr->normal);
	for (size_t r = 0; r < RATING_COUNT; r++)
		put_i32(o, pr->normal_days[r]);

	const struct timeline *t = &p->tl;
	put_u32(o, (uint32_t)t->nsessions);
	for (size_t i = 0; i < t->nsessions; i++) {
		put_i64(o, t->sessions[i]);
		put_str(o, p->keys[i]);
		put_i64(o, p->booked[i]);
	}
	put_u32(o, (uint32_t)t->count);
	for (size_t i = 0; i < t->count; i++) {
		const struct timeline_entry *e = &t->entries[i];
		put_u32(o, (uint32_t)(e->m - pr->milestones));
		put_u32(o, e->session);
		put_i64(o, e->start);
		put_i64(o, e->end);
	}
	put_u32(o, (uint32_t)t->nevents);
	for (size_t i = 0; i < t->nevents; i++) {
		put_u32(o, (uint32_t)(t->events[i].entry - t->entries));
		put_u8(o, t->events[i].is_end);
	}
	put_u32(o, (uint32_t)t->nbands);
	for (size_t i = 0; i < t->nbands; i++) {
		put_u32(o, t->bands[i].session);
		put_u8(o, t->bands[i].phase);
		put_i64(o, t->bands[i].start);
	}
}

/* What a cached plan points into: the file, and the arrays made for it. */
struct cache {
	char *data;
	void *blocks[12];
	size_t nblocks;
};

/* Every field of these arrays is read from the file before use. */
static void *hold(struct cache *c, size_t n, size_t size)
{
	void *p = xmalloc(n * size);
	c->blocks[c->nblocks++] = p;
	return p;
}

void cache_release(struct cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nblocks; i++)
		free(c->blocks[i]);
	free(c->data);
	free(c);
}

static void get_civil(struct in *in, struct civil *c)
{
	c->year = get_i32(in);
	c->month = get_i32(in);
	c->day = get_i32(in);
	c->hour = get_i32(in);
	c->min = get_i32(in);
	c->sec = get_i32(in);
}

static struct offset get_offset(struct in *in)
{
	struct offset o;
	o.n = (long)get_i64(in);
	uint32_t u = get_u32(in);
	in->ok &= u <= UNIT_MONTH;
	o.unit = (enum offset_unit)(in->ok ? u : 0);
	return o;
}

static int get_minute(struct in *in, int least)
{
	int m = get_i32(in);
	in->ok &= m >= least && m < 24 * 60;
	return m;
}

static unsigned get_enum(struct in *in, unsigned count)
{
	unsigned v = get_u8(in);
	in->ok &= v < count;
	return in->ok ? v : 0;
}

static bool get_config(struct in *in, struct config *c, struct cache *h)
{
	c->path = get_str(in, false);
	c->exists = get_bool(in);
	c->protocol = get_str(in, false);
	c->reminder_minute = get_minute(in, 0);
	c->quiet_start = get_minute(in, 0);
	c->quiet_end = get_minute(in, 0);
	c->discreet = get_bool(in);
	c->color = get_bool(in);
	c->clinic_name = get_str(in, true);
	c->clinic_phone = get_str(in, true);
	if (get_u32(in) != screening_count || !in->ok)
		return false;
	c->answers = hold(h, screening_count + 1, 1);
	take(in, c->answers, screening_count);
	for (size_t i = 0; i < screening_count; i++)
		in->ok &= c->answers[i] >= -1 && c->answers[i] <= 1;
	c->nsessions = get_count(in, 2 * 24 + 4 + 1 + 1 + 16);
	c->sessions = hold(h, c->nsessions, sizeof *c->sessions);
	for (size_t i = 0; i < c->nsessions && in->ok; i++) {
		struct config_session *s = &c->sessions[i];
		get_civil(in, &s->wall);
		s->zone = get_str(in, false);
		get_civil(in, &s->booked);
		s->has_booked = get_bool(in);
		s->start = (time_t)get_i64(in);
		s->booked_at = (time_t)get_i64(in);
	}
	return in->ok;
}

static int get_ranged(struct in *in, long long least, long long most)
{
	int v = get_i32(in);
	in->ok &= v >= least && v <= most;
	return v;
}

#define GET_FIELD_NAME(in, least, most) get_str(in, false)
#define GET_FIELD_TEXT(in, least, most) get_str(in, true)
#define GET_FIELD_OFFSET(in, least, most) get_offset(in)
#define GET_FIELD_BOOL(in, least, most) get_bool(in)
#define GET_FIELD_ENUM(in, least, most) get_enum(in, (most) + 1)
#define GET_FIELD_CLOCK(in, least, most) get_ranged(in, least, most)
#define GET_FIELD_RATING(in, least, most) get_ranged(in, least, most)
#define GET_FIELD_LEVEL(in, least, most) get_ranged(in, least, most)
#define GET_FIELD_SIGN(in, least, most) get_ranged(in, least, most)
#define GET_FIELD_DAY(in, least, most) get_ranged(in, least, most)
#define GET_FIELD_LINE(in, least, most) get_u32(in)
#define GET_FIELD(type, ctype, field, key, least, most, names) \
	x->field = GET_##type(in, least, most);

/* The fewest bytes a record takes, for get_count(): the size of a
 * structure of that many chars a field. */
#define LEAST_FIELD_NAME (4 + 1)
#define LEAST_FIELD_TEXT 4
#define LEAST_FIELD_OFFSET (8 + 4)
#define LEAST_FIELD_BOOL 1
#define LEAST_FIELD_ENUM 1
#define LEAST_FIELD_CLOCK 4
#define LEAST_FIELD_RATING 4
#define LEAST_FIELD_LEVEL 4
#define LEAST_FIELD_SIGN 4
#define LEAST_FIELD_DAY 4
#define LEAST_FIELD_LINE 4
#define LEAST_FIELD(type, ctype, field, key, least, most, names) char field[LEAST_##type];
struct least_milestone { MILESTONE_FIELDS(LEAST_FIELD) };
struct least_redflag { REDFLAG_FIELDS(LEAST_FIELD) };

static void get_milestone(struct in *in, struct milestone *x)
{
	MILESTONE_FIELDS(GET_FIELD)
}

static void get_redflag(struct in *in, struct redflag *x)
{
	REDFLAG_FIELDS(GET_FIELD)
}

static bool get_protocol(struct in *in, struct protocol *p, struct cache *h)
{
	p->ref = get_str(in, false);
	p->name = get_str(in, false);
	p->description = get_str(in, true);
	p->origin = get_str(in, false);
	p->min_interval = get_offset(in);
	p->count = get_count(in, sizeof(struct least_milestone));
	p->milestones = hold(h, p->count, sizeof *p->milestones);
	for (size_t i = 0; i < p->count && in->ok; i++)
		get_milestone(in, &p->milestones[i]);
	p->nredflags = get_count(in, sizeof(struct least_redflag));
	p->redflags = hold(h, p->nredflags, sizeof *p->redflags);
	for (size_t i = 0; i < p->nredflags && in->ok; i++)
		get_redflag(in, &p->redflags[i]);
	take(in, p->normal, sizeof p->normal);
	for (size_t r = 0; r < RATING_COUNT; r++) {
		p->normal_days[r] = get_i32(in);
		in->ok &= p->normal_days[r] >= 0 && p->normal_days[r] <= NORMAL_DAYS;
	}
	return in->ok;
}

static bool get_timeline(struct in *in, struct plan *p, struct cache *h)
{
	struct timeline *t = &p->tl;
	const struct protocol *pr = p->proto;
	t->nsessions = get_count(in, 8 + 4 + 1 + 8);
	if (t->nsessions == 0)
		return false;
	t->sessions = hold(h, t->nsessions, sizeof *t->sessions);
	p->keys = hold(h, t->nsessions, sizeof *p->keys);
	p->booked = hold(h, t->nsessions, sizeof *p->booked);
	for (size_t i = 0; i < t->nsessions && in->ok; i++) {
		t->sessions[i] = (time_t)get_i64(in);
		p->keys[i] = get_str(in, false);
		p->booked[i] = (time_t)get_i64(in);
		in->ok &= i == 0 || t->sessions[i - 1] <= t->sessions[i];
	}
	t->count = get_count(in, 4 + 4 + 8 + 8);
	t->entries = hold(h, t->count, sizeof *t->entries);
	for (size_t i = 0; i < t->count && in->ok; i++) {
		struct timeline_entry *e = &t->entries[i];
		uint32_t m = get_u32(in);
		e->session = get_u32(in);
		e->start = (time_t)get_i64(in);
		e->end = (time_t)get_i64(in);
		in->ok &= m < pr->count && e->session >= 1 && e->session <= t->nsessions &&
		          e->end >= e->start;
		e->m = in->ok ? &pr->milestones[m] : NULL;
	}
	t->nevents = get_count(in, 4 + 1);
	t->events = hold(h, t->nevents, sizeof *t->events);
	for (size_t i = 0; i < t->nevents && in->ok; i++) {
		struct timeline_event *ev = &t->events[i];
		uint32_t e = get_u32(in);
		ev->is_end = get_bool(in);
		if (!in->ok || e >= t->count)
			return false;
		ev->entry = &t->entries[e];
		if (ev->is_end && !ev->entry->m->window)
			return false;
		ev->when = ev->is_end ? ev->entry->end : ev->entry->start;
		/* timeline_next() searches them by time. */
		if (i > 0 && ev[-1].when > ev->when)
			return false;
	}
	t->nbands = get_count(in, 4 + 1 + 8);
	t->bands = hold(h, t->nbands, sizeof *t->bands);
	for (size_t i = 0; i < t->nbands && in->ok; i++) {
		struct timeline_band *b = &t->bands[i];
		b->session = get_u32(in);
		b->phase = (enum milestone_phase)get_enum(in, PHASE_COUNT);
		b->start = (time_t)get_i64(in);
		/* timeline_position() searches them by start. */
		in->ok &= b->session >= 1 && b->session <= t->nsessions &&
		          (i == 0 || b[-1].start <= b->start);
	}
	return in->ok && t->nbands > 0;
}

/* The key: the blob, then the shipped protocols, then the files. With a
 * plan (store) the files are the plan's; without (load), those listed in
 * the file are looked at again. */
static bool key_matches(struct in *in, const struct plan_options *o)
{
	struct out now = {0};
	key_blob(&now, o);
	uint32_t n = get_u32(in);
	bool same = in->ok && n == now.n && in->n - in->pos >= n &&
	            memcmp(in->b + in->pos, now.b, n) == 0;
	free(now.b);
	if (!same)
		return false;
	in->pos += n;
	size_t nbuiltin = get_count(in, 4 + 1 + 4);
	for (size_t i = 0; i < nbuiltin && in->ok; i++) {
		const char *name = get_str(in, false);
		uint32_t crc = get_u32(in);
		const struct builtin_file *b = in->ok ? builtin_named(name) : NULL;
		if (!b || b->crc != crc)
			return false;
	}
	size_t nfiles = get_count(in, 4 + 1 + sizeof(struct ident));
	for (size_t i = 0; i < nfiles && in->ok; i++) {
		const char *path = get_str(in, false);
		struct ident was;
		take(in, &was, sizeof was);
		if (!in->ok)
			return false;
		struct ident is = ident_of(path);
		if (memcmp(&was, &is, sizeof is) != 0)
			return false;
	}
	return in->ok;
}

static bool header_ok(const char *b, size_t n)
{
	uint32_t bom, format;
	uint64_t size, sum;
	if (n < HEADER_BYTES || memcmp(b, magic, sizeof magic) != 0)
		return false;
	memcpy(&bom, b + 8, 4);
	memcpy(&format, b + 12, 4);
	memcpy(&size, b + 16, 8);
	memcpy(&sum, b + 24, 8);
	return bom == BYTE_ORDER_MARK && format == FORMAT && size == n &&
	       sum == checksum(b + HEADER_BYTES, n - HEADER_BYTES);
}

void cache_seal(char *data, size_t n)
{
	uint64_t size = n, sum = checksum(data + HEADER_BYTES, n - HEADER_BYTES);
	memcpy(data + 16, &size, 8);
	memcpy(data + 24, &sum, 8);
}

bool cache_load(struct plan *p, const struct plan_options *o)
{
	memset(p, 0, sizeof *p);
	char *path = cache_path(o);
	char *data, *err;
	size_t len;
	enum fileio_result r = fileio_read(path, MAX_CACHE_BYTES, &data, &len, &err);
	free(path);
	if (r != FILEIO_OK) {
		if (r == FILEIO_ERROR)
			free(err);
		return false;
	}
	struct cache *h = xcalloc(1, sizeof *h);
	h->data = data;
	struct in in = {data, len, HEADER_BYTES, true};
	p->proto = hold(h, 1, sizeof *p->proto);
	memset(p->proto, 0, sizeof *p->proto); /* no sources */
	bool ok = header_ok(data, len) && key_matches(&in, o) &&
	          get_config(&in, &p->cfg, h) && get_protocol(&in, p->proto, h) &&
	          get_timeline(&in, p, h) && in.pos == len;
	if (!ok) {
		cache_release(h);
		memset(p, 0, sizeof *p);
		return false;
	}
	p->cached = h;
	p->release = cache_release;
	p->now = dates_now();
	return true;
}

static long long ns_of(int64_t s, int64_t ns)
{
	return (long long)s * 1000000000LL + ns;
}

/* A cache just saved at path, deleted again (with its folder, when that
 * is left empty) when a file it was built from has changed since: forget
 * deletes the configuration before the cache folder, so a cache saved
 * after that folder was emptied finds the configuration gone here, and
 * nothing forgotten outlives forget. */
static void unsave_if_changed(const char *path, const struct paths *files,
                              const struct ident *ids)
{
	for (size_t i = 0; i < files->n; i++) {
		struct ident is = ident_of(files->v[i]);
		if (memcmp(&is, &ids[i], sizeof is) != 0) {
			unlink(path);
			char *dir = xstrdup(path);
			*strrchr(dir, '/') = '\0';
			rmdir(dir);
			free(dir);
			return;
		}
	}
}

void cache_store(const struct plan *p, const struct plan_options *o,
                 const struct timespec *started)
{
	if (!p->proto || p->tl.nsessions == 0 || p->cached)
		return;
	struct out out = {0}, blob = {0};
	char zero[HEADER_BYTES] = {0};
	put(&out, zero, sizeof zero);
	key_blob(&blob, o);
	put_u32(&out, (uint32_t)blob.n);
	put(&out, blob.b, blob.n);
	free(blob.b);

	const struct protocol *pr = p->proto;
	size_t nbuiltin = 0;
	for (size_t i = 0; i < pr->nsources; i++)
		nbuiltin += pr->sources[i].builtin;
	put_u32(&out, (uint32_t)nbuiltin);
	for (size_t i = 0; i < pr->nsources; i++) {
		const struct builtin_file *b = pr->sources[i].builtin
		                               ? builtin_named(pr->sources[i].name) : NULL;
		if (!pr->sources[i].builtin)
			continue;
		put_str(&out, pr->sources[i].name);
		put_u32(&out, b ? (uint32_t)b->crc : 0);
	}

	struct paths files = {0};
	plan_files(p, &files);
	struct ident *ids = xcalloc(files.n + 1, sizeof *ids);
	long long recent = ns_of(started->tv_sec, started->tv_nsec) - RACY_NS;
	bool racy = false;
	put_u32(&out, (uint32_t)files.n);
	for (size_t i = 0; i < files.n; i++) {
		ids[i] = ident_of(files.v[i]);
		racy |= !ids[i].err && (ns_of(ids[i].mtime_s, ids[i].mtime_ns) >= recent ||
		                        ns_of(ids[i].ctime_s, ids[i].ctime_ns) >= recent);
		/* Read, and gone since: needlecare forget ran meanwhile. */
		racy |= ids[i].err && p->cfg.exists && strcmp(files.v[i], p->cfg.path) == 0;
		put_str(&out, files.v[i]);
		put(&out, &ids[i], sizeof ids[i]);
	}

	put_plan(&out, p);
	if (!racy) {
		uint32_t bom = BYTE_ORDER_MARK, format = FORMAT;
		memcpy(out.b, magic, sizeof magic);
		memcpy(out.b + 8, &bom, 4);
		memcpy(out.b + 12, &format, 4);
		cache_seal(out.b, out.n);
		char *path = cache_path(o), *err = NULL;
		if (fileio_save(path, out.b, out.n, &err) != 0)
			free(err);
		else
			unsave_if_changed(path, &files, ids);
		free(path);
	}
	for (size_t i = 0; i < files.n; i++)
		free(files.v[i]);
	free(files.v);
	free(ids);
	free(out.b);
}

int cache_open(struct plan *p, const struct plan_options *o, bool need_session,
               struct diags *problems)
{
	if (cache_load(p, o))
		return STATUS_OK;
	struct timespec started;
	clock_gettime(CLOCK_REALTIME, &started);
	int rc = plan_open(p, o, need_session, problems);
	/* Warnings are returned by every load: such a plan is not kept. */
	if (rc == STATUS_OK && p->nwarnings == 0)
		cache_store(p, o, &started);
	return rc;
}
