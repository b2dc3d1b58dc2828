#!/usr/bin/env bash
# The layering, read from the objects of BUILD (tests/layering/check.py):
# curses only in term/, each folder using only the folders below it, no
# cycle between objects. Then the check is shown to bite: probe objects
# that break each rule are added to a copy of the objects, and each must
# be reported.
#
# usage: tests/layering/run.sh BUILD   (a build folder with needlecare)
set -u
BUILD=$(realpath "$1")
cd "$(dirname "$0")/../.."
. tests/lib.sh
CHECK=tests/layering/check.py
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# The curses libraries needlecare really loads, whatever the distribution
# calls them.
mapfile -t CURSES < <(ldd "$BUILD/needlecare" | awk '/libncursesw|libtinfo/ { print $3 }')
that "needlecare links libncursesw and libtinfo" [ "${#CURSES[@]}" -eq 2 ]

rule() { # NAME RULE TREE: a check that must pass
	local out
	if out=$(python3 "$CHECK" "$3" "$2" "${CURSES[@]}" 2>&1); then ok; else bad "$1" "$out"; fi
}
rule "no object outside term/ uses a curses symbol" curses "$BUILD"
rule "no folder uses a folder above it (base < care < send < screens < cmd; term < screens)" layers "$BUILD"
rule "no cycle between objects" cycles "$BUILD"

# probe NAME RULE FILE.c:SOURCE...: a copy of the objects plus the probes,
# on which RULE must fail and name the first probe.
probe() {
	local name=$1 rule=$2 tree out first=
	shift 2
	tree=$TMP/$RANDOM$RANDOM
	mkdir -p "$tree"
	cp -rs "$BUILD"/{base,care,send,cmd,term,screens} "$tree"/
	for p in "$@"; do
		mkdir -p "$tree/$(dirname "${p%%:*}")"
		printf '%s\n' "${p#*:}" > "$tree/probe.c"
		cc -c -o "$tree/${p%%:*}.o" "$tree/probe.c" || { bad "$name: the probe builds"; return; }
		: "${first:=${p%%:*}.o}"
	done
	out=$(python3 "$CHECK" "$tree" "$rule" "${CURSES[@]}" 2>&1)
	if [ $? -eq 1 ] && grep -qF "$first" <<<"$out"; then ok; else bad "$name" "$out"; fi
}
# A defined function of a folder, for a probe to call.
defined() { nm --defined-only -g "$BUILD/$1"/*.o | awk '$2 == "T" { print $3; exit }'; }
care_fn=$(defined care) send_fn=$(defined send) screens_fn=$(defined screens)
probe "a curses call in screens/ is caught" curses \
	'screens/probe_curses:extern int initscr(void); int probe(void) { return initscr(); }'
probe "curses' COLS in care/ is caught" curses \
	'care/probe_cols:extern int COLS; int probe(void) { return COLS; }'
probe "base/ calling care/ is caught" layers \
	"base/probe_up:extern void $care_fn(void); void probe(void) { $care_fn(); }"
probe "care/ calling send/ is caught" layers \
	"care/probe_send:extern void $send_fn(void); void probe(void) { $send_fn(); }"
probe "send/ calling screens/ is caught" layers \
	"send/probe_ui:extern void $screens_fn(void); void probe(void) { $screens_fn(); }"
probe "two objects calling each other are caught" cycles \
	'care/probe_a:void probe_b(void); void probe_a(void) { probe_b(); }' \
	'care/probe_b:void probe_a(void); void probe_b(void) { probe_a(); }'

summary
