#!/usr/bin/env bash
# Booking, later: b to move the session, n for a second one, then cancel
# both. Starts from the course the first booking makes (booking-first),
# booked here with the command line.
# usage: tests/tui/cases/booking-move.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

# The course booking-first leaves: session 1 on 2 Dec 10:30 with prp and a
# yes to cold sores, booked on 25 Nov.
XDG_CONFIG_HOME="$BOOKCFG" "$NC" --now '2026-11-25 10:00:00' --protocol prp \
	book 2026-12-02 10:30 >/dev/null 2>&1
XDG_CONFIG_HOME="$BOOKCFG" "$NC" screen cold-sores=yes >/dev/null 2>&1

launch move 80 24 XDG_CONFIG_HOME="$BOOKCFG" -- --now '2026-11-25 10:00:00'
shown move "Session in 7 days"
tm send-keys -t move b
screen move booking-course.txt
# At the smallest size the whole form still shows.
tm resize-window -t move -x 50 -y 16
screen move booking-50x16.txt
tm resize-window -t move -x 80 -y 24
screen move booking-course.txt
tm send-keys -t move Up Enter
expect move "Change session 1: a new date moves it" "Enter on a session changes it"
tm send-keys -t move -N 5 BSpace
tm send-keys -t move 11:00
expect move "✓ Wed 2 Dec 2026 11:00 (in 7 days)"
tm send-keys -t move Down Down Down
expect move "[ Save session 1 ]"
tm send-keys -t move Enter
expect move "Moved to: session on Wed 2 Dec 2026 11:00." "saving moves it"
that "the configuration has the moved session" grep -qx 'start = 2026-12-02 11:00' "$CFG"
that "... and only that one" [ "$(grep -c '^start = ' "$CFG")" = 1 ]
# n: a second session.
tm send-keys -t move b
shown move "+ New session"
tm send-keys -t move n 2027-01-06 Space 10:30
expect move "✓ Wed 6 Jan 2027 10:30 (in 42 days)"
tm send-keys -t move Down Down Down Enter
expect move "Booked: session on Wed 6 Jan 2027 10:30. The course has 2 sessions" "n books another session"
that "the configuration has both sessions" \
	[ "$(grep '^start = ' "$CFG" | tr '\n' ' ')" = "start = 2026-12-02 11:00 start = 2027-01-06 10:30 " ]
# Cancel the first, then the other.
tm send-keys -t move b
shown move "+ New session"
tm send-keys -t move Up Up Enter Down Down Down Down
expect move "[ Cancel session 1 ]"
tm send-keys -t move Enter
expect move "[ Press Enter again to cancel session 1 ]" "cancelling asks first"
tm send-keys -t move Enter
expect move "Cancelled: session on Wed 2 Dec 2026 11:00. The course has 1 session" "Enter again cancels"
that "the configuration keeps the other session" \
	[ "$(grep '^start = ' "$CFG")" = "start = 2027-01-06 10:30" ]
tm send-keys -t move b
shown move "+ New session"
tm send-keys -t move Up Enter Down Down Down Down Enter Enter
expect move "Cancelled: session on Wed 6 Jan 2027 10:30." "the last session is cancelled"
that "the configuration has no session left" bash -c "! grep -q '^\\[session' '$CFG'"
expect move "No session is booked yet." "Today says there is none"
tm send-keys -t move q
ended move 0
no_errors move
finish move

summary
