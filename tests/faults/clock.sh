#!/usr/bin/env bash
# Exactly once, under concurrency and when time misbehaves:
#  - three notify passes and a daemon started together deliver each
#    milestone once, and record it once;
#  - the clock set forward across several milestones, set back, a change
#    of time zone and a suspend across several milestones, each driven
#    through the daemon's test hook (NEEDLECARE_TEST_EVENTS and SIGUSR1,
#    see daemon.c), which takes the same branch of its loop as the real
#    event; the real clock and zone are never touched.
# Runs itself inside a private D-Bus session with a mock notification
# server. usage: tests/faults/clock.sh path/to/needlecare
set -u
NC=$(realpath "$1")
cd "$(dirname "$0")/../.."
ROOT=$PWD
. tests/lib.sh
in_test_bus tests/faults/clock.sh "$NC"
TMP=$(mktemp -d)
DAEMON=
PIDS=
cleanup() {
	for pid in $DAEMON $PIDS; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
	stop_server
	rm -rf "$TMP"
}
trap cleanup EXIT
. tests/faults/lib.sh
private_home "$TMP"
STATE="$XDG_STATE_HOME/needlecare/state"
EVENTS="$TMP/events"
CFG="$TMP/needlecare.ini"
# tests/fixtures/protocols/notify.ini, for a session on 2 December 10:30:
#   pause 30 Nov 09:00 (ends 3 Dec 09:00), prep1 1 Dec 09:00, prep2 1 Dec
#   12:00, prep3 2 Dec 07:30, prep4 2 Dec 09:30, begin and with 2 Dec 10:30
#   (one notification), call 11:30, late-night 22:30 (quiet hours: 3 Dec
#   08:00); silent is never announced.
printf '[course]\nprotocol = %s\n\n[session.1]\nstart = 2026-12-02 10:30\nzone = Europe/Berlin\nbooked = 2026-11-20 10:00:00\n' \
	"$ROOT/tests/fixtures/protocols/notify.ini" > "$CFG"
IDS="pause prep1 prep2 prep3 prep4 begin with call late-night"

fresh() { rm -rf "$XDG_STATE_HOME"; start_mock; }
# start_daemon NOW: returns once the daemon has blocked SIGUSR1 to read
# it from its signalfd: a test event signalled before that would kill it,
# and a slow start (the sanitizer build, a loaded machine) outlasts any
# fixed pause.
start_daemon() {
	NEEDLECARE_TEST_EVENTS="$EVENTS" "$NC" --config "$CFG" --now "$1" daemon >"$TMP/daemon.out" 2>&1 &
	DAEMON=$!
	local end=$(( ${EPOCHREALTIME/./} + 10000000 )) blocked
	while (( ${EPOCHREALTIME/./} < end )); do
		blocked=$(awk '/^SigBlk:/ { print $2 }' "/proc/$DAEMON/status" 2>/dev/null)
		[ -n "$blocked" ] && (( 0x$blocked & (1 << 9) )) && break
		sleep 0.02
	done
}
stop_daemon() {
	kill -TERM "$DAEMON" 2>/dev/null
	wait "$DAEMON" 2>/dev/null
	DAEMON=
}
# event LINE: tells the daemon that the clock, the zone or the power state
# changed, and returns once it has read the line: the file is read again
# at each signal, so a second event written before the daemon read the
# first would replace it (a fixed pause is not enough on a loaded
# machine). The read shows in the file's access time, which relatime
# moves past the time it was written; 10 s at most, should it not.
event() {
	printf '%s\n' "$1" > "$EVENTS"
	kill -USR1 "$DAEMON"
	local end=$(( ${EPOCHREALTIME/./} + 10000000 ))
	while [[ "$(stat -c %x "$EVENTS")" < "$(stat -c %y "$EVENTS")" ]]; do
		(( ${EPOCHREALTIME/./} < end )) || break
		sleep 0.01
	done
}
# wait_sent N: until the server has N notifications (20 s at most: the
# suites run side by side), then a moment more, so that a duplicate would
# have time to arrive.
wait_sent() {
	local end=$(( ${EPOCHREALTIME/./} + 20000000 ))
	until [ "$(sent)" -ge "$1" ]; do
		(( ${EPOCHREALTIME/./} < end )) || break
		sleep 0.05
	done
	sleep 0.5
}
# No mark twice in the state, and those named recorded as sent once.
once() {
	local id n dup
	dup=$(tail -n +2 "$STATE" | cut -f1-3 | sort | uniq -d)
	[ -z "$dup" ] || { echo "  recorded twice: $dup"; return 1; }
	for id in "$@"; do
		n=$(grep -c $'^sent\t[^\t]*\t'"$id"$'\t' "$STATE" 2>/dev/null)
		[ "$n" -eq 1 ] || { echo "  $id is recorded $n times"; return 1; }
	done
}

