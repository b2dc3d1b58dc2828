#!/usr/bin/env bash
# The journal's charts, wide, narrow and in ASCII; a check-in that trips
# no rule.
# usage: tests/tui/cases/journal.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

CH="$TMP/ch-state"
clog() { XDG_STATE_HOME="$CH" "$NC" --protocol "$CARE" --session "$S" --now "$1" log "${@:2}" >/dev/null 2>&1; }
clog '2026-12-02 18:00:00' redness=3 swelling=2 pain=2
clog '2026-12-03 12:00:00' redness=2 swelling=1 dryness=1 pain=1
clog '2026-12-04 12:00:00' redness=2 swelling=1 dryness=2 pain=1 "photo=$PHOTO"
clog '2026-12-05 08:00:00' redness=2 dryness=3 pain=0 note=flaky
launch ch 80 24 XDG_STATE_HOME="$CH" -- --session "$S" --now "$DAY3"
shown ch "Day 3"
tm send-keys -t ch J
screen ch journal.txt
tm send-keys -t ch Right
expect ch "     3  4  5  6  7  8  9  10 11 12 13" "Right: later days"
tm send-keys -t ch .
screen ch journal.txt
tm resize-window -t ch -x 50 -y 16
screen ch journal-50x16.txt
tm send-keys -t ch End
screen ch journal-50x16-end.txt
tm resize-window -t ch -x 80 -y 24
# A check-in that trips no rule: saved, then the chart.
tm send-keys -t ch i
shown ch "[ Save check-in ]"
tm send-keys -t ch 1 End Enter
expect ch "Check-in saved: day 3 after session 1." "a check-in without warning is saved"
expect ch " Journal" "... and the journal shows next"
tm send-keys -t ch q
ended ch 0
no_errors ch
finish ch
launch cha 80 24 XDG_STATE_HOME="$CH" LANG=C NO_COLOR=1 -- --session "$S" --now "$DAY3"
shown cha "Day 3"
tm send-keys -t cha J
screen cha journal-ascii.txt
that "the ASCII chart is plain ASCII" bash -c "! tmux -L $SRV capture-pane -p -t cha | grep -qP '[^\\x00-\\x7f]'"
that "NO_COLOR: the chart has no colour escapes" no_colour cha
tm send-keys -t cha q
ended cha 0
finish cha

summary
