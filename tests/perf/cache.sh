#!/usr/bin/env bash
# The plan cache seen from the command line: next, today and timeline print
# the same with and without it; a run served by it opens neither the
# configuration nor any protocol file (strace); a change of the
# configuration, of a protocol file of the chain, of a user protocol over a
# shipped one, of the state or of the time zone is seen at once; a damaged
# cache is ignored and replaced.
# usage: tests/perf/cache.sh path/to/needlecare
set -u
NC=$(realpath "$1")
cd "$(dirname "$0")/../.."
FIX=$PWD/tests/fixtures
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. tests/lib.sh
private_home "$TMP"
CFG="$XDG_CONFIG_HOME/needlecare/config.ini"
CACHE="$XDG_CACHE_HOME/needlecare/plan"
NOW='2026-12-05 09:00'

command -v strace >/dev/null || { echo "strace is needed"; echo "0 passed, 1 failed"; exit 1; }

mkdir -p "$TMP/p" "$(dirname "$CFG")"
cp "$FIX/protocols/good.ini" "$TMP/p/good.ini"
cp "$FIX/protocols/override.ini" "$TMP/p/clinic.ini"
config() {
	printf '[course]\nprotocol = %s\n\n[screening]\ncold-sores = yes\n\n[session.1]\nstart = 2026-12-02 10:30\nzone = Europe/Berlin\n\n[session.2]\nstart = 2027-01-06 10:30\nzone = Europe/Berlin\n' \
		"$1" > "$CFG"
}
config "$TMP/p/clinic.ini"

# What a view prints with no cache at all: a cache folder that cannot exist.
uncached() { XDG_CACHE_HOME=/dev/null/none "$NC" --now "$NOW" "$@" 2>&1; }
view() { "$NC" --now "$NOW" "$@" 2>&1; }
# A cache is written only from files older than a second (what was read
# might otherwise be older than what they hold): let them settle, then run
# once to write it.
settle() { sleep 1.1; "$NC" --now "$NOW" next >/dev/null 2>&1; }
# Runs a view under strace; $TMP/opened lists the files it opened.
# (LeakSanitizer cannot work under ptrace, and would end the sanitizer
# build before it flushes its output: the runs above check for leaks.)
traced() {
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		strace -f -qq -e trace=open,openat -o "$TMP/trace" "$NC" --now "$NOW" "$@" >"$TMP/out" 2>&1
	grep -o '"[^"]*"' "$TMP/trace" | tr -d '"' > "$TMP/opened"
}
# The last traced run read the cache and neither the configuration nor a
# protocol file: nothing was parsed.
served() {
	grep -qE "^$XDG_CACHE_HOME/needlecare/plan(-[0-9a-f]{16})?\$" "$TMP/opened" &&
		! grep -qF "$CFG" "$TMP/opened" &&
		! grep -qE '\.ini$' "$TMP/opened"
}
rebuilt() { grep -qF "$CFG" "$TMP/opened"; }
differ() { ! cmp -s "$1" "$2"; }

VIEWS=("next" "next --format tsv" "today" "today --format tsv" "timeline" "timeline --format tsv")

# --- the same output, from the cache
that "no cache before the first run" [ ! -e "$CACHE" ]
for v in "${VIEWS[@]}"; do
	# shellcheck disable=SC2086
	uncached $v > "$TMP/want.${v// /_}"
done
that "the uncached views work" [ -s "$TMP/want.next" ] && grep -q 'Session 2 of 2' "$TMP/want.timeline"
touch "$CFG"
view next > "$TMP/first"
that "files written a moment ago: the first run writes no cache" [ ! -e "$CACHE" ]
that "and prints the same" cmp -s "$TMP/first" "$TMP/want.next"
settle
that "a run on settled files writes the cache" [ -f "$CACHE" ]
that "the cache file is 0600" [ "$(stat -c %a "$CACHE")" = 600 ]
that "its folder is 0700" [ "$(stat -c %a "$(dirname "$CACHE")")" = 700 ]
for v in "${VIEWS[@]}"; do
	# shellcheck disable=SC2086
	traced $v
	that "$v: served by the cache, without reading the configuration or the protocol" served
	that "$v: the same output as without the cache" cmp -s "$TMP/out" "$TMP/want.${v// /_}"
done
# Only the interface takes the character set from the locale.
LANG=C.UTF-8 traced today
that "today under a UTF-8 locale opens no locale file" eval '! grep -q locale "$TMP/opened"'
that "and prints the same" cmp -s "$TMP/out" "$TMP/want.today"
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	strace -f -qq -e trace=open,openat -o "$TMP/trace" "$NC" --now '2027-01-07 12:00' next >/dev/null 2>&1
grep -o '"[^"]*"' "$TMP/trace" | tr -d '"' > "$TMP/opened"
that "another --now is served by the same cache" served
traced --session '2026-12-02 10:30' next
that "another --session is another plan" rebuilt
traced book --now '2026-11-20 10:00' 2027-02-10 10:30
that "commands that write are never served by it" rebuilt

# --- every input, changed, is seen at once
sleep 1.1
uncached timeline > "$TMP/want"
traced timeline
that "the configuration changed (a booking): rebuilt" rebuilt
that "and the new session shows" cmp -s "$TMP/out" "$TMP/want"
that "(the booking is there)" grep -q 'Session 3 of 3' "$TMP/out"

