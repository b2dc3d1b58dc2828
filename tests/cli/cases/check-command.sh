#!/usr/bin/env bash
# check: the problems of protocols and configurations, each at its line.
# usage: tests/cli/cases/check-command.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

run check
that "check passes on the defaults" [ "$RC" -eq 0 ] && grep -q 'ok' "$TMP/out"
status "check names every problem of a protocol" 3 "many-problems.ini:13" --protocol "$FIX/protocols/many-problems.ini" check
that "check reports all four problems" [ "$(grep -c 'many-problems.ini:' "$TMP/err")" -eq 4 ]
status "check names the problems of a configuration" 3 "bad-many.ini:30" --config "$FIX/config/bad-many.ini" check
that "check reports every configuration problem" [ "$(grep -c 'bad-many.ini:' "$TMP/err")" -eq 10 ]
status "check validates a practitioner's override" 0 "" --protocol "$FIX/protocols/override.ini" check
status "a window ending before its start is named" 3 "end-before-start.ini:3: end = -7d comes before start = +7d" --protocol "$FIX/protocols/end-before-start.ini" check
status "a binary protocol file" 3 "NUL byte" --protocol "$FIX/protocols/nul.ini" check
status "a folder as protocol" 3 "is a folder" --protocol /tmp/ check
status "a missing protocol file" 3 "does not exist" --protocol /nonexistent.ini check
status "other commands stop on a bad configuration" 3 "bad-many.ini:6" --config "$FIX/config/bad-many.ini" today
run --protocol "$FIX/protocols/clinic-typo.ini" check
that "a typo in a clinic's file is reported at its own line, not in the protocol it extends" \
	bash -c "[ $RC -eq 3 ] && grep -q 'clinic-typo.ini:7: end: unknown unit' '$TMP/err' && ! grep -q 'built in' '$TMP/err'"
run --protocol "$FIX/protocols/lint.ini" check
that "check fails on check-ins with no normal ranges" [ "$RC" -eq 3 ] && grep -q 'lint.ini: offers check-ins but has no \[normal\] ranges' "$TMP/err"
that "check warns on a critical milestone, at its line" grep -q 'lint.ini:12: warning: \[alarm\] has urgency = critical' "$TMP/err"
that "check warns on an hour offset that lands at night" grep -q 'lint.ini:19: warning: \[wash\] start = +8h falls in the night' "$TMP/err"
for p in microneedling prp rf at-home; do
	run --protocol "$p" check
	that "the shipped $p protocol is clean" [ "$RC" -eq 0 ] && [ ! -s "$TMP/err" ] && grep -q "warning-sign rules, ok" "$TMP/out"
done

summary
