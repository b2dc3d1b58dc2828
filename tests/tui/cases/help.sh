#!/usr/bin/env bash
# Help: generated from the table of actions; every key it names is in
# the manual.
# usage: tests/tui/cases/help.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

launch help 80 24 -- --session "$S" --now "$DAY3"
shown help "Day 3"
tm send-keys -t help '?'
screen help help.txt
tm send-keys -t help End
screen help help-end.txt
# Every key the help names is in the manual's key list (the words of its
# .It lines; arrows are named Up, Down, Left, Right there).
help_keys() {
	sed -n 's/^   \([^ ].\{16\}\).*/\1/p' | tr ' ' '\n' | grep -v '^$' |
		sed -e 's/^↑$/Up/' -e 's/^↓$/Down/' -e 's/^←$/Left/' -e 's/^→$/Right/'
}
man_keys() {
	sed -n '/^\.Sh INTERFACE/,/^\.Sh /p' man/needlecare.1 | grep '^\.It' |
		sed -e 's/\\&//g' -e 's/\\-/-/g' | tr ' ' '\n'
}
tm send-keys -t help Home
shown help "Everywhere"
all_help=$(snap help)
tm send-keys -t help End
gone help "Everywhere"
all_help+=$'\n'$(snap help)
missing=$(comm -23 <(help_keys <<<"$all_help" | sort -u) <(man_keys | sort -u) | tr '\n' ' ')
that "the manual's INTERFACE section names every key of the help (missing: $missing)" \
	[ -z "$missing" ]
tm send-keys -t help q
ended help 0
no_errors help
finish help

summary
