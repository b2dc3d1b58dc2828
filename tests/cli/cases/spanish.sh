#!/usr/bin/env bash
# The patient's language: today, timeline, next and log under es_ES.UTF-8,
# against expected Spanish text (dates from the C library's locale data,
# plurals from the catalogue, protocol texts from their [es] keys); the
# TSV and JSON stay byte for byte what they are in the C locale.
# usage: tests/cli/cases/spanish.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"
if ! spanish "$NC"; then
	bad "the Spanish locale could be made"
	summary
	exit
fi
# Before any wrapper (valgrind), so that the wrapper runs needlecare.
NC_WRAP="env ${ES_ENV[*]} ${NC_WRAP:-}"

golden es-today-day3.txt --now '2026-12-05 09:00' --session "$S" today
golden es-today-before.txt --now '2026-11-28 20:15:30' --session "$S" today
golden es-timeline.txt --now '2026-11-25 10:00' --session "$S" timeline
golden es-next-before.txt --now '2026-11-25 10:00' --session "$S" next
golden es-next-window-end.txt --now '2026-12-08 12:00' --session "$S" next
golden_log es-log-day0-breathing.txt microneedling '2026-12-02 13:00' breathing=yes
golden_log es-log-day2-above.txt microneedling '2026-12-04 12:00' redness=3 swelling=3 pain=2
golden_log es-log-day4-rf.txt rf '2026-12-06 10:00' redness=2 blisters=yes

# Scripts read the same bytes in every language.
golden today-day3.tsv --now '2026-12-05 09:00' --session "$S" today --format tsv
golden timeline-session.tsv --now '2026-11-25 10:00' --session "$S" timeline --format tsv
golden next-before.json --now '2026-11-25 10:00' --session "$S" next --format json

# An error in Spanish, with its file and line kept.
run --protocol "$FIX/protocols/lint.ini" check
that "a problem of check is said in Spanish, at its file and line" \
	grep -q 'lint.ini:[0-9]*: ' "$TMP/out" "$TMP/err"

summary
