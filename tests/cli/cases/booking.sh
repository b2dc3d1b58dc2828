#!/usr/bin/env bash
# book: creates the configuration, books, moves and cancels sessions,
# records the protocol, names sessions in local time.
# usage: tests/cli/cases/booking.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

run --now '2026-11-25 10:00' book 2026-12-02 10:30
that "book creates the configuration" test "$RC" -eq 0 -a -f "$CFG"
that "the configuration is 0600" [ "$(stat -c %a "$CFG")" = 600 ]
that "its folder is 0700" [ "$(stat -c %a "$(dirname "$CFG")")" = 700 ]
that "the session is written with its zone and booking moment" \
	grep -qz $'\\[session.1\\]\nstart = 2026-12-02 10:30\nzone = Europe/Berlin\nbooked = 2026-11-25 10:00:00\n' "$CFG"
that "the new file starts from the documented one" grep -q '^; needlecare configuration' "$CFG"
run --now '2026-11-25 10:00' book '2027-01-06 10:30'
that "a second session, given as one argument" [ "$RC" -eq 0 ]
golden sessions-two.txt --now '2026-11-25 10:00' sessions
status "a session cannot be booked twice" 1 "already booked" --now '2026-11-25 10:00' book 2026-12-02 10:30
run --now '2026-11-26 12:00' book --move 2027-01-06 2027-01-08 11:00
that "a session can be moved" [ "$RC" -eq 0 ] && grep -q 'start = 2027-01-08 11:00' "$CFG" && ! grep -q '2027-01-06' "$CFG"
# The clock starts at --now and moves on while the command runs: seconds,
# under valgrind on a loaded machine.
that "a moved session is booked at the moment it was moved" grep -qE 'booked = 2026-11-26 12:00:[0-5][0-9]' "$CFG"
run --now '2026-11-26 12:00' book --move '2026-12-02 10:30' '2026-12-03 10:30'
that "the session to move may be named with its time" [ "$RC" -eq 0 ] && grep -q 'start = 2026-12-03 10:30' "$CFG"
status "moving a session that is not booked" 1 "no session is booked on 2026-05-05" book --move 2026-05-05 2026-05-06 10:00
run book --cancel 2026-12-03
that "a session can be cancelled" [ "$RC" -eq 0 ] && ! grep -q 'start = 2026-12-03' "$CFG" && grep -q '^\[session.1\]' "$CFG" && ! grep -q 'session.2' "$CFG"
status "cancelling a session that is not booked" 1 "no session is booked on 2026-12-03" book --cancel 2026-12-03
run book --protocol prp 2027-02-10 11:00
that "book --protocol records the protocol" [ "$RC" -eq 0 ] && grep -q '^protocol = prp' "$CFG"
status "book --protocol refuses an unknown one" 3 'unknown protocol "nosuch"' book --protocol nosuch 2027-03-10 11:00
TZ=Foo/Bar run book 2027-03-10 11:00
that "book refuses a time zone it does not know" [ "$RC" -eq 1 ] && grep -q 'time zone "Foo/Bar" is not known' "$TMP/err" && ! grep -q 'Foo/Bar' "$CFG"
cp "$FIX/protocols/good.ini" "$TMP/clinic.ini"
(cd "$TMP" && ${NC_WRAP:-} "$NC" book --protocol clinic.ini 2027-03-10 11:00 >/dev/null 2>&1)
that "a protocol path is recorded absolute" grep -q "^protocol = $TMP/clinic.ini\$" "$CFG"
run --now '2026-11-25 10:00' timeline --format tsv
that "and found from anywhere" [ "$RC" -eq 0 ] && grep -q $'\tstop-retinol\t' "$TMP/out"
TZ=America/New_York run book --cancel '2027-03-10 05:00'
that "a session may be named in the local time it is shown at" [ "$RC" -eq 0 ] && ! grep -q '2027-03-10' "$CFG"

summary
