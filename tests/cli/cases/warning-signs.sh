#!/usr/bin/env bash
# Warning signs, day by day: each case on a journal of its own.
# usage: tests/cli/cases/warning-signs.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

golden_log log-day0-breathing.txt microneedling '2026-12-02 13:00' breathing=yes
that "an emergency says what to do in its first words" grep -q '^EMERGENCY: Call emergency services now' "$EXP/log-day0-breathing.txt"
golden_log log-day1-normal.txt microneedling '2026-12-03 12:00' redness=3 swelling=2 pain=1
that "marked redness on day 1 is normal healing" bash -c "! grep -qE 'WARNING|NOTE|EMERGENCY' '$EXP/log-day1-normal.txt'"
golden_log log-day2-above.txt microneedling '2026-12-04 12:00' redness=3 swelling=3 pain=2
that "clearly above normal on day 2: routine notes, no alarm" \
	bash -c "[ \$(grep -c '^NOTE: ' '$EXP/log-day2-above.txt') -eq 3 ] && ! grep -q '^WARNING' '$EXP/log-day2-above.txt'"
BEFORE='2026-12-04 12:00|redness=0 pain=0' \
golden_log log-day3-inside-normal.txt microneedling '2026-12-05 12:00' redness=1 pain=1
that "rising inside the normal range raises nothing" bash -c "! grep -qE 'WARNING|NOTE' '$EXP/log-day3-inside-normal.txt'"
golden_log log-day4-at-home.txt at-home '2026-12-06 12:00' fever=yes pus=yes hives=yes blisters=yes redness=3 swelling=3 dryness=3 pain=3
that "at home, every sign is a warning, and the advice is a doctor" \
	bash -c "[ \$(grep -c '^WARNING: ' '$EXP/log-day4-at-home.txt') -ge 4 ] && grep -q 'Stop home needling' '$EXP/log-day4-at-home.txt'"
golden_log log-day4-rf.txt rf '2026-12-06 12:00' redness=2 swelling=2
that "after RF, moderate redness on day 4 is expected" bash -c "! grep -qE 'WARNING|NOTE' '$EXP/log-day4-rf.txt'"
golden_log log-day4-mn.txt microneedling '2026-12-06 12:00' redness=2 swelling=2
that "after light needling it is not" grep -q '^WARNING: Redness is not settling' "$EXP/log-day4-mn.txt"
golden_log log-day7-lines.txt microneedling '2026-12-09 18:00' redness=0 lines=yes raised-scars=yes
golden_log log-before.txt microneedling '2026-11-27 12:00' note=nervous
that "a check-in before the session counts the days to it" grep -q '^Check-in saved: 5 days before session 1.$' "$EXP/log-before.txt"
rm -f "$J"

summary
