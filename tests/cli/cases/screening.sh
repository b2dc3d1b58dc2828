#!/usr/bin/env bash
# screen: answers given as arguments and interactively, and what today
# makes of them.
# usage: tests/cli/cases/screening.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

run screen --list
that "screen --list lists every question unanswered" bash -c \
	'[ "$1" -eq 0 ] && [ "$(grep -c " - " "$2")" -ge 18 ] && grep -q "^cold-sores" "$2"' _ "$RC" "$TMP/out"
run screen cold-sores=yes pregnant=no
that "answers given as name=yes|no are saved" [ "$RC" -eq 0 ] && grep -q '^cold-sores = yes' "$CFG" && grep -q '^pregnant = no' "$CFG"
ln() { grep -n -m1 -- "$1" "$CFG" | cut -d: -f1; }
that "answers stand below the section's comment, in the order of the questions" \
	[ "$(ln '^; Your answers')" -lt "$(ln '^pregnant = no')" ] && [ "$(ln '^pregnant = no')" -lt "$(ln '^cold-sores = yes')" ] && ! grep -q '^; cold-sores = no' "$CFG"
that "and a yes is to be discussed" grep -q 'Discuss with your practitioner before the session' "$TMP/out"
status "an unknown question is refused" 2 '"pregnat" is not a screening question' screen pregnat=yes
status "an answer that is not yes or no is refused" 2 'expected yes or no' screen cold-sores=maybe
status "an argument without = is refused" 2 'expected NAME=yes or NAME=no' screen cold-sores
printf 'y\nmaybe\nn\n\nq\n' | ${NC_WRAP:-} "$NC" screen >"$TMP/out" 2>"$TMP/err"
that "screen asks interactively and saves" [ $? -eq 0 ] && grep -q '^pregnant = yes' "$CFG" && grep -q '^isotretinoin = no' "$CFG" && grep -q 'asking again' "$TMP/out"
that "Enter keeps an answer" grep -q '^cold-sores = yes' "$CFG"
run --now '2026-11-25 10:00' --session "$S" today
that "today puts the yes answers first, with the reason" grep -q '! Are you pregnant or breastfeeding? You answered yes: ' "$TMP/out"
that "and never says treatment is impossible" bash -c "! grep -qi 'cannot be treated' '$TMP/out'"
run --now '2026-12-05 09:00' --session "$S" today
that "after the session they are gone" bash -c "! grep -q 'Discuss with your practitioner' '$TMP/out'"
run --config "$FIX/config/course.ini" --now '2026-12-05 09:00' today
that "in session 1's aftercare, session 2's questions are not yet to discuss" bash -c "! grep -q 'Discuss with your practitioner' '$TMP/out'"
run --config "$FIX/config/course.ini" --now '2027-01-01 09:00' today
that "in the days before session 2 they are" grep -q 'Discuss with your practitioner before the session' "$TMP/out"
rm -f "$CFG"

summary
