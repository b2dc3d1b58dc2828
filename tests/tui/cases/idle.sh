#!/usr/bin/env bash
# Idle: wakes once a minute, and never touches the disk to draw.
# usage: tests/tui/cases/idle.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

# (LeakSanitizer cannot run under strace: it is off for this one.)
command -v strace >/dev/null &&
WRAP="strace -f -qq -o ${TMP@Q}/strace.log -e trace=poll,ppoll,select,pselect6,openat,open,write" \
	launch idle 80 24 ASAN_OPTIONS=detect_leaks=0 -- --session "$S" --now '2026-12-05 09:00:58'
shown idle "Day 3"
tm send-keys -t idle l
expect idle "now ▸ Sat 5 Dec 2026 09:00"
expect idle "now ▸ Sat 5 Dec 2026 09:01" "the clock moves on by itself at the minute"
sleep 1 # idle: nothing should happen in this second
tm send-keys -t idle q
ended idle 0
if grep -q 'poll(' "$TMP/strace.log" 2>/dev/null; then
	# The waits for a key: polls with a time-out. From the wait after the
	# first frame to q, at most three, none longer than a minute and a bit.
	waits=$(grep -oP '\bpoll\(\[\{fd=0, events=POLLIN\}\], 1, \K[1-9][0-9]*' "$TMP/strace.log")
	that "idle: a few waits, not a busy loop ($(echo $waits))" [ "$(wc -w <<<"$waits")" -le 4 ]
	that "idle: each wait ends by the next minute" \
		bash -c "for w in $(echo $waits); do [ \$w -le 61000 ] || exit 1; done"
	that "idle: a wait of about a minute after the minute turned" \
		bash -c "for w in $(echo $waits); do [ \$w -ge 59000 ] && exit 0; done; exit 1"
	# Nor a poll that only looks for typeahead at each refresh: the one
	# look left follows a wait that timed out (is the terminal still there?).
	looks=$(grep -c 'poll(\[{fd=0, events=POLLIN}\], 1, 0)' "$TMP/strace.log")
	timeouts=$(grep -cE 'poll\(\[\{fd=0, events=POLLIN\}\], 1, [1-9][0-9]*\) = 0' "$TMP/strace.log")
	that "idle: drawing looks for no typeahead ($looks looks, $timeouts time-outs)" [ "$looks" -le "$timeouts" ]
	# No file is opened between the first wait and the end.
	opened=$(awk '/poll\(.*, [1-9]/ {w = 1} w && /open(at)?\(/' "$TMP/strace.log")
	that "idle: drawing opens no file ($opened)" [ -z "$opened" ]
	# Three frames (Today, the timeline, the minute after) and the set-up
	# and ending around them: a frame is one write, not one per move.
	writes=$(grep -cE '^[0-9]+ +write\(1,' "$TMP/strace.log")
	that "each frame leaves in one write ($writes writes to the terminal)" [ "$writes" -le 16 ]
else
	echo "skip: idle checks (strace cannot trace here)"
fi
finish idle

summary