settle
sed -i 's/^title = No retinol$/title = No retinol, the clinic says/' "$TMP/p/good.ini"
traced timeline
that "the base protocol of the chain changed: rebuilt" rebuilt
that "and the new title shows" grep -q 'No retinol, the clinic says' "$TMP/out"

settle
sed -i 's/^title = Call the clinic$/title = Call the clinic today/' "$TMP/p/clinic.ini"
traced timeline --format tsv
that "the protocol changed: rebuilt" rebuilt
that "and the new title shows" grep -q $'\tCall the clinic today\t' "$TMP/out"

settle
mkdir -p "$XDG_STATE_HOME/needlecare"
printf 'needlecare state 1\nticked\t2026-12-02 10:30 Europe/Berlin\twash\t2026-12-02 20:00:00\n' \
	> "$XDG_STATE_HOME/needlecare/state"
traced next
that "the state changed: rebuilt" rebuilt

settle
uncached timeline --format tsv > "$TMP/berlin"
TZ=America/New_York uncached timeline --format tsv > "$TMP/want"
TZ=America/New_York traced timeline --format tsv
that "the time zone changed: rebuilt" rebuilt
that "and the times are New York's" cmp -s "$TMP/out" "$TMP/want"
that "(which differ from Berlin's)" differ "$TMP/out" "$TMP/berlin"
traced timeline --format tsv
that "back in Berlin: rebuilt again" rebuilt
that "with Berlin's times" cmp -s "$TMP/out" "$TMP/berlin"

config microneedling
settle
traced timeline --format tsv
that "a shipped protocol is served by the cache too" served
mkdir -p "$XDG_DATA_HOME/needlecare/protocols"
cp "$TMP/p/good.ini" "$XDG_DATA_HOME/needlecare/protocols/microneedling.ini"
uncached timeline --format tsv > "$TMP/want"
traced timeline --format tsv
that "a user protocol over the shipped one: rebuilt" rebuilt
that "and it is the user's that shows" cmp -s "$TMP/out" "$TMP/want" && grep -q 'No retinol, the clinic says' "$TMP/out"
rm -r "$XDG_DATA_HOME/needlecare/protocols"

# --- a damaged cache is never trusted, and is replaced
config "$TMP/p/clinic.ini"
settle
uncached today > "$TMP/want"
size=$(stat -c %s "$CACHE")
damage() {
	case $1 in
	random) head -c "$size" /dev/urandom > "$CACHE" ;;
	cut) head -c $((size / 2)) "$CACHE" > "$TMP/c" && mv "$TMP/c" "$CACHE" ;;
	byte)
		local at=$((size / 2)) old
		old=$(od -An -tu1 -j "$at" -N1 "$CACHE")
		# shellcheck disable=SC2059
		printf "\\$(printf %o $((old ^ 0x5a)))" | dd of="$CACHE" bs=1 seek="$at" conv=notrunc status=none ;;
	empty) : > "$CACHE" ;;
	text) echo "needlecare state 1" > "$CACHE" ;;
	esac
}
for how in random cut byte empty text; do
	cp "$CACHE" "$TMP/good-cache"
	damage "$how"
	traced today
	that "a $how cache is not used" rebuilt
	that "a $how cache changes nothing printed" cmp -s "$TMP/out" "$TMP/want"
	traced today
	that "a $how cache is replaced by a good one" served
done
rm -f "$CACHE"
mkdir "$CACHE"
traced today
that "a folder in place of the cache: the views still work" cmp -s "$TMP/out" "$TMP/want"
rmdir "$CACHE"
ln -s /dev/zero "$CACHE"
traced today
that "a link to a device in place of the cache: never read" cmp -s "$TMP/out" "$TMP/want" && rebuilt
rm -f "$CACHE"
XDG_CACHE_HOME=/dev/null/none "$NC" --now "$NOW" today > "$TMP/out" 2> "$TMP/err"
that "no place for a cache: the views work, and say nothing of it" \
	[ $? -eq 0 ] && cmp -s "$TMP/out" "$TMP/want" && [ ! -s "$TMP/err" ]

# --- a big protocol: iniparser is handed it in parts of whole sections;
# every value must land on its own key, and the cache must hold it all
bash tests/perf/gen-protocol.sh 600 > "$TMP/big.ini"
BIG=(--protocol "$TMP/big.ini" --session '2026-12-02 10:30')
uncached "${BIG[@]}" check > "$TMP/out"
that "a generated protocol of 600 milestones passes check" grep -q '600 milestones, 20 warning-sign rules, ok' "$TMP/out"
uncached "${BIG[@]}" timeline --format tsv > "$TMP/want"
that "its 600 milestones are dated" [ "$(wc -l < "$TMP/want")" -eq 600 ]
that "each with its own title" awk -F'\t' '{ n = substr($3, 5) + 0 } $6 !~ ("^Generated milestone " n " ") { bad = 1 } END { exit bad }' "$TMP/want"
sleep 1.1
view "${BIG[@]}" next > /dev/null
traced "${BIG[@]}" timeline --format tsv
that "a big plan is served by the cache" served
that "and prints the same" cmp -s "$TMP/out" "$TMP/want"

summary
