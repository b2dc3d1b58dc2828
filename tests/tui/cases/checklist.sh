#!/usr/bin/env bash
# Checklist: a tick is saved, survives a restart, shows elsewhere.
# usage: tests/tui/cases/checklist.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

launch ck 80 24 -- --session "$S" --now "$DAY3"
shown ck "Day 3"
tm send-keys -t ck c
screen ck checklist.txt
tm send-keys -t ck Space
expect ck "Ticked: 72-hour check-in: is it calming down?" "Space ticks the selected task"
expect ck "1 of 16 ticked"
that "the tick is saved in the state file" grep -qP \
	'^ticked\t2026-12-02 10:30 Europe/Berlin\tcheckin-72h\t2026-12-05 08:00:[0-5][0-9]$' "$STATE"
that "the state file has mode 0600" [ "$(stat -c %a "$STATE")" = 600 ]
tm send-keys -t ck q
ended ck 0
no_errors ck
finish ck
launch ck2 80 24 -- --session "$S" --now "$DAY3"
shown ck2 "Day 3"
tm send-keys -t ck2 End
expect ck2 "☑ 72-hour check-in: is it calming down?" "Today shows the tick after a restart"
tm send-keys -t ck2 c
screen ck2 checklist-ticked.txt
tm send-keys -t ck2 l
expect ck2 "☑ today 10:30            72-hour check-in" "the timeline shows the tick"
tm send-keys -t ck2 c
shown ck2 " Checklist"
tm send-keys -t ck2 Enter
expect ck2 "Unticked: 72-hour check-in" "Enter unticks"
that "the untick is saved" bash -c "! grep -q checkin-72h '$STATE'"
tm send-keys -t ck2 q
ended ck2 0
no_errors ck2
finish ck2

summary
