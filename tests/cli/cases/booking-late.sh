#!/usr/bin/env bash
# Booked two days ahead: what is already in force is said at once.
# usage: tests/cli/cases/booking-late.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

run --now '2026-12-05 10:00' book 2026-12-07 10:00
that "a late booking prints what is already in force" \
	bash -c "grep -q '^Already in force for this session:' '$TMP/out' && [ \$(grep -c '^- No ' '$TMP/out') -eq 7 ]"
that "and tries to send it as one notification" grep -q 'notification not shown' "$TMP/err"
that "and mentions the screening" grep -q "needlecare screen' (19 not answered yet)" "$TMP/out"
rm -f "$CFG"

summary
