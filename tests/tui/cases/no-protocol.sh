#!/usr/bin/env bash
# A plan that cannot be loaded: its reason, held while loading, reaches
# the terminal, and no screen opens.
# usage: tests/tui/cases/no-protocol.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

CARE_FILE="$TMP/no-such.ini" launch noproto 80 24 -- --session "$S" --now "$DAY3"
ended noproto 3
that "the reason is on standard error" grep -q "no-such.ini does not exist" "$TMP/noproto.err"
finish noproto

summary
