#!/usr/bin/env bash
# Check-in: opens when due, saves as log does, and a warning, sent as a
# notification to a private mock server.
# usage: tests/tui/cases/checkin.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

start_bus || echo "skip: the notification cases (no dbus-run-session or python3-dbusmock)"

CI="$TMP/ci-state"
launch ci 80 24 XDG_STATE_HOME="$CI" "${BUSENV[@]}" -- --config "$CLINIC" --now "$DAY4"
expect ci " Check-in" "the interface opens on the check-in when one is due"
screen ci checkin.txt
tm send-keys -t ci t
expect ci "Check-in due" "Today says that a check-in is due"
expect ci "☐ 72-hour check-in: is it calming down?"
expect ci "press i" "... and which key opens it"
tm send-keys -t ci i
shown ci "[ Save check-in ]"
# Redness 2 (day 4: more than the normal 1, and the rule redness-late),
# swelling 1, pain 0, no pus, no fever; a note and a photo.
# The signs the frozen protocol's rules ask about, after pus and fever:
# nine of them, then the note.
tm send-keys -t ci 2 Down 1 Down Down Right Down n Down n Down Down Down Down Down Down Down Down Down Down
tm send-keys -t ci -l 'Warm and a bit tight, ça va'
tm send-keys -t ci Down
tm send-keys -t ci -l "$PHOTO"
screen ci checkin-filled.txt
# Backspace erases a whole character, also one of two bytes (the journal
# below shows that no stray byte is left).
tm send-keys -t ci Up BSpace BSpace BSpace BSpace
expect ci "[Warm and a bit tight, ç " "Backspace erases the last character"
tm send-keys -t ci BSpace
tm send-keys -t ci -l 'ça va'
tm send-keys -t ci End Enter
screen ci today-warning.txt
# At the smallest size the banner keeps the practitioner and the key.
tm resize-window -t ci -x 50 -y 16
screen ci today-warning-50x16.txt
tm resize-window -t ci -x 80 -y 24
that "the check-in is in the journal, as log writes it" grep -qxF \
	"2026-12-06 09:00	4	2	1		0	no	no					$PHOTO	Warm and a bit tight, ça va							" \
	<(XDG_STATE_HOME="$CI" "$NC" --config "$CLINIC" --protocol "$CARE" journal --format tsv)
that "the journal has mode 0600" [ "$(stat -c %a "$CI/needlecare/journal")" = 600 ]
if [ -n "$BUS" ]; then
	that "the warning is sent as a notification" arrived 1
	that "... one" [ "$(count_notes)" = 1 ]
	that "... with the rule's title and action" \
		note_has '"Redness is not settling" "Redness that is still moderate'
	that "... critical" note_has '"urgency": 2'
fi
tm send-keys -t ci a
that "a acknowledges the warning" gone ci "Press a once you have read this"
expect ci "Acknowledged: Redness is not settling."
that "the acknowledgement is in the state" grep -qP \
	'^acknowledged\tjournal\t2026-12-06T08:00:0[0-9]Z redness-late\t2026-12-06 08:00:[0-5][0-9]$' \
	"$CI/needlecare/state"
tm send-keys -t ci q
ended ci 0
no_errors ci
finish ci
launch ci2 80 24 XDG_STATE_HOME="$CI" -- --config "$CLINIC" --now "$DAY4"
expect ci2 "Day 4 after your session" "after the check-in the interface opens on Today"
that "an acknowledged warning stays acknowledged" bash -c "! tmux -L $SRV capture-pane -p -t ci2 | grep -q 'Redness is not'"
that "the check-in done, Today no longer asks for it" bash -c "! tmux -L $SRV capture-pane -p -t ci2 | grep -q 'Check-in due'"
tm send-keys -t ci2 q
ended ci2 0
finish ci2

summary
