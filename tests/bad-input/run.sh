#!/usr/bin/env bash
# The catalogue of bad input: every line of cases.tsv runs needlecare once
# and must end within 10 seconds of processor time with the exit status
# and a part of the message it names, print only valid UTF-8 without
# control characters (a hostile file must never reach the terminal), and
# draw no sanitizer report. Cases run CASE_JOBS (4) at a time.
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

# check N ARGS FIX WANT TEXT: one case, in a home of its own; writes
# $TMP/N.ms (its time) and $TMP/N.why (empty when it passed). Cases run
# side by side: most of a case's time is the start and end of a sanitizer
# build, spent waiting more than computing.
check() {
	local n=$1 args=$2 fix=$3 want=$4 text=$5 home="$TMP/home.$1" state path rc ms start why= words i
	mkdir -p "$home"
	export HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data"
	export XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$home/cache"
	state="$XDG_STATE_HOME/needlecare"
	path=
	case $fix in
	-) ;;
	state:*) path="$state/state"; place "$path" "${fix#state:}" ;;
	lock:*) path="$state/state.lock"; place "$path" "${fix#lock:}" ;;
	journal:*) path="$state/journal"; place "$path" "${fix#journal:}" ;;
	@symlink=*)
		# A link to a file elsewhere (the fixture), of this case's own.
		path="$home/link"
		ln -s "$HERE/${fix#@symlink=}" "$path" ;;
	*) path=$(fixture "$fix") ;;
	esac
	eval "words=($args)"
	for i in "${!words[@]}"; do words[$i]=${words[$i]//FILE/$path}; done
	start=$(date +%s%N)
	# Ten seconds of processor time, whatever the load of the machine; a
	# case that waits (a FIFO, a hung read) ends after 30 s of wall time.
	# Under WRAP (valgrind runs a program some twenty times slower), twenty
	# times that.
	# shellcheck disable=SC2086
	(ulimit -t $((CPU_S * SLOW)); exec timeout $((WALL_S * SLOW)) ${WRAP:-} "$NC" "${words[@]}") \
		>"$home/out" 2>"$home/err" </dev/null
	rc=$?
	ms=$((($(date +%s%N) - start) / 1000000))
	cat "$home/out" "$home/err" > "$home/all"
	if [ $rc -eq 124 ]; then
		why="did not end within $WALL_S seconds"
	elif [ $rc -eq 152 ]; then
		why="used more than $CPU_S seconds of processor time"
	elif [ $rc -ne "$want" ]; then
		why="exit $rc, expected $want"
	elif [ -n "$text" ] && ! grep -qF -- "$text" "$home/all"; then
		why="the message lacks: $text"
	elif grep -qE 'Sanitizer|runtime error:|ERROR SUMMARY: [1-9]|definitely lost: [1-9]' "$home/all"; then
		why="a sanitizer or valgrind report"
	elif ! iconv -f UTF-8 -t UTF-8 "$home/all" >/dev/null 2>&1; then
		why="the output is not valid UTF-8"
	elif LC_ALL=C grep -qP '[\x00-\x08\x0B-\x1F\x7F]|\xC2[\x80-\x9F]' "$home/all"; then
		why="the output contains a control character"
	fi
	echo "$ms" >"$TMP/$n.ms"
	if [ -n "$why" ]; then
		{
			echo "FAIL $n: needlecare $args [$fix]: $why"
			head -c 800 "$home/all" | sed 's/^/    /' | LC_ALL=C tr -d '\000-\010\013-\037\177'
		} >"$TMP/$n.why"
	else
		: >"$TMP/$n.why"
		[ -n "${VERBOSE:-}" ] && echo "ok $n: $args [$fix] -> $rc (${ms} ms)" >"$TMP/$n.why"
	fi
	rm -rf "$home"
}

CPU_S=10
WALL_S=30
SLOW=1
[ -n "${WRAP:-}" ] && SLOW=20
n=0
cases=()
while IFS=$'\t' read -r args fix want text; do
	[[ -z $args || $args == \#* ]] && continue
	n=$((n + 1))
	cases[$n]=$args
	while [ "$(jobs -pr | wc -l)" -ge "${CASE_JOBS:-4}" ]; do wait -n; done
	check "$n" "$args" "$fix" "$want" "$text" &
done < "$HERE/cases.tsv"
wait
# In the order of cases.tsv, whatever order they ended in.
for ((i = 1; i <= n; i++)); do
	ms=$(cat "$TMP/$i.ms" 2>/dev/null || echo 0)
	if [ "$ms" -gt "$slowest" ]; then slowest=$ms; slowest_case=${cases[$i]}; fi
	if [ ! -e "$TMP/$i.why" ]; then
		fail=$((fail + 1))
		echo "FAIL $i: needlecare ${cases[$i]}: the case did not finish"
	elif grep -q '^FAIL' "$TMP/$i.why"; then
		fail=$((fail + 1))
		cat "$TMP/$i.why"
	else
		pass=$((pass + 1))
		cat "$TMP/$i.why"
	fi
done

[ "$n" -ge 60 ] || { echo "FAIL: only $n cases, expected at least 60"; fail=$((fail + 1)); }
echo "$n cases; the slowest took ${slowest} ms: $slowest_case"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
