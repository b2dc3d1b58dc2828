#!/usr/bin/env bash
# The catalogue of bad input: every line of cases.tsv runs needlecare once
# and must end within 10 seconds with the exit status and a part of the
# message it names, print only valid UTF-8 without control characters (a
# hostile file must never reach the terminal), and draw no sanitizer report.
# usage: tests/bad-input/run.sh path/to/needlecare   (WRAP="valgrind ..."
# runs each case under that prefix; VERBOSE=1 prints every case)
#
# cases.tsv, one case a line, tab-separated; '#' starts a comment line:
#   ARGS     shell words; the word FILE (also inside a word) is replaced by
#            the fixture's path
#   FIXTURE  '-' for none; NAME, a file kept beside this script; or @NAME,
#            made at test time (see fixture() below). Prefixed with
#            state:, lock: or journal:, it is put in place as the state
#            file, its lock or the journal under $XDG_STATE_HOME/needlecare/
#            instead (FILE is then that path).
#   STATUS   the exit status
#   MESSAGE  a fixed string that standard error or output must contain
set -u
NC=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export TZ=Europe/Berlin LC_ALL=C.UTF-8
# No desktop: notify must fail fast, never reach a real session bus.
unset DBUS_SESSION_BUS_ADDRESS XDG_RUNTIME_DIR DISPLAY WAYLAND_DISPLAY
pass=0
fail=0
slowest=0
slowest_case=

# Made once, at test time: 3 MB of random bytes is not worth committing.
mkdir -p "$TMP/gen"
head -c 3000000 /dev/urandom > "$TMP/gen/random3m"
# Random, but the same every run: so its first problem is always the same.
LC_ALL=C awk 'BEGIN { srand(7); for (i = 0; i < 1000000; i++) printf "%c", int(rand() * 256) }' \
	> "$TMP/gen/random1m"
# 2 MB of distinct keys in one section, and of sections: iniparser's load
# time grows with the square of their number.
awk 'BEGIN { print "[course]"; for (i = 0; i < 150000; i++) printf "k%d = 1\n", i }' > "$TMP/gen/manykeys"
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "[s%d]\n", i }' > "$TMP/gen/manysections"
# A state file over its 4 MiB limit, made of valid lines.
awk 'BEGIN { print "needlecare state 1"; for (i = 0; i < 80000; i++)
	printf "sent\t2026-12-02 10:30 Europe/Berlin\tm%d\t2026-11-30 08:00:00\n", i }' > "$TMP/gen/bigstate"
mkdir -p "$TMP/gen/folder"
mkfifo "$TMP/gen/fifo"

# fixture SPEC: the path of a fixture, made if needed.
fixture() {
	case $1 in
	@fifo) echo "$TMP/gen/fifo" ;;
	@zero) echo /dev/zero ;;
	@null) echo /dev/null ;;
	@dir) echo "$TMP/gen/folder" ;;
	@missing) echo "$TMP/gen/does-not-exist.ini" ;;
	@random3m | @random1m | @manykeys | @manysections | @bigstate) echo "$TMP/gen/${1#@}" ;;
	@symlink=*)
		# A link to a file elsewhere (the fixture).
		rm -f "$TMP/gen/link"
		ln -s "$HERE/${1#@symlink=}" "$TMP/gen/link"
		echo "$TMP/gen/link" ;;
	@*) echo "unknown fixture $1" >&2; echo "$TMP/gen/unknown" ;;
	*) echo "$HERE/$1" ;;
	esac
}

# place WHERE SPEC: puts the fixture at WHERE (a link for special files,
# which cannot be copied; the folder itself for @dir).
place() {
	local where=$1 spec=$2 src
	mkdir -p "$(dirname "$where")"
	case $spec in
	@dir) mkdir -p "$where" ;;
	@fifo) mkfifo "$where" ;;
	@symlink=*) ln -s "$HERE/${spec#@symlink=}" "$where" ;;
	@zero | @null) ln -s "$(fixture "$spec")" "$where" ;;
	*) src=$(fixture "$spec"); cp "$src" "$where" ;;
	esac
}

n=0
while IFS=$'\t' read -r args fix want text; do
	[[ -z $args || $args == \#* ]] && continue
	n=$((n + 1))
	# A fresh home for every case.
	rm -rf "$TMP/home"
	mkdir -p "$TMP/home"
	export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/config" XDG_DATA_HOME="$TMP/home/data"
	export XDG_STATE_HOME="$TMP/home/state" XDG_CACHE_HOME="$TMP/home/cache"
	state="$XDG_STATE_HOME/needlecare"
	path=
	case $fix in
	-) ;;
	state:*) path="$state/state"; place "$path" "${fix#state:}" ;;
	lock:*) path="$state/state.lock"; place "$path" "${fix#lock:}" ;;
	journal:*) path="$state/journal"; place "$path" "${fix#journal:}" ;;
	*) path=$(fixture "$fix") ;;
	esac
	eval "words=($args)"
	for i in "${!words[@]}"; do words[$i]=${words[$i]//FILE/$path}; done
	start=$(date +%s%N)
	# shellcheck disable=SC2086
	timeout 10 ${WRAP:-} "$NC" "${words[@]}" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
	ms=$((($(date +%s%N) - start) / 1000000))
	if [ $ms -gt $slowest ]; then slowest=$ms; slowest_case="$args"; fi
	cat "$TMP/out" "$TMP/err" > "$TMP/all"
	why=
	if [ $rc -eq 124 ]; then
		why="did not end within 10 seconds"
	elif [ $rc -ne "$want" ]; then
		why="exit $rc, expected $want"
	elif [ -n "$text" ] && ! grep -qF -- "$text" "$TMP/all"; then
		why="the message lacks: $text"
	elif grep -qE 'Sanitizer|runtime error:|ERROR SUMMARY: [1-9]|definitely lost: [1-9]' "$TMP/all"; then
		why="a sanitizer or valgrind report"
	elif ! iconv -f UTF-8 -t UTF-8 "$TMP/all" >/dev/null 2>&1; then
		why="the output is not valid UTF-8"
	elif LC_ALL=C grep -qP '[\x00-\x08\x0B-\x1F\x7F]|\xC2[\x80-\x9F]' "$TMP/all"; then
		why="the output contains a control character"
	fi
	if [ -z "$why" ]; then
		pass=$((pass + 1))
		[ -n "${VERBOSE:-}" ] && echo "ok $n: $args [$fix] -> $rc (${ms} ms)"
	else
		fail=$((fail + 1))
		echo "FAIL $n: needlecare $args [$fix]: $why"
		head -c 800 "$TMP/all" | sed 's/^/    /' | LC_ALL=C tr -d '\000-\010\013-\037\177'
	fi
done < "$HERE/cases.tsv"

[ "$n" -ge 60 ] || { echo "FAIL: only $n cases, expected at least 60"; fail=$((fail + 1)); }
echo "$n cases; the slowest took ${slowest} ms: $slowest_case"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
