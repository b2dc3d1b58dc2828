#!/usr/bin/env bash
# Booking: the first run opens it; the date is checked as typed; the file
# it writes is the one `needlecare book` writes.
# usage: tests/tui/cases/booking-first.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

launch book 80 24 XDG_CONFIG_HOME="$BOOKCFG" -- --now '2026-11-25 10:00:00'
shown book "Book your session"
screen book booking-first.txt
tm send-keys -t book '2026-13-02 10:30'
screen book booking-error.txt
tm send-keys -t book -N 16 BSpace
tm send-keys -t book '2026-12-02'
expect book 'expected a date and time as' "a half-typed date says what it expects"
tm send-keys -t book ' 10:30'
expect book "✓ Wed 2 Dec 2026 10:30 (in 7 days)" "a good date is confirmed beside the field"
# the protocol (prp: Right until it shows), the cold-sore answer (yes),
# then confirm
tm send-keys -t book Down
for ((i = 0; i < 12; i++)); do
	tm send-keys -t book Right
	shown book "‹ prp ›" && break
done
tm send-keys -t book Down Space Down
screen book booking-ready.txt
tm send-keys -t book Enter
expect book "Booked: session on Wed 2 Dec 2026 10:30." "confirming books"
# The cold-sore answer is one question of nineteen: the others follow.
expect book " Screening" "after a first booking with questions unanswered, the screening follows"
tm send-keys -t book t
expect book "Session in 7 days · Wed 2 Dec 10:30" "and Today after it"
that "the configuration has the session" grep -qx 'start = 2026-12-02 10:30' "$CFG"
that "... its zone" grep -qx 'zone = Europe/Berlin' "$CFG"
that "... the chosen protocol" grep -qx 'protocol = prp' "$CFG"
that "... the cold-sore answer" grep -qx 'cold-sores = yes' "$CFG"
that "the configuration has mode 0600" [ "$(stat -c %a "$CFG")" = 600 ]
# The same file as `needlecare book` writes, apart from the answer and the
# moment it was booked.
mkdir -p "$TMP/cli"
"$NC" --config "$TMP/cli/config.ini" --now '2026-11-25 10:00:00' --protocol prp \
	book 2026-12-02 10:30 >/dev/null 2>&1
norm() { sed -e 's/^booked = .*/booked = X/' -e '/cold-sores/d' "$1"; }
that "it writes the configuration 'needlecare book' writes" \
	cmp -s <(norm "$CFG") <(norm "$TMP/cli/config.ini")
tm send-keys -t book q
ended book 0
no_errors book
finish book

summary
