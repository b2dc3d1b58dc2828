#!/usr/bin/env bash
# Options before or after the command; the columns of the TSV.
# usage: tests/cli/cases/options.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

golden timeline-session.txt --now '2026-12-05 09:00' --session "$S" timeline

# Options stand before or after the command.
run --format tsv --session "$S" --now '2026-11-25 10:00' timeline
that "options before the command give the same TSV" cmp -s "$TMP/out" "$EXP/timeline-session.tsv"
run timeline --now '2026-11-25 10:00' --format tsv --session "$S"
that "options after the command give the same TSV" cmp -s "$TMP/out" "$EXP/timeline-session.tsv"

# Every TSV line has seven fields; END is empty exactly for moments.
awk -F'\t' 'NF != 7 || $7 !~ /^[0-9]+$/ || $1 !~ /^[0-9-]+ [0-9:]+$/ { bad = 1 } END { exit bad }' \
	"$EXP/timeline-session.tsv"
that "every TSV line has the seven columns" [ $? -eq 0 ]
that "the default protocol dates at least 30 milestones" [ "$(wc -l < "$EXP/timeline-session.tsv")" -ge 30 ]

summary
