#!/usr/bin/env bash
# LANG=C: plain ASCII.
# usage: tests/tui/cases/locale-ascii.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

launch ascii 80 24 LANG=C -- --session "$S" --now "$DAY3"
shown ascii "Day 3"
screen ascii today-ascii.txt
that "LANG=C draws plain ASCII" bash -c "! tmux -L $SRV capture-pane -p -t ascii | grep -qP '[^\\x00-\\x7f]'"
tm send-keys -t ascii c
screen ascii checklist-ascii.txt
tm send-keys -t ascii q
ended ascii 0
finish ascii

summary
