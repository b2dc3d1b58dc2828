#!/usr/bin/env bash
# The course: at least the protocol's interval between sessions.
# usage: tests/cli/cases/booking-interval.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

rm -f "$CFG"
run --now '2026-11-20 10:00' book 2026-12-02 10:30
status "27 days after a session is refused" 1 "27 days after the session of Wed 2 Dec 2026 10:30" --now '2026-11-20 10:00' book 2026-12-29 10:30
that "with the reason in plain words and the way past it" grep -q 'at least 28 days between sessions' "$TMP/err" && grep -q 'add --force' "$TMP/err"
that "and nothing is written" [ "$(grep -c '^\[session' "$CFG")" -eq 1 ]
run --now '2026-11-20 10:00' book 2026-12-30 09:00
that "28 days after is booked" [ "$RC" -eq 0 ] && grep -q 'start = 2026-12-30 09:00' "$CFG"
status "27 days before the next session is refused" 1 "27 days before the session of Wed 2 Dec 2026 10:30" --now '2026-11-20 10:00' book 2026-11-05 10:00
run --now '2026-10-20 10:00' book 2026-11-04 10:00
that "28 days before the first session is booked" [ "$RC" -eq 0 ]
status "a move into the interval is refused" 1 "days after the session of" --now '2026-11-20 10:00' book --move 2026-12-30 2026-12-20 10:00
that "and leaves the session where it was" grep -q 'start = 2026-12-30 09:00' "$CFG"
run --now '2026-11-20 10:00' book --force --move 2026-12-30 2026-12-20 10:00
that "--force books it anyway, with a warning" [ "$RC" -eq 0 ] && grep -q 'booked with --force' "$TMP/err" && grep -q 'start = 2026-12-20 10:00' "$CFG"
run --now '2026-11-20 10:00' book --cancel 2026-12-20
run --now '2026-11-20 10:00' book 2026-12-30 10:00
that "after a cancel, the interval counts from the sessions left" [ "$RC" -eq 0 ]
run --protocol "$FIX/protocols/good.ini" --now '2026-11-20 10:00' book --force 2026-12-03 10:00
golden sessions-course.txt --now '2027-01-05 12:00' sessions
rm -f "$CFG"

summary
