#!/usr/bin/env bash
# Booking a date that has passed: a record of a session done, on purpose.
# usage: tests/tui/cases/booking-past.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

PAST="$TMP/past-config"
launch past 80 24 XDG_CONFIG_HOME="$PAST" -- --now '2026-12-05 10:00:00'
shown past "Book your session"
expect past "such as 2026-12-12" "the date hint's example is ahead, not past"
tm send-keys -t past 2026-11-01 Space 10:00
expect past "! Sun 1 Nov 2026 10:00 (34 days ago):" "a past date is marked as passed, not ticked"
tm send-keys -t past Down Down Down Enter
expect past "That date has passed: press Enter again" "the first Enter only asks"
that "... and saves nothing" [ ! -e "$PAST/needlecare/config.ini" ]
tm send-keys -t past Enter
expect past "Recorded as done: session on Sun 1 Nov 2026 10:00." "the second Enter records it as done"
that "... in the configuration" grep -qx 'start = 2026-11-01 10:00' "$PAST/needlecare/config.ini"
tm send-keys -t past q
ended past 0
finish past

summary
