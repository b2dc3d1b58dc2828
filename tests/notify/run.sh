#!/usr/bin/env bash
# Notification tests: what happens with no bus at all, then, inside a
# private D-Bus session and an Xvfb display, a mock notification server for
# the many fast cases and dunst for the end-to-end ones (tests/notify/bus.sh).
# usage: tests/notify/run.sh path/to/needlecare
set -u
NC=$(realpath "$1")
cd "$(dirname "$0")/../.."
TMP=$(mktemp -d)
XVFB=
cleanup() {
	[ -n "$XVFB" ] && kill "$XVFB" 2>/dev/null && wait "$XVFB" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
. tests/lib.sh
private_home "$TMP"

CFG="$TMP/needlecare.ini"
printf '[course]\nprotocol = %s\n\n[session.1]\nstart = 2026-12-02 10:30\nzone = Europe/Berlin\nbooked = 2026-11-20 10:00:00\n' \
	"$PWD/tests/fixtures/protocols/notify.ini" > "$CFG"

# No session bus: no address and no $XDG_RUNTIME_DIR (also unset), and a
# live X display that GLib would otherwise use to start a bus of its own.
for runtime in unset empty; do
	start=$(date +%s%N)
	if [ $runtime = unset ]; then
		env -u DBUS_SESSION_BUS_ADDRESS -u XDG_RUNTIME_DIR DISPLAY=:99 \
			"$NC" --config "$CFG" --now '2026-11-30 09:00' notify >"$TMP/out" 2>"$TMP/err"
	else
		env -u DBUS_SESSION_BUS_ADDRESS XDG_RUNTIME_DIR="$TMP" DISPLAY=:99 \
			"$NC" --config "$CFG" --now '2026-11-30 09:00' notify >"$TMP/out" 2>"$TMP/err"
	fi
	rc=$?
	ms=$((($(date +%s%N) - start) / 1000000))
	that "no bus ($runtime XDG_RUNTIME_DIR): exit 5" [ $rc -eq 5 ]
	that "no bus ($runtime XDG_RUNTIME_DIR): one line saying why" \
		[ "$(wc -l < "$TMP/err")" -eq 1 ] && grep -q 'no D-Bus session bus' "$TMP/err"
	that "no bus ($runtime XDG_RUNTIME_DIR): at once (${ms} ms)" [ $ms -lt 3000 ]
	that "no bus: the milestone stays unsent" [ ! -s "$XDG_STATE_HOME/needlecare/state" ] || \
		! grep -q 'pause' "$XDG_STATE_HOME/needlecare/state"
done

# A display for dunst, on a free number.
Xvfb -displayfd 3 -nolisten tcp -screen 0 640x480x24 3>"$TMP/display" 2>"$TMP/xvfb.log" &
XVFB=$!
for _ in $(seq 200); do [ -s "$TMP/display" ] && break; sleep 0.05; done
export DISPLAY=":$(head -n1 "$TMP/display")"

dbus-run-session --config-file=tests/notify/session.conf -- bash tests/notify/bus.sh "$NC" "$CFG" "$TMP" > "$TMP/bus.out" 2>&1
# Its own closing line is folded into ours.
grep -vE '^[0-9]+ passed, [0-9]+ failed$|Failed to set fd limit' "$TMP/bus.out"
read -r p f < <(awk '/^[0-9]+ passed, [0-9]+ failed$/ { p = $1; f = $3 } END { print p + 0, f + 0 }' "$TMP/bus.out")
grep -qE '^[0-9]+ passed, [0-9]+ failed$' "$TMP/bus.out" || f=$((f + 1))
pass=$((pass + p))
fail=$((fail + f))
summary
