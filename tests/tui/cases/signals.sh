#!/usr/bin/env bash
# Leaving by a signal: SIGTERM and SIGINT restore the terminal.
# usage: tests/tui/cases/signals.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

launch term 80 24 -- --session "$S" --now "$DAY3"
shown term "Day 3"
kill -TERM "$(nc_pid term)"
ended term 143
that "SIGTERM: no sanitizer report" bash -c "! grep -q Sanitizer '$TMP/term.err'"
finish term
launch int 80 24 -- --session "$S" --now "$DAY3"
shown int "Day 3"
tm send-keys -t int l
shown int " Timeline"
kill -INT "$(nc_pid int)"
ended int 130
finish int

summary
