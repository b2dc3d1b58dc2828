#!/usr/bin/env bash
# The daily routine: the session's own day, a lapsed check-in, and the
# real journal's warnings that a pretend session does not show.
# usage: tests/tui/cases/routine.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

RT="$TMP/routine-state"
launch day0 80 24 XDG_STATE_HOME="$RT" -- --session "$S" --now '2026-12-02 08:00:00'
expect day0 "Your session today" "on its own day the session comes first"
expect day0 "Session 1 of 1, today 10:30" "... with its time"
expect day0 "Starting later today" "restrictions that start later are under their own heading"
that "... and the session's end is no news" lacks day0 'End: Your'
finish day0
launch lapsed 80 24 XDG_STATE_HOME="$RT" -- --session "$S" --now '2026-12-08 09:00:00'
expect lapsed "Missed check-in" "a check-in not logged is said once as missed"
that "... never as due, and the interface does not open on it" \
	lacks lapsed 'Check-in due| Check-in  '
finish lapsed
XDG_STATE_HOME="$RT" "$NC" --protocol "$CARE" --config "$CLINIC" --now "$DAY4" log fever=yes >/dev/null 2>&1 </dev/null
launch real 80 24 XDG_STATE_HOME="$RT" -- --config "$CLINIC" --now "$DAY4"
expect real "Press a once you have read this" "the real course shows the warning"
finish real
launch pretend 80 24 XDG_STATE_HOME="$RT" -- --config "$CLINIC" --session "$S" --now "$DAY4"
expect pretend "Day 4 after your session" "a pretend session opens"
that "... with no banner from the real journal" lacks pretend 'Press a once'
finish pretend

summary
