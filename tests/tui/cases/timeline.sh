#!/usr/bin/env bash
# Timeline: grouped by phase, the now line, spans, the detail pane (its
# first line, line 17, is the selected milestone), dimmed past, full text.
# usage: tests/tui/cases/timeline.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

launch tl 80 24 -- --session "$S" --now "$DAY3"
shown tl "Day 3"
tm send-keys -t tl l
screen tl timeline.txt
pane_is tl "Your skin barrier has largely recovered" "opening the timeline"
tm send-keys -t tl G
pane_is tl "A maintenance session may be due" "G"
tm send-keys -t tl g
pane_is tl "Go through screening with your practitioner" "g"
tm send-keys -t tl j
pane_is tl "Taken isotretinoin in the last 6 months? Say so" "j"
tm send-keys -t tl Down
pane_is tl "No tanning beds, self-tanner or sunburn" "Down"
tm send-keys -t tl k
pane_is tl "Taken isotretinoin in the last 6 months? Say so" "k"
tm send-keys -t tl Up
pane_is tl "Go through screening with your practitioner" "Up"
tm send-keys -t tl End
pane_is tl "A maintenance session may be due" "End"
tm send-keys -t tl Home
pane_is tl "Go through screening with your practitioner" "Home"
tm send-keys -t tl NPage
start_wait
while [ "$(pane tl)" = " Go through screening with your practitioner" ]; do waiting || break; done
that "PgDn selects a milestone a page further" \
	[ "$(pane tl)" != " Go through screening with your practitioner" ]
tm send-keys -t tl PPage
pane_is tl "Go through screening with your practitioner" "PgUp"
tm send-keys -t tl .
pane_is tl "Your skin barrier has largely recovered" ". (back to now)"
# Past milestones are dimmed (SGR 2), the ones ahead are not.
dimmed() { tm capture-pane -e -p -t "$1" | grep -F -- "$2" | grep -qF $'\e[2m'; }
that "past milestones are dimmed" dimmed tl "24-hour check-in"
not_dimmed() { ! dimmed "$@"; }
that "milestones ahead are not dimmed" not_dimmed tl "One-week check-in"
# Enter: the full text on its own screen; Esc back.
tm send-keys -t tl Enter
screen tl timeline-full.txt
tm send-keys -t tl Escape
screen tl timeline.txt
# Narrow: no pane; Enter opens the text, Enter again closes it.
tm resize-window -t tl -x 60 -y 20
screen tl timeline-60x20.txt
tm send-keys -t tl Enter
screen tl timeline-60x20-full.txt
tm send-keys -t tl Enter
screen tl timeline-60x20.txt
tm resize-window -t tl -x 80 -y 24
tm send-keys -t tl q
ended tl 0
no_errors tl
finish tl

summary
