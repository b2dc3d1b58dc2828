#!/usr/bin/env bash
# A date that has passed is refused, unless it records a session done.
# usage: tests/cli/cases/booking-past.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

run --now '2026-12-05 10:00' book 2026-11-01 10:00
that "a past session is refused, with a sentence saying why and the way past it" \
	[ "$RC" -eq 1 ] && grep -q 'would be in the past (34 days ago)' "$TMP/err" && grep -q 'add --force' "$TMP/err" && [ ! -e "$CFG" ]
run --now '2026-12-05 10:00' book --force 2026-11-01 10:00
that "with --force it is recorded as done" [ "$RC" -eq 0 ] && grep -q '^Recorded as done: session on Sun 1 Nov 2026 10:00' "$TMP/out"
rm -f "$CFG"

summary
