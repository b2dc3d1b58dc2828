#!/usr/bin/env bash
# A terminal that goes away: needlecare ends, and does not spin.
# usage: tests/tui/cases/hangup.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

# The shell in the pane ignores the hang-up and outlives the terminal, so
# no signal tells needlecare: only its closed input does.
HUPCFG="$TMP/hangup.ini" # a path that names this process for pgrep
tm new-session -d -s hup -x 80 -y 24 \
	"sh -c 'trap \"\" HUP; ${NC@Q} --config ${HUPCFG@Q} --protocol ${CARE@Q} --session \"$S\" --now \"$DAY3\"; :'"
expect hup "Day 3" "a session for the hang-up case"
tm kill-session -t hup
# ("[-]" keeps the pattern from matching the command line that holds it.)
start_wait
while pgrep -f -- "^[^ ]*needlecare [-]-config $HUPCFG" >/dev/null; do waiting || break; done
that "a closed terminal ends the interface at once" bash -c "! pgrep -f -- '^[^ ]*needlecare [-]-config $HUPCFG' >/dev/null"
pkill -f -- "^[^ ]*needlecare [-]-config $HUPCFG" 2>/dev/null

summary
