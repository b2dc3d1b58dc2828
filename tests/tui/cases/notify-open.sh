#!/usr/bin/env bash
# Notifications sent while the interface is open, to a private mock
# server. Booked at 10:29, one minute before three announcements fall due
# at 10:30.
# usage: tests/tui/cases/notify-open.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

start_bus || echo "skip: the notification cases (no dbus-run-session or python3-dbusmock)"

mkdir -p "$TMP/due"
DUECFG="$TMP/due/config.ini"
printf '[session.1]\nstart = %s\nzone = Europe/Berlin\nbooked = 2026-12-05 10:29:00\n' "$S" >"$DUECFG"
if [ -n "$BUS" ]; then
	before=$(count_notes)
	launch ns 80 24 XDG_STATE_HOME="$TMP/ns-state" "${BUSENV[@]}" -- --config "$DUECFG" \
		--now '2026-12-05 10:29:57'
	shown ns " Check-in"
	tm send-keys -t ns l
	shown ns " Timeline"
	that "what falls due while it is open is sent" arrived $((before + 1))
	that "... once" [ "$(count_notes)" = $((before + 1)) ]
	that "... as one notification of the three due together" note_has '"3 care reminders"'
	# The state is written after the server answered: on a loaded machine
	# a moment later than the notification shows, and the moment recorded
	# may be a second or more past 10:30 (the clock moves on from --now).
	recorded() { [ "$(grep -scP '^sent(-end)?\t2026-12-02 10:30 Europe/Berlin\t(sun-strict|sweat|checkin-72h)\t2026-12-05 09:30:[0-5][0-9]$' "$TMP/ns-state/needlecare/state")" = 3 ]; }
	start_wait
	until recorded; do waiting || break; done
	if recorded; then ok; else
		bad "... and recorded as sent" "$(grep -s '^sent' "$TMP/ns-state/needlecare/state")"
	fi
	start_wait
	until choose ns Up "No hard exercise, hot yoga or heavy sweating" &&
		snap ns | grep -qF "end sent Sat 5 Dec 2026 10:30"; do waiting || break; done
	screen ns timeline-sent.txt
	choose ns Down "Your skin barrier has largely recovered"
	expect ns "Notification: not announced (notify = no)" "notify = no: not announced"
	tm send-keys -t ns q
	ended ns 0
	no_errors ns
	finish ns
fi

summary
