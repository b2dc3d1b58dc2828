#!/usr/bin/env bash
# Today, the first screen, at 80x24; live resizing; too small; scrolling.
# usage: tests/tui/cases/today.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

launch today 80 24 -- --session "$S" --now "$DAY3"
shown today "Day 3 after your session"
screen today today.txt
tm resize-window -t today -x 60 -y 20
screen today today-60x20.txt
tm resize-window -t today -x 80 -y 24
screen today today.txt
tm resize-window -t today -x 40 -y 12
expect today "Terminal too small: 40×12." "below 50x16 it says the terminal is too small"
that "nothing else is drawn when too small" gone today "In force"
tm resize-window -t today -x 80 -y 24
screen today today.txt
# Scrolling: End shows what comes up; Home goes back.
tm send-keys -t today End
screen today today-end.txt
tm send-keys -t today Home
screen today today.txt
tm send-keys -t today PageDown
expect today "more above" "PgDn scrolls Today"
tm send-keys -t today PageUp
screen today today.txt
tm send-keys -t today q
ended today 0
no_errors today
finish today

summary
