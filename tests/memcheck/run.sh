#!/usr/bin/env bash
# The command-line tests under valgrind memcheck: every run of needlecare
# must end with zero errors and no memory definitely lost. Each run writes
# its own log; a log that is not empty is a failure, and is shown.
# (ALL=1 runs the catalogue of bad input under valgrind too: slower.)
# usage: tests/memcheck/run.sh path/to/needlecare
set -u
NC=$(realpath "$1")
cd "$(dirname "$0")/../.."
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
VG="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite
	--errors-for-leak-kinds=definite --suppressions=/usr/share/glib-2.0/valgrind/glib.supp
	--log-file=$TMP/vg.%p.log"
pass=0
fail=0
count() {
	local out=$1 p f
	read -r p f < <(awk '/^[0-9]+ passed, [0-9]+ failed$/ { p = $1; f = $3 } END { print p + 0, f + 0 }' <<<"$out")
	pass=$((pass + p))
	fail=$((fail + f))
	# What failed, without its closing line: check.sh would count it twice.
	[ "$f" -eq 0 ] || printf '%s\n' "$out" | grep -vE '^ok|^[0-9]+ passed, [0-9]+ failed$'
}
count "$(NC_WRAP=$VG bash tests/cli/run.sh "$NC" 2>&1)"
[ -n "${ALL:-}" ] && count "$(WRAP=$VG bash tests/bad-input/run.sh "$NC" 2>&1)"
runs=$(find "$TMP" -name 'vg.*.log' | wc -l)
bad=$(find "$TMP" -name 'vg.*.log' -size +0)
if [ "$runs" -ge 50 ] && [ -z "$bad" ]; then
	pass=$((pass + 1))
	echo "ok: $runs runs of needlecare under valgrind: no error, nothing definitely lost"
else
	fail=$((fail + 1))
	echo "FAILED: valgrind found problems in $(echo "$bad" | grep -c .) of $runs runs"
	for f in $bad; do head -30 "$f"; done
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
