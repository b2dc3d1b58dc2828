#!/usr/bin/env bash
# Discreet mode: the notification of a check-in warning has no health
# detail.
# usage: tests/tui/cases/checkin-discreet.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

start_bus || echo "skip: the notification cases (no dbus-run-session or python3-dbusmock)"

if [ -n "$BUS" ]; then
	before=$(count_notes)
	launch cd 80 24 XDG_STATE_HOME="$TMP/cd-state" "${BUSENV[@]}" -- --config "$DISCREET" --now "$DAY4"
	shown cd "[ Save check-in ]"
	tm send-keys -t cd 3 End Enter
	expect cd "Redness is not settling" "the banner shows the warning in discreet mode too"
	that "discreet mode: a notification is sent" arrived $((before + 1))
	that "discreet mode: it names no health detail" \
		note_has '"needlecare: please open needlecare" "A check-in needs your attention."'
	that "... not even the rule's title" note_lacks Redness
	that "... and is still critical" note_has '"urgency": 2'
	tm send-keys -t cd q
	ended cd 0
	finish cd
fi

summary
