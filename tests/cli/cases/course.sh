#!/usr/bin/env bash
# A course from a configuration: two sessions, cold sores answered yes;
# time zones and a DST change.
# usage: tests/cli/cases/course.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

golden timeline-course.tsv --config "$FIX/config/course.ini" --now '2026-11-25 10:00' timeline --format tsv
that "the course has milestones of both sessions" grep -q $'\t2$' "$EXP/timeline-course.tsv"
that "cold-sore milestones apply when answered yes" grep -q 'antiviral' "$EXP/timeline-course.tsv"
run --now '2026-11-25 10:00' --session "$S" timeline --format tsv
that "cold-sore milestones stay away otherwise" test "$(grep -c antiviral "$TMP/out")" = 0

# The session keeps the zone it was booked in: seen from New York, the
# Berlin appointment at 10:30 is at 04:30.
TZ=America/New_York run --config "$FIX/config/course.ini" --now '2026-11-25 10:00' timeline --format tsv
that "a change of time zone never moves the appointment" \
	grep -q $'^2026-12-02 04:30\t2026-12-02 05:30\tsession\t' "$TMP/out"
# while a calendar step lands at the reminder time where the patient is.
that "calendar steps land at the reminder time in the current zone" \
	grep -q $'^2026-11-25 08:30\t2026-12-09 08:30\tretinoids\t' "$TMP/out"

# A session just before the spring DST change.
golden timeline-dst.tsv --now '2026-03-20 10:00' --session '2026-03-27 10:00' timeline --format tsv
that "+72h across the change is 11:00 wall time" grep -q $'^2026-03-27 10:00\t2026-03-30 11:00\tsweat\t' "$EXP/timeline-dst.tsv"
that "+7d across the change lands at 09:00" grep -q $'^2026-03-20 09:00\t2026-04-03 09:00\tretinoids\t' "$EXP/timeline-dst.tsv"

summary
