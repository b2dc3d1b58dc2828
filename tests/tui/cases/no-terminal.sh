#!/usr/bin/env bash
# No terminal, TERM=dumb, and a configuration with problems.
# usage: tests/tui/cases/no-terminal.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

out=$("$NC" --protocol "$CARE" --session "$S" --now "$DAY3" </dev/null 2>"$TMP/err")
that "no terminal: the today view" grep -q "^Day 3 after session 1 of 1" <<<"$out"
that "no terminal: one line on how to open the interface" \
	grep -qx "needlecare: showing the today view; run needlecare in a terminal (TERM set, not dumb) to open the interface" "$TMP/err"
launch dumb 80 60 TERM=dumb -- --session "$S" --now "$DAY3"
ended dumb 0
expect dumb "Day 3 after session 1 of 1" "TERM=dumb: the today view"
that "TERM=dumb: the hint on standard error" grep -q "open the interface" "$TMP/dumb.err"
finish dumb
ERR=pane launch invalid 80 24 -- --config "$FIX/config/bad-many.ini" --now "$DAY3"
ended invalid 3
expect invalid "bad-many.ini:6" "a bad configuration is reported, and the screen never opens"
finish invalid

summary
