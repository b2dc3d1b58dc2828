/* Offsets and dates: every parser of dates.h on the input, and the
 * calendar steps of an offset that parsed. */
#include "base/dates.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 256)
		return -1;
	char *s = fuzz_string(data, size);
	char why[DATES_WHY] = "";
	struct civil c;
	int minutes;
	struct offset o;
	if (dates_parse_date(s, &c, why, sizeof why) &&
	    (c.month < 1 || c.month > 12 || c.day < 1 || c.day > 31))
		abort();
	if (dates_parse_clock(s, &minutes, why, sizeof why) &&
	    (minutes < 0 || minutes >= 24 * 60))
		abort();
	for (int seconds = 0; seconds < 2; seconds++)
		if (dates_parse_moment(s, seconds, &c, why, sizeof why)) {
			time_t t = dates_resolve(&c);
			char buf[32];
			dates_format_iso(t, buf, sizeof buf);
			dates_days_between(t, dates_day_start(t));
		}
	if (dates_parse_offset(s, &o, why, sizeof why)) {
		/* Every session time of a day, on both sides of a DST change. */
		static const time_t bases[] = {1774594800 /* 2026-03-27 */,
		                               1792738800 /* 2026-10-23 */};
		for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
			time_t t = dates_step(bases[i], o, 9 * 60);
			char buf[32];
			dates_format_iso(t, buf, sizeof buf);
		}
	}
	/* A message that was cut must still end in a whole string. */
	if (strnlen(why, sizeof why) == sizeof why)
		abort();
	free(s);
	return 0;
}
