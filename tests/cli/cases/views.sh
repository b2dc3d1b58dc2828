#!/usr/bin/env bash
# The TSV contract and the text views, for one session given on the
# command line.
# usage: tests/cli/cases/views.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

golden timeline-session.tsv --now '2026-11-25 10:00' --session "$S" timeline --format tsv
golden timeline-prp.tsv --now '2026-11-25 10:00' --session "$S" --protocol prp timeline --format tsv
golden today-day3.tsv --now '2026-12-05 09:00' --session "$S" today --format tsv
golden today-day3.txt --now '2026-12-05 09:00' --session "$S" today
golden today-before.txt --now '2026-11-28 20:15:30' --session "$S" today
golden next-before.tsv --now '2026-11-25 10:00' --session "$S" next --format tsv
golden next-before.txt --now '2026-11-25 10:00' --session "$S" next
golden next-window-end.txt --now '2026-12-08 12:00' --session "$S" next
golden next-done.txt --now '2028-01-01 00:00' --session "$S" next

# A restriction that starts later today is listed as such, with its hours.
run --session "$S" --now '2026-12-02 08:00' today
that "today: restrictions that start later today under their own heading" \
	bash -c "sed -n '/^Starting later today/,/^\$/p' '$TMP/out' | grep -q '^  - Hands off: only the clinic.s products on your skin, from today 10:30 until today 16:30\$'"
that "today: on its own day the session comes first" \
	bash -c "grep -A1 '^Your session today' '$TMP/out' | grep -q 'Session 1 of 1, today 10:30 (in 2 h)' && [ \$(grep -n '^Your session today' '$TMP/out' | cut -d: -f1) -lt \$(grep -n '^In force now' '$TMP/out' | cut -d: -f1) ]"
that "today: and not among what to expect" bash -c "! sed -n '/^Expect today/,/^\$/p' '$TMP/out' | grep -q 'No makeup'"

summary
