#!/usr/bin/env bash
# Screening: after the first booking, and from Today.
# usage: tests/tui/cases/screening.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

SC="$TMP/sc-config"
launch sc 80 24 XDG_CONFIG_HOME="$SC" -- --now '2026-11-25 10:00:00'
shown sc "Book your session"
tm send-keys -t sc 2026-12-02 Space 10:30 Down Down Down Enter
expect sc " Screening" "the first booking with nothing answered opens the screening"
expect sc "Booked: session on Wed 2 Dec 2026 10:30." "and the status line says it was booked"
screen sc screening.txt
tm send-keys -t sc n y
expect sc "2 of 19 answered" "y and n answer, and go on to the next question"
that "the answers are saved in [screening]" bash -c \
	"grep -qx 'pregnant = no' '$SC/needlecare/config.ini' && grep -qx 'isotretinoin = yes' '$SC/needlecare/config.ini'"
that "... as needlecare screen reads them" bash -c \
	"XDG_CONFIG_HOME='$SC' '$NC' screen --list | grep -q '^isotretinoin  *yes '"
tm send-keys -t sc t
screen sc today-discuss.txt
that "it never says that someone cannot be treated" bash -c \
	"! tmux -L $SRV capture-pane -p -t sc | grep -qi 'cannot be treated'"
tm send-keys -t sc s
expect sc " Screening" "s reaches the screening later"
tm send-keys -t sc Up Right
expect sc "Saved: isotretinoin = no" "Right changes an answer"
tm send-keys -t sc q
ended sc 0
no_errors sc
finish sc
launch sc2 80 24 XDG_CONFIG_HOME="$SC" -- --now '2026-11-25 10:00:00'
expect sc2 "Session in 7 days" "the screening opens once: later, Today"
tm send-keys -t sc2 q
ended sc2 0
finish sc2

summary
