#!/usr/bin/env bash
# Booking: the interval between sessions, and the four protocols.
# usage: tests/tui/cases/booking-interval.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

BK="$TMP/bk-config"
mkdir -p "$BK/needlecare"
printf '[session.1]\nstart = %s\nzone = Europe/Berlin\nbooked = 2026-11-20 10:00:00\n' "$S" \
	>"$BK/needlecare/config.ini"
launch bk 80 24 XDG_CONFIG_HOME="$BK" -- --now '2026-11-25 10:00:00'
shown bk "Session in 7 days"
tm send-keys -t bk b
shown bk "+ New session"
tm send-keys -t bk n 2026-12-20 Space 10:30 Down Down Down
screen bk booking-close.txt
# The reason is the one `needlecare book` gives, word for word.
XDG_CONFIG_HOME="$BK" "$NC" --protocol "$CARE" --now '2026-11-25 10:00:00' \
	book 2026-12-20 10:30 >/dev/null 2>"$TMP/book.err"
that "book refuses the same date" [ $? = 1 ]
reason=$(sed -n 's/^needlecare: \(.*\)\. To book it anyway, add --force\.$/\1/p' "$TMP/book.err")
that "the warning is the one book gives ($reason)" bash -c \
	"[ -n \"\$1\" ] && tmux -L $SRV capture-pane -p -t bk | tr -s ' \\n' '  ' | grep -qF \"\$1\"" _ "$reason"
tm send-keys -t bk Enter
expect bk "[ Press Enter again to book it anyway ]" "the first Enter asks again, as --force does"
that "nothing is saved yet" [ "$(grep -c '^start = ' "$BK/needlecare/config.ini")" = 1 ]
# All four shipped protocols; the at-home one needs only 72 hours.
tm send-keys -t bk Up Up
for p in prp rf at-home; do
	tm send-keys -t bk Right
	expect bk "‹ $p ›" "the booking offers the $p protocol"
done
that "at-home's interval is 72 hours: no warning" gone bk "Too close"
tm send-keys -t bk Right
expect bk "‹ microneedling ›" "... and the microneedling one"
expect bk "Too close: this session would be 18 days after" "back to microneedling, the warning"
tm send-keys -t bk Down Down Enter
expect bk "[ Press Enter again to book it anyway ]"
tm send-keys -t bk Enter
expect bk "Booked: session on Sun 20 Dec 2026 10:30. It is too close to another session" \
	"the second Enter books it anyway"
that "the configuration has both sessions" [ "$(grep -c '^start = ' "$BK/needlecare/config.ini")" = 2 ]
tm send-keys -t bk q
ended bk 0
no_errors bk
finish bk

summary
