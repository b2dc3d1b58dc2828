#!/usr/bin/env bash
# Unread warnings come first in today, until log --ack; a pretend session
# says nothing of them; a check-in not logged is due for two days more,
# said once as missed, then never again.
# usage: tests/cli/cases/log-ack.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

golden_log log-day4-fever.txt microneedling '2026-12-06 10:00' fever=yes
run --session "$S" --now '2026-12-06 11:00' today
that "with --session, today says nothing of the real journal's warnings" bash -c "! grep -q 'not yet read' '$TMP/out'"
printf '[session.1]\nstart = 2026-12-02 10:30\nzone = Europe/Berlin\n' > "$TMP/ack.ini"
run --config "$TMP/ack.ini" --now '2026-12-06 11:00' today
that "today prints an unread warning first" \
	bash -c "head -n2 '$TMP/out' | grep -q '^WARNING: Fever or chills' && grep -q 'needlecare log --ack' '$TMP/out'"
run --config "$TMP/ack.ini" --now '2026-12-06 11:00' log --ack
that "log --ack acknowledges it" [ "$RC" -eq 0 ] && grep -qx 'Acknowledged: Fever or chills.' "$TMP/out"
run --config "$TMP/ack.ini" --now '2026-12-06 11:00' today
that "after which today no longer shows it" bash -c "! grep -q 'not yet read' '$TMP/out'"
run --config "$TMP/ack.ini" --now '2026-12-06 11:00' log --ack
that "a second --ack has nothing to do" grep -qx 'No warning is waiting to be read.' "$TMP/out"
status "--ack takes no ratings" 2 "log --ack takes no NAME=VALUE" --config "$TMP/ack.ini" log --ack redness=1
# A check-in not logged is due for two days more, said once as missed,
# then never again.
run --config "$TMP/ack.ini" --now '2026-12-11 09:00' today
that "a check-in is due for its two days after" grep -q '^Check-in due: One-week check-in and photo' "$TMP/out"
run --config "$TMP/ack.ini" --now '2026-12-12 09:00' today
that "then it is missed, said once" bash -c "grep -q '^Missed check-in: One-week check-in and photo' '$TMP/out' && ! grep -q '^Check-in due' '$TMP/out'"
run --config "$TMP/ack.ini" --now '2027-01-01 09:00' today
that "a month on, neither due nor missed" bash -c "! grep -qE '^(Check-in due|Missed check-in)' '$TMP/out'"

summary
