#!/usr/bin/env bash
# The healing journal: log, journal in its formats, the export, a cut
# last entry, the check-in due.
# usage: tests/cli/cases/journal.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

run --session "$S" --now '2026-12-03 10:00' log redness=3 swelling=2 pain=1 note="Warm, like a sunburn"
that "log saves a check-in and says which day it is" [ "$RC" -eq 0 ] && grep -q 'Check-in saved: day 1 after session 1' "$TMP/out"
that "the journal is 0600 in a 0700 folder" test "$(stat -c %a "$J")" = 600 -a "$(stat -c %a "$(dirname "$J")")" = 700
that "a normal day-1 check-in trips no warning" bash -c "! grep -q WARNING '$TMP/out'"
: > "$TMP/photo.jpg"
run --session "$S" --now '2026-12-06 20:00' log redness=2 pain=2 dryness=1 fever=no photo="$TMP/photo.jpg"
that "redness 2 on day 4 trips its rule and says what to do" grep -q '^WARNING: Redness is not settling$' "$TMP/out" && grep -q 'Contact your practitioner today' "$TMP/out"
that "pain higher than the check-in before, after day 3, trips its rule" grep -q '^WARNING: Pain is increasing$' "$TMP/out"
that "without a desktop the warning still prints, and says why it was not shown" grep -q 'warning not shown on the desktop' "$TMP/err"
status "log refuses a value out of range" 2 'redness=4: expected 0 (none), 1 (mild), 2 (moderate) or 3 (marked)' log redness=4
status "log refuses an unknown name" 2 'unknown name "itch"' log itch=1
status "log refuses a sign that is not yes or no" 2 'pus=2: expected yes or no' log pus=2
status "log needs something to save" 2 'expected at least one rating' log
that "a refused check-in writes nothing" [ "$(wc -l < "$J")" -eq 3 ]
golden journal.tsv --session "$S" --now '2026-12-07 09:00' journal --format tsv
that "journal TSV has one entry a line, no header, twenty-one columns" \
	awk -F'\t' 'NF != 21 { exit 1 }' "$EXP/journal.tsv"
# The first fourteen columns are those scripts read before: the later signs
# follow the note.
that "journal TSV keeps the note in column 14" \
	awk -F'\t' 'NR == 1 && $14 != "Warm, like a sunburn" { exit 1 }' "$EXP/journal.tsv"
golden journal.txt --session "$S" --now '2026-12-07 09:00' journal
golden journal-summary.txt --session "$S" --now '2026-12-07 09:00' journal --summary
run --session "$S" --now '2026-12-07 09:00' journal --export "$TMP/out.csv"
that "journal --export writes a CSV with a header" [ "$RC" -eq 0 ] && head -n1 "$TMP/out.csv" | grep -q '^time,day,redness,swelling,dryness,pain,pus,fever,blisters,hives,bumps,dark-patches,photo,note,spreading,breathing,lines,raised-scars,bruises,dents,numbness$'
that "the CSV quotes the notes" grep -q '"Warm, like a sunburn",,,,,,,$' "$TMP/out.csv"
that "the export is 0600" [ "$(stat -c %a "$TMP/out.csv")" = 600 ]
printf '2026-12-07 10:00:00\t1\t' >> "$J"
run --session "$S" --now '2026-12-07 11:00' journal --format tsv
that "a cut last entry is reported and skipped, the others load" [ "$RC" -eq 0 ] && grep -q 'journal:4: a damaged entry was skipped (the last one, cut short)' "$TMP/err" && [ "$(wc -l < "$TMP/out")" -eq 2 ]
run --session "$S" --now '2026-12-07 11:00' log swelling=0
run --session "$S" --now '2026-12-07 12:00' journal --format tsv
that "the next check-in does not join the cut one" [ "$(wc -l < "$TMP/out")" -eq 3 ]
rm -f "$J"
run --session "$S" --now '2026-12-05 11:00' today
that "today says when a check-in is due" grep -q '^Check-in due: 72-hour check-in' "$TMP/out"
run --session "$S" --now '2026-12-05 11:30' log redness=1
run --session "$S" --now '2026-12-05 12:00' today
that "and no longer once it is done" bash -c "! grep -q '^Check-in due' '$TMP/out'"
rm -f "$J"

summary
