#!/usr/bin/env bash
# Runs every libFuzzer harness of tests/fuzz/ for SECONDS each, starting
# from its seed corpus tests/fuzz/NAME/ (which also holds the inputs of
# crashes found and fixed: they run first, as regression tests). New
# inputs go to a scratch folder, crashes to BUILD/artifacts/. Ends with
# "N passed, N failed", one test a harness.
# usage: tests/fuzz/run.sh BUILD SECONDS   (make fuzz, FUZZ_SECONDS=60)
set -u
B=$1
SECONDS_EACH=${2:-60}
cd "$(dirname "$0")/../.."
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$B/artifacts"
pass=0
fail=0
for bin in "$B"/fuzz_*; do
	[ -x "$bin" ] || continue
	name=${bin##*/fuzz_}
	mkdir -p "$TMP/$name"
	"$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$B/artifacts/$name-" \
		"$TMP/$name" "tests/fuzz/$name" >"$TMP/$name.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$TMP/$name.log")
	seeds=$(find "tests/fuzz/$name" -type f | wc -l)
	if [ $rc -eq 0 ]; then
		pass=$((pass + 1))
		echo "ok: $name: ${runs:-?} inputs in ${SECONDS_EACH} s, from $seeds seeds"
	else
		fail=$((fail + 1))
		echo "FAILED: $name (exit $rc): the input is in $B/artifacts/; once fixed, add it to tests/fuzz/$name/"
		grep -E 'ERROR|SUMMARY|runtime error|#[0-9]+ 0x' "$TMP/$name.log" | head -30
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