# --- three passes and a daemon, started together, five times over
for round in 1 2 3 4 5; do
	fresh
	start_daemon '2026-12-02 10:30'
	PIDS=
	for _ in 1 2 3; do
		"$NC" --config "$CFG" --now '2026-12-02 10:30' notify >/dev/null 2>&1 &
		PIDS="$PIDS $!"
	done
	wait $PIDS
	PIDS=
	wait_sent 2
	that "together, round $round: two notifications, once each (got $(sent))" [ "$(sent)" -eq 2 ]
	that "together, round $round: the catch-up summary once" [ "$(titled 'while needlecare was not running')" -eq 1 ]
	that "together, round $round: the pair once" [ "$(titled '"2 care reminders"')" -eq 1 ]
	that "together, round $round: each milestone recorded once" once pause prep1 prep2 prep3 prep4 begin with
	# And at the next milestone: the daemon is woken by a clock event while
	# three passes run at the same moment.
	event 'clock 2026-12-02 11:30:00'
	PIDS=
	for _ in 1 2 3; do
		"$NC" --config "$CFG" --now '2026-12-02 11:30' notify >/dev/null 2>&1 &
		PIDS="$PIDS $!"
	done
	wait $PIDS
	PIDS=
	wait_sent 3
	that "together, round $round: the next milestone once (got $(titled 'Call the clinic'))" [ "$(titled 'Call the clinic')" -eq 1 ]
	that "together, round $round: and recorded once" once call
	stop_daemon
done

# --- the clock set forward across several milestones
fresh
start_daemon '2026-11-29 12:00'
sleep 0.5
that "nothing is due before the first milestone" [ "$(sent)" -eq 0 ]
event 'clock 2026-12-02 09:40:00'
wait_sent 2
that "clock forward: the four late ones as one summary, the one on time alone (got $(sent))" [ "$(sent)" -eq 2 ]
that "clock forward: the summary lists the late ones" \
	bash -c "notes | grep -F '4 care reminders while needlecare was not running' | grep -qF 'Prepare three'"
that "clock forward: the one 10 minutes late is not called late" \
	bash -c "notes | grep -F 'Prepare four' | grep -vq 'Late:'"
that "clock forward: each recorded once" once pause prep1 prep2 prep3 prep4

# --- set back a day: nothing is sent again; the daemon waits for what
# is still ahead from the new now
event 'clock 2026-12-01 09:00:00'
sleep 1
that "clock back: nothing is sent again (got $(sent))" [ "$(sent)" -eq 2 ]
event 'clock 2026-12-02 10:29:58'
start=$(date +%s%N)
wait_sent 3
ms=$((($(date +%s%N) - start) / 1000000))
that "clock back then on: the next milestone arrives" [ "$(titled '"2 care reminders"')" -eq 1 ]
that "clock back then on: at its time, not before (after ${ms} ms)" [ $ms -ge 1500 ]
# (Seconds, not the minute a missed wake-up would cost: leave room for a
# loaded machine.)
that "clock back then on: within a few seconds of it" [ $ms -lt 12000 ]
that "clock back then on: each recorded once" once pause prep1 prep2 prep3 prep4 begin with

# --- a change of time zone: 22:30 in Berlin is 16:30 in New York, outside
# the quiet hours there; the appointment stays 10:30 Berlin time.
event 'zone America/New_York'
event 'clock 2026-12-02 16:29:58'
wait_sent 5
that "zone change: the milestone due at 11:30 Berlin (05:30 New York) was sent late" [ "$(titled 'Call the clinic')" -eq 1 ]
that "zone change: the night reminder is sent at 16:30 New York time, not held for quiet hours" \
	[ "$(titled 'Night reminder')" -eq 1 ]
# A calendar step lands at the reminder time where the patient now is: the
# end of the pause window at 09:00 New York time (15:00 in Berlin).
event 'clock 2026-12-03 08:59:58'
sleep 1
that "zone change: the window's end is not sent at 09:00 Berlin time" [ "$(titled 'Retinol may come back')" -eq 0 ]
wait_sent 6
that "zone change: the window's end arrives at 09:00 New York time" [ "$(titled 'Retinol may come back')" -eq 1 ]
that "zone change: each recorded once" once $IDS
stop_daemon

# --- a suspend across several milestones: all of them when it resumes,
# the routine ones as one summary, the critical one on its own, once
fresh
start_daemon '2026-11-29 12:00'
sleep 0.5
event 'suspend 259200'
wait_sent 2
that "suspend: one summary and the critical one on resume (got $(sent))" [ "$(sent)" -eq 2 ]
that "suspend: it counts the seven routine ones (six milestones and the pair)" \
	[ "$(titled '7 care reminders while needlecare was not running')" -eq 1 ]
that "suspend: the critical one goes alone" [ "$(titled '"Call the clinic if it blisters"')" -eq 1 ]
that "suspend: each recorded once" once pause prep1 prep2 prep3 prep4 begin with call
# Sleeping through the night milestone: it waits for the end of the quiet
# hours, where the daemon sets its next wake-up.
event 'suspend 39600'
sleep 1
that "suspend into the quiet hours: the night reminder waits" [ "$(titled 'Night reminder')" -eq 0 ]
event 'clock 2026-12-03 07:59:58'
wait_sent 3
that "suspend: the night reminder comes when the quiet hours end" [ "$(titled 'Night reminder')" -eq 1 ]
that "suspend: each recorded once" once $IDS
that "the daemon said nothing unexpected" bash -c "! grep -v 'Failed to set fd limit' '$TMP/daemon.out' | grep -q ."
stop_daemon

finish
