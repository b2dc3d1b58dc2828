#!/usr/bin/env bash
# Malformed dates: every one named, exit 2, nothing written.
# usage: tests/cli/cases/booking-malformed.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

for when in '2026-02-30 10:30' '2026-13-01 10:30' '2026-12-02 25:00' '2026-12-02 10:30x' '2026-12-2 10:30' '' 'tomorrow'; do
	status "book refuses \"$when\"" 2 "expected" book "$when"
done
status "book refuses 2026-02-30 as a day that does not exist" 2 "does not exist" book 2026-02-30 10:30
status "book refuses 25:00" 2 "not a time of day" book 2026-12-02 25:00
status "book needs a time" 2 "expected a date and time" book 2026-12-02
that "nothing was written by the refused bookings" [ ! -e "$CFG" ]

summary
