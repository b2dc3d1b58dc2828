#!/usr/bin/env bash
# book keeps what the user wrote.
# usage: tests/cli/cases/booking-keeps-file.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

mkdir -p "$(dirname "$CFG")"
cp "$FIX/config/course.ini" "$CFG"
run --now '2026-11-25 10:00' book 2027-02-10 10:30
that "book keeps the user's comments and keys" [ "$RC" -eq 0 ] && grep -q "The user's own comment" "$CFG" && grep -q 'cold-sores = yes' "$CFG" && grep -q '^time = 08:30' "$CFG"
that "book renumbers the sessions in order" grep -q '^\[session.3\]' "$CFG"
rm -f "$CFG"

summary
