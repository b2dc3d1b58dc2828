#!/usr/bin/env bash
# make bench: needlecare beside calcurse and remind, and beside the floor
# program (a main() that only calls setlocale, linked with ncursesw and
# iniparser, built with the project's flags), on one machine in one run. It
# builds the same care plan in each tool's own format from needlecare's
# `timeline --format tsv`, measures, and prints one table:
#   wall      median wall time (hyperfine) as a ratio to /bin/true and to
#             the floor, measured in the same hyperfine run
#   instr     instructions (valgrind --tool=callgrind, total Ir)
#   memory    peak resident memory (/usr/bin/time -f %M)
#   frame     the interface's first frame in tmux, against a bare shell's
#             prompt in the same tmux (median of several launches), and
#             against the frame floor: ncurses started as needlecare starts
#             it, sending the bytes of needlecare's own frame
#             (tests/perf/frame-floor.c)
#   wake-ups  system calls that end a wait (poll, select, sleeps...) over an
#             idle window, attached with strace, per minute; a poll with
#             a zero time-out only looks, and is not counted
#   lateness  how long after its time a reminder is delivered
# Figures, not tests: it exits 0 whatever they are, and a tool that is
# missing leaves its cells empty ("-").
# usage: tests/perf/bench.sh [--smoke] NEEDLECARE FLOOR FRAME_FLOOR
#   --smoke: a few runs, a 3-second idle window: checks that the bench
#   works (make check runs it), not what it measures.
#   BENCH_KEEP=1 keeps its files (hyperfine's JSON, the traces) and says where.
set -u
SMOKE=0
if [ "${1:-}" = --smoke ]; then SMOKE=1; shift; fi
[ $# -eq 3 ] || { echo "usage: $0 [--smoke] NEEDLECARE FLOOR FRAME_FLOOR" >&2; exit 0; }
NC=$(realpath "$1")
FLOOR=$(realpath "$2")
FRAME_FLOOR=$(realpath "$3")
cd "$(dirname "$0")/../.."
ROOT=$PWD
TMP=$(mktemp -d)
TMUX_SOCKET="nc-bench-$$"
PIDS=()
cleanup() {
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
	tmux -L "$TMUX_SOCKET" kill-server 2>/dev/null
	if [ -n "${BENCH_KEEP:-}" ]; then echo "bench: kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 0' INT TERM

if [ $SMOKE = 1 ]; then ROUNDS=1 RUNS=3 WARM=1 FRAMES=1 IDLE=3; else ROUNDS=5 RUNS=60 WARM=10 FRAMES=15 IDLE=120; fi
PY=/usr/bin/python3
has() { command -v "$1" >/dev/null 2>&1; }
note() { echo "bench: $*" >&2; }

unset TMUX LC_ALL LC_CTYPE POSIXLY_CORRECT DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
export LANG=C.UTF-8 TZ=${BENCH_TZ:-Europe/Berlin} HOME="$TMP/home"
export XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data"
export XDG_STATE_HOME="$TMP/state" XDG_CACHE_HOME="$TMP/cache"
# The daemon watches the folder of the user's protocols, or the nearest
# folder above it that exists: let it exist, as on a machine where the
# daemon would otherwise be woken by every file written in $HOME.
mkdir -p "$HOME" "$XDG_DATA_HOME/needlecare/protocols" "$TMP/logs"
declare -A R # the results, by cell name

# --- the care plan: six sessions, five weeks apart, the first in two days
first=$(date -d '+2 days' +%F)
for i in 0 1 2 3 4 5; do
	"$NC" book --force "$(date -d "$first +$((i * 35)) days" +%F)" 10:30 >/dev/null ||
		note "booking failed"
done
"$NC" timeline --format tsv > "$TMP/plan.tsv"
note "the course: $(wc -l < "$TMP/plan.tsv") dated milestones over 6 sessions"

# calcurse: appointments from START to END (a moment is one of no length).
CAL="$TMP/calcurse"
mkdir -p "$CAL"
: > "$CAL/todo"
printf 'general.confirmquit=no\n' > "$CAL/conf"
awk -F'\t' '
	function us(t) { return substr(t, 6, 2) "/" substr(t, 9, 2) "/" substr(t, 1, 4) " @ " substr(t, 12, 5) }
	{ end = $2 == "" ? $1 : $2; printf "%s -> %s |%s\n", us($1), us(end), $6 }' \
	"$TMP/plan.tsv" > "$CAL/apts"
# remind: a reminder at each start, and one at each window's end.
awk -F'\t' '
	BEGIN { split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mon, " ") }
	function rem(t, what) {
		gsub(/[][%]/, "", what)
		printf "REM %d %s %s AT %s MSG %s\n", substr(t, 9, 2) + 0, mon[substr(t, 6, 2) + 0],
		       substr(t, 1, 4), substr(t, 12, 5), what
	}
	{ rem($1, $6); if ($2 != "") rem($2, "End: " $6) }' "$TMP/plan.tsv" > "$TMP/plan.rem"

# The 500-milestone protocol, for loading without the cache.
bash tests/perf/gen-protocol.sh 500 > "$TMP/big.ini"
BIGSESSION="$first 10:30"

# The cache: written from settled files (a second old) by a first run.
sleep 1.1
for v in next today timeline; do "$NC" $v >/dev/null; done
"$NC" --protocol "$TMP/big.ini" --session "$BIGSESSION" next >/dev/null
[ -f "$XDG_CACHE_HOME/needlecare/plan" ] || note "no cache was written"

NEXT=("$NC" next)
TODAY=("$NC" today)
TIMELINE=("$NC" timeline)
BIGNEXT=("$NC" --protocol "$TMP/big.ini" --session "$BIGSESSION" next)
CAL_NEXT=(calcurse -D "$CAL" -n)
CAL_90=(calcurse -D "$CAL" -r90)
REM_NEXT=(remind -n "$TMP/plan.rem")
REM_90=(remind -s3 "$TMP/plan.rem")

# --- wall time: hyperfine runs with /bin/true and the floor in each.
# ROUNDS runs of RUNS each, every command in each, and the median of their
# medians: a machine whose load drifts during one long run would otherwise
# favour whichever command ran in its quiet minute.
# wall GROUP NAME=COMMAND...: medians into R[wall.NAME] (seconds).
wall() {
	local group=$1 args=() r
	shift
	for c in "$@"; do args+=(-n "${c%%=*}" "${c#*=}"); done
	has hyperfine || { note "hyperfine is missing"; return; }
	for ((r = 0; r < ROUNDS; r++)); do
		hyperfine -N --style none -w "$WARM" -r "$RUNS" \
			--export-json "$TMP/$group.$r.json" "${args[@]}" >/dev/null 2>"$TMP/$group.err" ||
			{ note "hyperfine failed: $(head -c 300 "$TMP/$group.err")"; return; }
	done
	while read -r name median; do
		R[wall.$name]=$median
	done < <($PY -c '
import json, statistics, sys
runs = {}
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        runs.setdefault(r["command"], []).append(r["median"])
for name, medians in runs.items():
    print(name, statistics.median(medians))' "$TMP/$group".*.json)
}
# q WORDS: one command line, each word in single quotes (for hyperfine and
# for tmux, which both split it as a shell would).
q() {
	local w out=
	for w in "$@"; do out+="'$w' "; done
	echo "${out% }"
}
specs=(true=/bin/true floor="$(q "$FLOOR")" nc.next="$(q "${NEXT[@]}")"
	nc.today="$(q "${TODAY[@]}")" nc.timeline="$(q "${TIMELINE[@]}")" nc.bignext="$(q "${BIGNEXT[@]}")")
has calcurse && specs+=(cal.next="$(q "${CAL_NEXT[@]}")" cal.90="$(q "${CAL_90[@]}")")
has remind && specs+=(rem.next="$(q "${REM_NEXT[@]}")" rem.90="$(q "${REM_90[@]}")")
wall cached "${specs[@]}"
# Without the cache (it cannot be written): its own run, /bin/true and the
# floor again in it.
XDG_CACHE_HOME=/dev/null/none wall uncached true.u=/bin/true floor.u="$(q "$FLOOR")" \
	nc.next.u="$(q "${NEXT[@]}")" nc.today.u="$(q "${TODAY[@]}")" nc.big.u="$(q "${BIGNEXT[@]}")"

# --- instructions and peak memory, one run each
ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : //p'; }
maxrss() { /usr/bin/time -f %M -o "$TMP/rss" "$@" >/dev/null 2>&1; cat "$TMP/rss" 2>/dev/null; }
count() {
	local name=$1
	shift
	if has valgrind; then R[ir.$name]=$(ir "$@"); fi
	[ -x /usr/bin/time ] && R[mem.$name]=$(maxrss "$@")
}
count true /bin/true
count floor "$FLOOR"
count nc.next "${NEXT[@]}"
count nc.today "${TODAY[@]}"
count nc.timeline "${TIMELINE[@]}"
count nc.bignext "${BIGNEXT[@]}"
# (remind's 3 months take a while under valgrind: not in a smoke run)
if has calcurse; then count cal.next "${CAL_NEXT[@]}"; [ $SMOKE = 1 ] || count cal.90 "${CAL_90[@]}"; fi
if has remind; then count rem.next "${REM_NEXT[@]}"; [ $SMOKE = 1 ] || count rem.90 "${REM_90[@]}"; fi
export XDG_CACHE_HOME=/dev/null/none
count nc.next.u "${NEXT[@]}"
count nc.today.u "${TODAY[@]}"
count nc.big.u "${BIGNEXT[@]}"
export XDG_CACHE_HOME="$TMP/cache"

# The same runs in Spanish, with the build's message catalogues
# (NEEDLECARE_LOCALEDIR), the plan cached in Spanish by a first run (the
# cache is keyed by the language), then the C plan cached again for what
# follows. The issue's goal: at most 0.3 M instructions over C. The
# locale is the system's, as a Spanish desktop has it (locale-gen's
# archive), made here as root when missing (as make bench installs
# packages); otherwise one of the bench's own (LOCPATH), whose files
# setlocale() reads one by one: some 0.14 M more, said in a note.
LOCALES="$(dirname "$NC")/locale"
es_locale=
if locale -a 2>/dev/null | grep -qix 'es_ES.utf-\?8'; then
	es_locale=system
elif has localedef && [ "$(id -u)" = 0 ] && localedef -i es_ES -f UTF-8 es_ES.UTF-8 >/dev/null 2>&1; then
	es_locale=system
elif has localedef && mkdir -p "$TMP/loc" && localedef -i es_ES -f UTF-8 "$TMP/loc/es_ES.UTF-8" >/dev/null 2>&1; then
	es_locale=own
	note "Spanish runs read a locale of their own (LOCPATH), not the system's archive: setlocale() costs some 0.14 M more"
fi
if [ -n "$es_locale" ]; then
	es() {
		if [ "$es_locale" = own ]; then
			LOCPATH="$TMP/loc" LANG=es_ES.UTF-8 NEEDLECARE_LOCALEDIR="$LOCALES" "$@"
		else
			LANG=es_ES.UTF-8 NEEDLECARE_LOCALEDIR="$LOCALES" "$@"
		fi
	}
	[ -d "$LOCALES" ] || note "no message catalogues in $LOCALES: Spanish runs without them"
	for v in next today; do es "$NC" $v >/dev/null; done
	es count nc.next.es "${NEXT[@]}"
	es count nc.today.es "${TODAY[@]}"
	for v in next today timeline; do "$NC" $v >/dev/null; done
else
	note "no localedef or no es_ES locale sources: no Spanish figures"
fi

# --- the interface in tmux: first frame (tests/perf/frame.py, against a
# bare shell's prompt), peak memory, then idle wake-ups
TM() { tmux -L "$TMUX_SOCKET" -f /dev/null "$@"; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
# frames KEY MARKER COMMAND [QUIT]: the median of FRAMES launches at 100x30.
frames() {
	R[frame.$1]=$("$PY" tests/perf/frame.py "$TMUX_SOCKET" keep 100 30 "$2" "$FRAMES" "$3" ${4:+"$4"} |
		median)
}
# resident NAME COLS ROWS MARKER COMMAND: launches COMMAND in a session of
# its own, and once MARKER shows, prints its peak memory (kB). The session
# stays, for the idle window.
resident() {
	local name=$1 cols=$2 rows=$3 marker=$4 cmd=$5 pid i
	TM new-session -d -s "$name" -x "$cols" -y "$rows" "exec $cmd" || return
	for ((i = 0; i < 250; i++)); do
		TM capture-pane -p -t "$name" 2>/dev/null | grep -qF -- "$marker" && break
		sleep 0.02
	done
	sleep 0.5
	pid=$(TM display -p -t "$name" '#{pane_pid}')
	awk '/^VmHWM/ { print $2 }' "/proc/$pid/status"
}
if has tmux && [ -x "$PY" ]; then
	TM new-session -d -s keep -x 80 -y 24 'exec sleep 86400'
	frames shell 'ready>' "env PS1='ready> ' sh -i" exit
	# needlecare's marker is on its bottom line, the last one drawn: the
	# time is that of the whole frame, not of its first line.
	FRAME_SAVE="$TMP/frame" frames nc 'quit' "$(q "$NC")" q
	[ -s "$TMP/frame" ] && frames floor 'quit' "$(q "$FRAME_FLOOR") $(q "$TMP/frame")" q
	has calcurse && frames cal 'Appointments' "$(q calcurse -D "$CAL")" q
	R[ui.nc.100]=$(resident nc100 100 30 'needlecare' "$(q "$NC")")
	R[ui.nc.200]=$(resident nc200 200 60 'needlecare' "$(q "$NC")")
	if has calcurse; then
		# One calcurse a data folder: each takes a lock.
		for c in cal100 cal200; do cp -r "$CAL" "$TMP/$c"; done
		R[ui.cal.100]=$(resident cal100 100 30 'Appointments' "$(q calcurse -D "$TMP/cal100")")
		R[ui.cal.200]=$(resident cal200 200 60 'Appointments' "$(q calcurse -D "$TMP/cal200")")
	fi
fi

# --- idle: what wakes each program over IDLE seconds, all watched at once
WAITS='^[0-9]+ +(<\.\.\. )?(poll|ppoll|select|pselect6|epoll_wait|epoll_pwait|nanosleep|clock_nanosleep|pause|rt_sigsuspend|rt_sigtimedwait|restart_syscall)[( ]'
watch_pid() {
	local key=$1 pid=$2
	[ -n "$pid" ] && [ -d "/proc/$pid" ] || return
	strace -f -qq -p "$pid" -o "$TMP/logs/idle.$key" 2>/dev/null &
	PIDS+=($!)
	WATCHERS+=("$key:$!")
}
WATCHERS=()
if has tmux && has strace; then
	watch_pid nc.ui "$(TM display -p -t nc200 '#{pane_pid}' 2>/dev/null)"
	has calcurse && watch_pid cal.ui "$(TM display -p -t cal200 '#{pane_pid}' 2>/dev/null)"
fi
if has strace; then
	"$NC" daemon >"$TMP/daemon.out" 2>&1 &
	DAEMON=$!
	PIDS+=($DAEMON)
	if has remind; then
		remind -z "$TMP/plan.rem" >"$TMP/remind.out" 2>&1 &
		REMIND=$!
		PIDS+=($REMIND)
	fi
	if has calcurse; then
		cp -r "$CAL" "$TMP/cald"
		SHELL=/bin/sh calcurse -D "$TMP/cald" --daemon >/dev/null 2>&1
		sleep 0.5
		CALD=$(cat "$TMP/cald/.daemon.pid" 2>/dev/null)
		[ -n "$CALD" ] && PIDS+=($CALD)
	fi
	# Lateness of the peers, within the idle window (their reminders are
	# set in whole minutes): a reminder at the first minute 40 s away.
	LATE_AT=$(( ($(date +%s) + 100) / 60 * 60 ))
	if [ "$IDLE" -ge 100 ]; then
		if has remind; then
			printf 'REM %s AT %s MSG bench reminder\n' "$(date -d "@$LATE_AT" '+%d %b %Y')" \
				"$(date -d "@$LATE_AT" +%H:%M)" > "$TMP/late.rem"
			remind -z "$TMP/late.rem" > "$TMP/logs/remind.fifo.out" 2>&1 &
			PIDS+=($!)
			RLATE=$!
		fi
		if has calcurse; then
			# calcurse runs its command when an appointment is less than
			# notification.warning seconds away, as its daemon finds on
			# waking: here 1 s, for an appointment at that minute.
			mkdir -p "$TMP/call"
			: > "$TMP/call/todo"
			printf '%s |bench reminder\n' \
				"$(date -d "@$LATE_AT" '+%m/%d/%Y @ %H:%M -> %m/%d/%Y @ %H:%M')" > "$TMP/call/apts"
			printf 'notification.warning=1\nnotification.notifyall=all\nnotification.command=date +%%s.%%N >> %s\n' \
				"$TMP/logs/calcurse.fired" > "$TMP/call/conf"
			SHELL=/bin/sh calcurse -D "$TMP/call" --daemon >/dev/null 2>&1
			sleep 0.5
			CALL=$(cat "$TMP/call/.daemon.pid" 2>/dev/null)
			[ -n "$CALL" ] && PIDS+=($CALL)
		fi
	fi
	sleep 1 # start-up is not idling
	watch_pid nc.daemon "$DAEMON"
	has remind && watch_pid rem.daemon "$REMIND"
	has calcurse && watch_pid cal.daemon "${CALD:-}"
fi

# --- lateness: needlecare's daemon with a mock notification server on a
# private bus, started 3 s before a reminder falls due (--now); meanwhile
# the idle window runs.
lateness() {
	local cfg="$TMP/late.ini" proto="$TMP/late-protocol.ini" when
	has dbus-run-session && $PY -c 'import dbusmock' 2>/dev/null || { note "no dbusmock"; return; }
	printf '[protocol]\nname = Bench\n\n[due]\nstart = 0min\nkind = info\nphase = day-of\ntitle = Bench reminder due\nbody = Now.\n' > "$proto"
	when=$(date -d '+3 days' '+%F 10:30')
	printf '[course]\nprotocol = %s\n\n[notify]\nquiet-hours = none\n\n[session.1]\nstart = %s\nzone = %s\nbooked = %s\n' \
		"$proto" "$when" "$TZ" "$(date '+%F %T')" > "$cfg"
	XDG_STATE_HOME="$TMP/late-state" dbus-run-session --config-file="$ROOT/tests/notify/session.conf" -- bash -c '
		LOG=$1 NC=$2 CFG=$3 WHEN=$4 PY=$5
		$PY -m dbusmock --session --template notification_daemon -l "$LOG" >/dev/null 2>&1 &
		mock=$!
		for _ in $(seq 100); do
			dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
				org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null |
				grep -q "boolean true" && break
			sleep 0.05
		done
		start=$EPOCHREALTIME
		"$NC" --config "$CFG" --now "$(date -d "$WHEN 3 seconds ago" "+%F %T")" daemon >/dev/null 2>&1 &
		daemon=$!
		for _ in $(seq 200); do grep -q "Bench reminder due" "$LOG" 2>/dev/null && break; sleep 0.05; done
		kill $daemon $mock 2>/dev/null
		wait $daemon $mock 2>/dev/null
		echo "$start" > "$LOG.start"
	' bash "$TMP/mock.log" "$NC" "$cfg" "$when" "$PY" >/dev/null 2>&1
	local sent start
	sent=$(awk '/Bench reminder due/ { print $1; exit }' "$TMP/mock.log" 2>/dev/null)
	start=$(cat "$TMP/mock.log.start" 2>/dev/null)
	[ -n "$sent" ] && [ -n "$start" ] &&
		R[late.nc]=$(awk -v s="$sent" -v t="$start" 'BEGIN { printf "%.3f", s - (t + 3) }')
}
lateness

sleep "$IDLE"
for w in "${WATCHERS[@]}"; do kill "${w#*:}" 2>/dev/null; done
sleep 0.2
for w in "${WATCHERS[@]}"; do
	key=${w%%:*}
	# Calls that returned: the one in progress at the start or end of the
	# window is not counted.
	# A poll with a zero time-out only looks, and never sleeps.
	R[wake.$key]=$(grep -E "$WAITS" "$TMP/logs/idle.$key" 2>/dev/null | grep -vE '^[0-9]+ +poll\(.*, 0\) +=' |
		grep -c ') = ')
	R[calls.$key]=$(grep -c ') = ' "$TMP/logs/idle.$key" 2>/dev/null)
done
# remind prints the reminder when it is due; its time is when the line
# was written, read back from the file's modification time.
if [ -s "$TMP/logs/remind.fifo.out" ]; then
	R[late.rem]=$(awk -v m="$(stat -c %.9Y "$TMP/logs/remind.fifo.out")" -v t="$LATE_AT" 'BEGIN { printf "%.3f", m - t }')
fi
if [ -s "$TMP/logs/calcurse.fired" ]; then
	R[late.cal]=$(awk -v t="$LATE_AT" 'NR == 1 { printf "%.3f", $1 - t }' "$TMP/logs/calcurse.fired")
fi

# --- the table
ratio() { # ratio A B: A/B, as "1.23×", or "-"
	awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.2f×\n", a / b }'
}
mega() { awk -v a="${1:-}" 'BEGIN { if (a == "") print "-"; else printf "%.2f M\n", a / 1e6 }'; }
mb() { awk -v a="${1:-}" 'BEGIN { if (a == "") print "-"; else printf "%.1f MB\n", a / 1024 }'; }
ms() { awk -v a="${1:-}" 'BEGIN { if (a == "") print "-"; else printf "%.1f ms\n", a * 1000 }'; }
# w NAME [SUFFIX]: "ratio to true (ratio to floor)"
w() {
	local s=${2:-}
	local a=${R[wall.$1]:-}
	[ -n "$a" ] || { echo "-"; return; }
	echo "$(ratio "$a" "${R[wall.true$s]:-}") ($(ratio "$a" "${R[wall.floor$s]:-}") floor)"
}
plus() { # instructions above the floor
	awk -v a="${R[ir.$1]:-}" -v f="${R[ir.floor]:-}" 'BEGIN { if (a == "" || f == "") print ""; else printf ", floor %+.2f M\n", (a - f) / 1e6 }'
}
over() { # NAME: Spanish instructions above C's (goal: at most +0.3 M)
	awk -v a="${R[ir.$1.es]:-}" -v c="${R[ir.$1]:-}" 'BEGIN { if (a == "" || c == "") print ""; else printf ", C %+.2f M\n", (a - c) / 1e6 }'
}
per_min() { awk -v n="${1:-}" -v s="$IDLE" 'BEGIN { if (n == "") print "-"; else printf "%.1f/min\n", n * 60 / s }'; }
frame_cell() { # KEY [FLOOR_KEY]
	local f=${R[frame.$1]:-} b=${R[frame.shell]:-} l=${2:+${R[frame.$2]:-}}
	[ -n "$f" ] && [ -n "$b" ] || { echo "-"; return; }
	awk -v f="$f" -v b="$b" -v l="$l" 'BEGIN {
		printf "%.2f× (%.1f ms, shell %.1f ms%s)\n", f / b, f / 1000, b / 1000,
		       l == "" ? "" : sprintf("; %.2f× the frame floor", f / l) }'
}
ver() { "$@" 2>&1 | grep -oE '[0-9]+\.[0-9]+(\.[0-9]+)?' | head -1; }
CALV=$(has calcurse && ver calcurse --version)
REMV=$(has remind && remind -v 2>&1 | grep -oE '[0-9]{2}\.[0-9]{2}\.[0-9]{2}' | head -1)
row() { printf '| %s | %s | %s | %s |\n' "$@"; }

echo
echo "needlecare $("$NC" -V | cut -d' ' -f2) beside calcurse ${CALV:--} and remind ${REMV:--}, $(date +%F), $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME")"
echo "(wall: median of $ROUNDS rounds' medians of $RUNS runs, as a ratio to /bin/true and to the floor, measured in the same rounds; instructions: callgrind, total Ir)"
echo
row "task" "needlecare" "calcurse" "remind"
row "---" "---" "---" "---"
row "/bin/true: wall / instructions / peak memory" "$(ms "${R[wall.true]:-}") / $(mega "${R[ir.true]:-}") / $(mb "${R[mem.true]:-}")" "" ""
row "floor program: wall / instructions / peak memory" "$(w floor) / $(mega "${R[ir.floor]:-}") / $(mb "${R[mem.floor]:-}")" "" ""
row "next (cached): wall" "$(w nc.next)" "$(w cal.next)" "$(w rem.next)"
row "next: instructions / peak memory" "$(mega "${R[ir.nc.next]:-}")$(plus nc.next) / $(mb "${R[mem.nc.next]:-}")" \
	"$(mega "${R[ir.cal.next]:-}") / $(mb "${R[mem.cal.next]:-}")" "$(mega "${R[ir.rem.next]:-}") / $(mb "${R[mem.rem.next]:-}")"
row "today (cached): wall" "$(w nc.today)" "" ""
row "today: instructions / peak memory" "$(mega "${R[ir.nc.today]:-}")$(plus nc.today) / $(mb "${R[mem.nc.today]:-}")" "" ""
row "next in Spanish (es_ES.UTF-8): instructions / peak memory" "$(mega "${R[ir.nc.next.es]:-}")$(over nc.next) / $(mb "${R[mem.nc.next.es]:-}")" "" ""
row "today in Spanish (es_ES.UTF-8): instructions / peak memory" "$(mega "${R[ir.nc.today.es]:-}")$(over nc.today) / $(mb "${R[mem.nc.today.es]:-}")" "" ""
row "timeline, 6 sessions (peers: 90 days, 3 months): wall" "$(w nc.timeline)" "$(w cal.90)" "$(w rem.90)"
row "timeline: instructions / peak memory" "$(mega "${R[ir.nc.timeline]:-}") / $(mb "${R[mem.nc.timeline]:-}")" \
	"$(mega "${R[ir.cal.90]:-}") / $(mb "${R[mem.cal.90]:-}")" "$(mega "${R[ir.rem.90]:-}") / $(mb "${R[mem.rem.90]:-}")"
row "next without the cache: wall / instructions" "$(w nc.next.u .u) / $(mega "${R[ir.nc.next.u]:-}")" "" ""
row "today without the cache: wall / instructions" "$(w nc.today.u .u) / $(mega "${R[ir.nc.today.u]:-}")" "" ""
row "500-milestone protocol, load and date (no cache): wall / instructions" \
	"$(ms "${R[wall.nc.big.u]:-}") / $(mega "${R[ir.nc.big.u]:-}")" "" ""
row "500-milestone protocol, next with the cache: wall / instructions" \
	"$(w nc.bignext) / $(mega "${R[ir.nc.bignext]:-}")" "" ""
row "interface first frame (tmux, 100×30) vs a bare shell" "$(frame_cell nc floor)" "$(frame_cell cal)" "-"
row "frame floor: ncurses' start-up sending needlecare's frame, vs the shell" "$(frame_cell floor)" "" ""
row "interface peak memory at 100×30 / 200×60" "$(mb "${R[ui.nc.100]:-}") / $(mb "${R[ui.nc.200]:-}")" \
	"$(mb "${R[ui.cal.100]:-}") / $(mb "${R[ui.cal.200]:-}")" "-"
row "idle wake-ups over ${IDLE} s: interface" "$(per_min "${R[wake.nc.ui]:-}") (${R[calls.nc.ui]:--} calls)" \
	"$(per_min "${R[wake.cal.ui]:-}") (${R[calls.cal.ui]:--} calls)" "-"
row "idle wake-ups over ${IDLE} s: daemon" "$(per_min "${R[wake.nc.daemon]:-}") (${R[calls.nc.daemon]:--} calls)" \
	"$(per_min "${R[wake.cal.daemon]:-}") (${R[calls.cal.daemon]:--} calls)" \
	"$(per_min "${R[wake.rem.daemon]:-}") (${R[calls.rem.daemon]:--} calls)"
late() { awk -v l="${1:-}" 'BEGIN { if (l == "") print "-"; else printf "%.0f ms\n", l * 1000 }'; }
row "daemon: reminder delivered after its time (negative: before)" "$(late "${R[late.nc]:-}")" "$(late "${R[late.cal]:-}")" "$(late "${R[late.rem]:-}")"
exit 0
