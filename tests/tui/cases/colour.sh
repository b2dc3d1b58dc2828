#!/usr/bin/env bash
# Colour, NO_COLOR and color = no.
# usage: tests/tui/cases/colour.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

launch colour 80 24 -- --session "$S" --now "$DAY3"
shown colour "Day 3"
that "with colours the screen has colour escapes" colour colour
tm send-keys -t colour q
ended colour 0
finish colour
launch nocolour 80 24 NO_COLOR=1 -- --session "$S" --now "$DAY3"
shown nocolour "Day 3"
that "NO_COLOR: no colour escapes" no_colour nocolour
bold() { tm capture-pane -e -p -t "$1" | grep -qP '\e\[(?:\d+;)*1(?:;|m)'; }
that "NO_COLOR: still bold and reverse (readable in monochrome)" bold nocolour
tm send-keys -t nocolour q
ended nocolour 0
finish nocolour
mkdir -p "$TMP/mono"
printf '[display]\ncolor = no\n\n[session.1]\nstart = 2026-12-02 10:30\nzone = Europe/Berlin\n' \
	>"$TMP/mono/config.ini"
launch mono 80 24 -- --config "$TMP/mono/config.ini" --now "$DAY3"
shown mono "Day 3"
that "color = no in the configuration: no colour escapes" no_colour mono
tm send-keys -t mono q
ended mono 0
finish mono

summary
