#!/usr/bin/env bash
# next --format json: the fields waybar reads, valid JSON whatever the
# titles hold (the escaper's control characters are in test_format).
# usage: tests/cli/cases/json.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

golden next-before.json --now '2026-11-25 10:00' --session "$S" next --format json
# whole_title FILE TITLE: the text is "in 23 h: TITLE", the milestone a day
# ahead at 09:00; "in 22 h" when the command took a second or more (the
# clock starts at --now and moves on: valgrind on a loaded machine).
whole_title() {
	local text
	text=$(jq -r .text "$1")
	[[ $text =~ ^in\ 2[23]\ h:\ (.*)$ ]] && [ "${BASH_REMATCH[1]}" = "$2" ]
}
run --protocol "$FIX/protocols/hostile.ini" --session "$S" --now '2026-11-29 10:00' next --format json
that "json: jq reads it" jq -e . "$TMP/out" >/dev/null
that "json: a title with quotes, backslashes and non-ASCII comes back whole" \
	whole_title "$TMP/out" 'No "acid" peels \ C:\serums — café ☀ 日本'
that "json: waybar's fields, with their types" jq -e '(.text | type) == "string" and
	(.tooltip | type) == "string" and (.class | type) == "string" and (.alt | type) == "string" and
	(.percentage | type) == "number" and .percentage >= 0 and .percentage <= 100' "$TMP/out" >/dev/null
that "json: the tooltip names the milestone and the practitioner" \
	bash -c "jq -r .tooltip ${TMP@Q}/out | grep -q 'practitioner' && jq -r .tooltip ${TMP@Q}/out | head -1 | grep -qF 'No \"acid\"'"
run --protocol "$FIX/protocols/hostile.ini" --session "$S" --now '2026-12-03 09:00' next --format json
that "json: a tab in a title becomes a space" [ "$(jq -r .text "$TMP/out")" = 'now: Tab here and there' ]
run --session "$S" --now '2028-01-01 00:00' next --format json
that "json: a complete course" [ "$(jq -r '.class + " " + (.percentage | tostring)' "$TMP/out")" = "complete 100" ]
run --config "$TMP/none.ini" next --format json
that "json with no session: an object all the same, with an empty alt" \
	[ "$RC" -eq 0 ] && [ "$(jq -r '.class + "|" + .alt + "|" + .text' "$TMP/out")" = "none||no session booked" ]
status "--format json belongs to next" 2 "--format json: only next has it" --session "$S" today --format json
status "--format takes text, tsv or json" 2 "expected text, tsv or json" --session "$S" next --format xml

summary
