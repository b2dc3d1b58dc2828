#!/usr/bin/env bash
# The clock as the locale writes it: en_US.UTF-8 prefers 12 hours, and
# gets them in the text views; its TSV stays byte for byte the C locale's.
# usage: tests/cli/cases/locale-clock.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"
if ! locale_env en_US.UTF-8 "$NC"; then
	bad "the en_US.UTF-8 locale could be made"
	summary
	exit
fi
NC_WRAP="env ${LOCALE_ENV[*]} ${NC_WRAP:-}"

run --now '2026-11-25 10:00' --session "$S" timeline
that "en_US: the session's time on a 12-hour clock" grep -q '^Session 1 of 1: Wed 2 Dec 2026 10:30 AM (in 7 days)$' "$TMP/out"
that "en_US: a milestone's too, with no zero before the hour" grep -q '^    Wed 18 Nov 9:00 AM  ' "$TMP/out"
run --now '2026-12-02 08:00' --session "$S" today
that "en_US: an afternoon hour" grep -q 'from today 10:30 AM until today 4:30 PM$' "$TMP/out"
golden timeline-session.tsv --now '2026-11-25 10:00' --session "$S" timeline --format tsv
golden today-day3.tsv --now '2026-12-05 09:00' --session "$S" today --format tsv

summary
