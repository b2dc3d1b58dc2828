#!/usr/bin/env bash
# Screens by Tab, Shift-Tab, digits and letters; help and back; C-l
# redraws. Starts on the timeline.
# usage: tests/tui/cases/screen-keys.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

launch tl 80 24 -- --session "$S" --now "$DAY3"
shown tl "Day 3"
tm send-keys -t tl l
screen tl timeline.txt
# Screens by Tab, Shift-Tab, digits and letters; help and back.
step() {
	tm send-keys -t tl "$1"
	expect tl "$2" "key $1 shows $3"
}
step Tab " Checklist" "the checklist after the timeline"
step Tab " Booking" "booking after the checklist"
step Tab " Check-in" "the check-in after booking"
step Tab " Journal" "the journal after the check-in"
step Tab " Screening" "screening after the journal"
step Tab "Day 3 after your session" "today after screening"
step BTab " Screening" "Shift-Tab goes back"
step BTab " Journal" "Shift-Tab goes back again"
step 4 " Booking" "4: booking"
# The date field has the focus (no session is configured): digits go
# into it. Esc leaves the field; then digits choose screens.
tm send-keys -t tl 1
expect tl "[1                 ]" "a digit is typed into the date field"
step Escape " Booking" "Esc leaves the field"
step 1 "Day 3 after your session" "1: today"
step 2 " Timeline" "2: timeline"
step 3 " Checklist" "3: checklist"
step 4 " Booking" "4: booking"
step 8 " Help" "8: help"
step Escape " Booking" "Esc: back from help"
step '?' " Help" "?: help"
step '?' " Booking" "? again: back"
step t "Day 3 after your session" "t: today"
step c " Checklist" "c: checklist"
step b " Booking" "b: booking"
step Escape " Booking" "Esc leaves the field"
step 5 " Check-in" "5: check-in, after booking as Tab goes"
# On a rating the digits are the rating: letters still choose screens.
step J " Journal" "J: journal"
step 7 " Screening" "7: screening"
step 6 " Journal" "6: journal"
step i " Check-in" "i: check-in"
step s " Screening" "s: screening"
step l " Timeline" "l: timeline"
tm send-keys -t tl C-l
screen tl timeline.txt
tm send-keys -t tl q
ended tl 0
no_errors tl
finish tl

summary
