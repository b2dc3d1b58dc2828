/* Reads an iCalendar file back with libical, a parser needlecare does not
 * share code with: one line per VEVENT, "UID START END SUMMARY ALARMS"
 * (tab-separated, times as UTC seconds), and every parse error on standard
 * error. Exit 1 when there was one, or a time that is not UTC.
 * usage: readback FILE.ics */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int errors;

/* libical keeps going past what it cannot read, leaving X-LIC-ERROR
 * properties where it was: they are the parse errors. */
static void find_errors(icalcomponent *c)
{
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
	     p; p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
		fprintf(stderr, "readback: %s: %s\n",
		        icalcomponent_kind_to_string(icalcomponent_isa(c)),
		        icalproperty_get_xlicerror(p));
		errors++;
	}
	for (icalcomponent *s = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
	     s; s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		find_errors(s);
}

static long long utc_seconds(struct icaltimetype t, const char *uid, const char *what)
{
	if (icaltime_is_null_time(t) || !icaltime_is_utc(t)) {
		fprintf(stderr, "readback: %s: %s is missing or not in UTC\n", uid, what);
		errors++;
		return 0;
	}
	return (long long)icaltime_as_timet(t);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: readback FILE.ics\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	char *text = NULL;
	size_t len = 0, got;
	char chunk[65536];
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		text = realloc(text, len + got + 1);
		if (!text)
			return 2;
		memcpy(text + len, chunk, got);
		len += got;
	}
	fclose(f);
	if (!text)
		text = calloc(1, 1);
	text[len] = '\0';
	icalcomponent *cal = icalparser_parse_string(text);
	free(text);
	if (!cal || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
		fprintf(stderr, "readback: %s: no VCALENDAR\n", argv[1]);
		return 1;
	}
	find_errors(cal);
	for (icalcomponent *e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     e; e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		const char *uid = icalcomponent_get_uid(e);
		uid = uid ? uid : "(no UID)";
		long long start = utc_seconds(icalcomponent_get_dtstart(e), uid, "DTSTART");
		/* With DURATION instead of DTEND, libical works the end out. */
		long long end = utc_seconds(icalcomponent_get_dtend(e), uid, "DTEND");
		const char *summary = icalcomponent_get_summary(e);
		printf("%s\t%lld\t%lld\t%s\t%d\n", uid, start, end, summary ? summary : "",
		       icalcomponent_count_components(e, ICAL_VALARM_COMPONENT));
	}
	icalcomponent_free(cal);
	return errors ? 1 : 0;
}
