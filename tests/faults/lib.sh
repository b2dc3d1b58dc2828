# Helpers shared by the tests that run inside a private D-Bus session
# with a mock notification server: faults, clock, privacy and notify's
# bus.sh (sourced, not run, from the top folder). Expects TMP (a private
# folder).
. tests/lib.sh
PY=/usr/bin/python3
LOG="$TMP/mock.log"
SERVER=

wait_name() { for _ in $(seq 200); do has_notifier && return 0; sleep 0.05; done; return 1; }
wait_gone() { for _ in $(seq 200); do has_notifier || return 0; sleep 0.05; done; return 1; }
start_mock() {
	[ -n "$SERVER" ] && stop_server
	: > "$LOG"
	$PY -m dbusmock --session --template notification_daemon -l "$LOG" >/dev/null 2>&1 &
	SERVER=$!
	wait_name
}
stop_server() {
	[ -n "$SERVER" ] || return 0
	kill "$SERVER" 2>/dev/null
	wait "$SERVER" 2>/dev/null
	SERVER=
	wait_gone
}
# How many notifications the mock server received, and how many carried
# a summary.
sent() { grep -c ' Notify ' "$LOG"; }
# titled TEXT: how many notifications have TEXT in their summary or body.
titled() { notes | grep -cF -- "$1"; }
export -f notes
export LOG

# Files beside PATH left by a save that was cut short (PATH.XXXXXX).
leftovers() { find "$(dirname "$1")" -maxdepth 1 -name "$(basename "$1").??????" | sort; }

# The end of a suite: its counts, last.
finish() {
	stop_server
	summary
}
