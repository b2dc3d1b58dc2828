#!/usr/bin/env bash
# The interface in the patient's language: Today and Help at 80x24 under
# es_ES.UTF-8, against expected Spanish screens (nothing cut mid-word, the
# key hints fit), Help at its end, and each other screen as it opens; the
# shipped protocol, whose texts have their Spanish.
# usage: tests/tui/cases/spanish.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"
if ! spanish "$NC"; then
	bad "the Spanish locale could be made"
	summary
	exit
fi

CARE_FILE=microneedling launch es 80 24 "${ES_ENV[@]}" -- --session "$S" --now "$DAY3"
shown es "Día 3"
screen es es-today.txt
tm send-keys -t es '?'
screen es es-help.txt
tm send-keys -t es End
screen es es-help-end.txt
tm send-keys -t es Escape
shown es "Día 3"
# Check-in last: it takes digits as ratings, as Booking's date field
# does (Booking in a run of its own, below).
for k in 2:calendario 3:lista 6:diario 7:cuestionario 5:registro; do
	tm send-keys -t es "${k%%:*}"
	screen es "es-${k#*:}.txt"
done
tm send-keys -t es q
ended es 0
no_errors es
finish es

CARE_FILE=microneedling launch esb 80 24 "${ES_ENV[@]}" -- --session "$S" --now "$DAY3"
shown esb "Día 3"
tm send-keys -t esb 4
screen esb es-cita.txt
tm send-keys -t esb Escape q
ended esb 0
no_errors esb
finish esb

summary
