#!/usr/bin/env bash
# No desktop: a notification that falls due while the interface is open
# does not hang it; the status line says so, and it stays unsent.
# usage: tests/tui/cases/notify-no-desktop.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

mkdir -p "$TMP/due"
DUECFG="$TMP/due/config.ini"
printf '[session.1]\nstart = %s\nzone = Europe/Berlin\nbooked = 2026-12-05 10:29:00\n' "$S" >"$DUECFG"
launch nb 80 24 XDG_STATE_HOME="$TMP/nb-state" -- --config "$DUECFG" --now '2026-12-05 10:29:58'
shown nb " Check-in"
tm send-keys -t nb l
expect nb "A notification fell due but could not be shown on the desktop" \
	"without a desktop the status line says a notification could not be shown"
that "... and it stays unsent" bash -c "! grep -qs '^sent' '$TMP/nb-state/needlecare/state'"
tm send-keys -t nb .
choose nb Up "72-hour check-in: is it calming down?"
expect nb "Notification: not sent yet" "the timeline says it was not sent yet"
tm send-keys -t nb q
ended nb 0
finish nb

summary
