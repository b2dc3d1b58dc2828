#!/usr/bin/env bash
# The command line itself: statuses, suggestions, --help, --version.
# usage: tests/cli/cases/command-line.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

status "no session booked" 4 "no session is booked" --now '2026-11-25 10:00' today
status "unknown command" 2 'unknown command "tomorow"' tomorow
status "unknown option" 2 "unknown option --colour" --colour today
status "a bad time is quoted alone, not with its date" 2 'expected a time as HH:MM, such as 10:30, but found "9:00"' --config "$TMP/none.ini" book 2027-03-01 9:00
status "an unknown command suggests the nearest" 2 'unknown command "todya" (did you mean "today"?)' todya
status "an unknown option suggests the nearest" 2 'unknown option --sesion=x (did you mean "--session"?)' --sesion=x today
status "option without its value" 2 "--now needs a value" today --now
status "bad --format" 2 "expected text, tsv or json" --format xml timeline
status "--format where it means nothing" 2 "book does not take --format" --format tsv book 2026-12-02 10:30
status "bad --now" 2 "--now: " --now '2026-12-02' today
status "bad --session" 2 "--session: " --session '2026-12-02 10:30:00' today
status "a command that takes no arguments" 2 "takes no arguments" --session "$S" today extra
run --help
that "--help prints the usage and the practitioner line" [ "$RC" -eq 0 ] && grep -q '^usage: needlecare' "$TMP/out" && grep -q "practitioner" "$TMP/out"
run -V
that "--version" [ "$RC" -eq 0 ] && grep -q '^needlecare [0-9]' "$TMP/out"

summary
