#!/usr/bin/env bash
# The patient's language: today, timeline, next and log under es_ES.UTF-8,
# against expected Spanish text (dates from the C library's locale data,
# plurals from the catalogue, protocol texts from their [es] keys); the
# TSV and JSON stay byte for byte what they are in the C locale.
# usage: tests/cli/cases/spanish.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"
if ! spanish "$NC"; then
	bad "the Spanish locale could be made"
	summary
	exit
fi
# Before any wrapper (valgrind), so that the wrapper runs needlecare.
NC_WRAP="env ${ES_ENV[*]} ${NC_WRAP:-}"

golden es-today-day3.txt --now '2026-12-05 09:00' --session "$S" today
golden es-today-before.txt --now '2026-11-28 20:15:30' --session "$S" today
golden es-timeline.txt --now '2026-11-25 10:00' --session "$S" timeline
golden es-next-before.txt --now '2026-11-25 10:00' --session "$S" next
golden es-next-window-end.txt --now '2026-12-08 12:00' --session "$S" next
golden_log es-log-day0-breathing.txt microneedling '2026-12-02 13:00' breathing=yes
golden_log es-log-day2-above.txt microneedling '2026-12-04 12:00' redness=3 swelling=3 pain=2
golden_log es-log-day4-rf.txt rf '2026-12-06 10:00' redness=2 blisters=yes

# Scripts read the same format in every language: ISO dates, English ids,
# kinds and phases, the same columns and keys; only the texts people read
# (a TSV's title, JSON's text and tooltip) are in the patient's language.
# tsv_same NAME ARGS...: the columns other than the title as in expected/NAME.
tsv_same() {
	local name=$1
	shift
	run "$@"
	if [ "$RC" -eq 0 ] && cmp -s <(cut -f1-5,7- "$TMP/out") <(cut -f1-5,7- "$EXP/$name") &&
		! cmp -s "$TMP/out" "$EXP/$name"; then
		ok
	else
		bad "$name in Spanish: the same but for the titles" "$(diff "$EXP/$name" "$TMP/out" | head -6)"
	fi
}
tsv_same today-day3.tsv --now '2026-12-05 09:00' --session "$S" today --format tsv
tsv_same timeline-session.tsv --now '2026-11-25 10:00' --session "$S" timeline --format tsv
run --now '2026-11-25 10:00' --session "$S" next --format json
that "next --format json in Spanish: the same keys, alt, class and percentage" \
	cmp -s <(jq -S 'del(.text, .tooltip)' "$TMP/out") <(jq -S 'del(.text, .tooltip)' "$EXP/next-before.json")
that "and its text in Spanish" grep -q '"text":"en 5 días: ' "$TMP/out"

# An error in Spanish, with its file and line kept.
run --protocol "$FIX/protocols/lint.ini" check
that "a problem of check is said in Spanish, at its file and line" \
	grep -qF 'lint.ini:12: aviso: [alarm] tiene urgency = critical' "$TMP/err"

summary
