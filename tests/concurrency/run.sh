#!/usr/bin/env bash
# Nothing reported as saved is ever lost (issue 16). Pairs of writers are
# started together, round after round: book×book, book×move, move×cancel,
# book×screen, screen×screen, log×log, forget×book, and the interface (in
# tmux) saving from its Booking and its Screening screen × book. After each
# round every command that exited 0 has its change in the file, every
# command that failed said why (only where changes conflict may one fail),
# and every file parses.
# Then the cases that polling cannot leave to chance, each made certain by
# holding a lock from here (or stopping a process): a writer that waits
# too long gives up and says so; readers never wait for a lock; a session
# moved or cancelled while a command (or the interface) waited is refused,
# naming what changed; the interactive screen applies only the answers
# typed; the interface applies only what it changed and then shows the
# file as it is; a writer that waited for forget writes nothing back, and
# a reader caching its plan meanwhile leaves no cache. Last, crash safety:
# a locked update killed at each of its system calls that write, lock or
# make a file leaves the old or the new file, and the kernel drops the
# lock (the next command does not wait).
#
# "Together": each command waits behind a shared flock on a gate file that
# this script holds exclusively; once /proc/locks shows every one of them
# blocked there, the gate opens and they start within a millisecond.
#
# It runs once, against the build it is given: check.sh gives it the gcc
# build. The races are the kernel's (flock, rename, O_APPEND) and the same
# in every build; a command of the plain build starts about seven times
# faster than one of the sanitizer build, and the suite takes about 30
# seconds against 65; the sanitizers see the same code in tests/cli,
# tests/tui and tests/faults (and this suite passes on the sanitizer build
# too). Where the gate or the screen is waited for, it is polled.
#
# usage: tests/concurrency/run.sh path/to/needlecare
#        ROUNDS=N: rounds a pair (30); KEEP=1: the files stay, to look at
set -u
NC=$(realpath "$1")
cd "$(dirname "$0")/../.."
ROOT=$PWD
. tests/lib.sh
ROUNDS=${ROUNDS:-30}
TMP=$(mktemp -d /tmp/nclock.XXXXXXXX)
SRV=nclock-$$
PIDS=
tm() { tmux -L "$SRV" -f /dev/null "$@"; }
cleanup() {
	tm kill-server 2>/dev/null
	for pid in $PIDS; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
	exec 5>&- 8>&- 9>&-
	[ -n "${KEEP:-}" ] && { echo "kept $TMP"; return; }
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
private_home "$TMP"
# No desktop: nothing here is due, and nothing may reach the tester's.
unset DBUS_SESSION_BUS_ADDRESS DISPLAY TMUX
# LeakSanitizer cannot work under ptrace (the crash cases), should the
# sanitizer build be given.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"

CARE=$ROOT/tests/fixtures/tui/care.ini # frozen: the shipped ones change
NOW='2026-11-25 10:00:00'
CFG=$TMP/cfg/config.ini
mkdir -p "$TMP/cfg"
S0='start = 2027-01-10 10:00'
S1='start = 2027-05-10 10:00'
# A configuration with the session of 10 January, and more sections.
# initial FILE [START-LINE...]: and more sessions.
initial() {
	local f=$1 n=1 s text
	shift
	printf -v text '; mine\n[course]\nprotocol = %s\n' "$CARE"
	for s in "$S0" "$@"; do
		printf -v text '%s\n[session.%d]\n%s\nzone = Europe/Berlin\nbooked = 2026-11-20 10:00:00\n' \
			"$text" $n "$s"
		n=$((n + 1))
	done
	[ -d "${f%/*}" ] || mkdir -p "${f%/*}"
	printf '%s' "$text" > "$f.tmp"
	mv "$f.tmp" "$f"
}
reset() { initial "$CFG" "$@"; }
# For forget × a reader, near the end: plans are cached only from files
# that have not changed for a second, which these will not have by then.
initial "$TMP/forget1/config.ini"
initial "$TMP/forget2/config.ini"
initial "$TMP/forget3/config.ini"
nc() { "$NC" --config "$CFG" --now "$NOW" "$@"; }

# The checks of a round are made in bash itself: a process costs a few
# milliseconds here, and a round makes dozens of checks.
# has FILE LINE: LINE is a whole line of FILE. says FILE TEXT: FILE holds
# TEXT.
has() { [[ $'\n'$(<"$1")$'\n' == *$'\n'"$2"$'\n'* ]]; }
says() { [[ $(<"$1") == *"$2"* ]]; }
not() { ! "$@"; }
either() { [ "$1" = "$2" ] || [ "$1" = "$3" ]; }
match() { [[ $1 =~ $2 ]]; }
# nap SECONDS: a wait for a poll, without a sleep process (read times out
# on a FIFO nothing writes to).
mkfifo "$TMP/nap"
exec 5<>"$TMP/nap"
nap() { read -r -t "$1" -u 5 _ || :; }

# ---------------------------------------------------------------------------
# The gate.
GATE=$TMP/gate
: > "$GATE"
GATE_INO=$(stat -c %i "$GATE")
exec 9>"$GATE"
flock -x 9
# run NAME ARGS...: needlecare with ARGS, held at the gate; its output in
# $TMP/NAME.out and .err, and once go has waited for it, its status in
# ${RC[NAME]} (flock ends with the status of what it ran).
declare -A PID_OF RC
run() {
	local name=$1
	shift
	flock -s "$GATE" "$NC" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" 5>&- 9>&- &
	PID_OF[$name]=$!
	PIDS+=" $!"
}
# waiters: how many wait at the gate, in $WAITERS.
waiters() {
	local line
	WAITERS=0
	while IFS= read -r line; do
		[[ $line == *"-> FLOCK "*":$GATE_INO "* ]] && WAITERS=$((WAITERS + 1))
	done < /proc/locks
}
# go N [COMMAND]: once N commands wait at the gate, opens it (and runs
# COMMAND at the same moment), waits for them, and closes it again.
go() {
	local i name
	for ((i = 0; i < 500; i++)); do
		waiters
		[ "$WAITERS" -ge "$1" ] && break
		nap 0.01
	done
	flock -u 9
	[ $# -gt 1 ] && "${@:2}"
	RC=()
	for name in "${!PID_OF[@]}"; do
		wait "${PID_OF[$name]}"
		RC[$name]=$?
	done
	PID_OF=()
	PIDS=
	flock -x 9
}

# ---------------------------------------------------------------------------
# The verdicts of a round.
rounds=0
lost=0
refused=0
PAIR=
r=0
# said_why NAME: NAME failed, with a message, and without claiming success.
said_why() {
	if [ -s "$TMP/$1.err" ] && ! [[ $(<"$TMP/$1.out") =~ Booked|Moved|Cancelled|saved ]]; then
		refused=$((refused + 1))
		ok
	else
		bad "$PAIR round $r: $1 failed without saying why (exit ${RC[$1]})" \
			"$(cat "$TMP/$1.out" "$TMP/$1.err")"
	fi
}
# kept NAME SAID FILE LINE: NAME exited 0, said SAID, and LINE is in FILE;
# or it failed and said why, in a pair whose changes can conflict
# (CONFLICTS set): the others have no reason to refuse anything.
CONFLICTS=
kept() {
	local name=$1 said=$2 file=$3 line=$4
	if [ "${RC[$name]}" != 0 ] && [ -z "$CONFLICTS" ]; then
		bad "$PAIR round $r: $name was refused, and nothing conflicts" \
			"$(cat "$TMP/$name.out" "$TMP/$name.err")"
	elif [ "${RC[$name]}" != 0 ]; then
		said_why "$name"
	elif ! says "$TMP/$name.out" "$said"; then
		bad "$PAIR round $r: $name exited 0 without saying \"$said\"" "$(cat "$TMP/$name.out")"
	elif has "$file" "$line"; then
		ok
	else
		lost=$((lost + 1))
		bad "$PAIR round $r: LOST: $name said \"$said\" but \"$line\" is not in $file" \
			"$(cat "$TMP/$name.out")" "$(cat "$file")"
	fi
}
# parses [CONFIG]: needlecare check finds no problem, and no temporary
# file is left beside it.
parses() {
	local f=${1:-$CFG}
	if "$NC" --config "$f" check >"$TMP/check.out" 2>&1; then ok; else
		bad "$PAIR round $r: $f does not parse" "$(cat "$TMP/check.out")" "$(cat "$f")"
	fi
	that "$PAIR round $r: no temporary file is left" no_temporary "$f"
}
no_temporary() { ! compgen -G "$1.??????" >/dev/null; }
pair_done() { echo "$PAIR: $ROUNDS rounds${1:+, $1}"; }

# ---------------------------------------------------------------------------
PAIR=book×book
for ((r = 1; r <= ROUNDS; r++)); do
	rounds=$((rounds + 1))
	reset
	run a --config "$CFG" --now "$NOW" book 2027-05-10 10:00
	run b --config "$CFG" --now "$NOW" book 2027-09-10 10:00
	go 2
	kept a Booked "$CFG" "$S1"
	kept b Booked "$CFG" 'start = 2027-09-10 10:00'
	that "$PAIR round $r: the session booked before stays" has "$CFG" "$S0"
	# One after the other: each counted the course as the other left it.
	counts=
	for n in a b; do
		[[ $(<"$TMP/$n.out") =~ now\ has\ ([0-9]+)\ sessions ]] && counts+="${BASH_REMATCH[1]} "
	done
	that "$PAIR round $r: one saw 2 sessions, the other 3 (saw: $counts)" either "$counts" "2 3 " "3 2 "
	parses
done
pair_done

PAIR=book×move
for ((r = 1; r <= ROUNDS; r++)); do
	rounds=$((rounds + 1))
	reset "$S1"
	run a --config "$CFG" --now "$NOW" book 2027-09-10 10:00
	run b --config "$CFG" --now "$NOW" book --move 2027-05-10 2027-06-10 10:00
	go 2
	kept a Booked "$CFG" 'start = 2027-09-10 10:00'
	kept b 'Moved to' "$CFG" 'start = 2027-06-10 10:00'
	[ "${RC[b]}" = 0 ] && that "$PAIR round $r: the moved session left its old date" \
		not has "$CFG" "$S1"
	that "$PAIR round $r: the session booked before stays" has "$CFG" "$S0"
	parses
done
pair_done

# Conflicting changes: one of them wins, the other is refused and says
# what changed (or, when it read the file after the change, that there is
# no such session).
PAIR=move×cancel
CONFLICTS=yes
named=0
for ((r = 1; r <= ROUNDS; r++)); do
	rounds=$((rounds + 1))
	reset "$S1"
	run a --config "$CFG" --now "$NOW" book --move 2027-05-10 2027-06-10 10:00
	run b --config "$CFG" --now "$NOW" book --cancel 2027-05-10
	go 2
	kept a 'Moved to' "$CFG" 'start = 2027-06-10 10:00'
	if [ "${RC[b]}" = 0 ]; then
		that "$PAIR round $r: cancelled: the session is gone" not has "$CFG" "$S1"
	else
		said_why b
	fi
	that "$PAIR round $r: exactly one of them changed the course (exits ${RC[a]} ${RC[b]})" \
		[ $(( RC[a] == 0 )) -ne $(( RC[b] == 0 )) ]
	why=$(<"$TMP/a.err")$(<"$TMP/b.err")
	[[ $why =~ was\ (moved\ to|cancelled) ]] && named=$((named + 1))
	[ "${RC[a]}${RC[b]}" = 00 ] || that "$PAIR round $r: the refused one names the session" \
		match "$why" 'was (moved|cancelled)|no session is booked'
	that "$PAIR round $r: the session booked before stays" has "$CFG" "$S0"
	parses
done
pair_done "$named refused naming what changed meanwhile"
CONFLICTS=

PAIR=book×screen
for ((r = 1; r <= ROUNDS; r++)); do
	rounds=$((rounds + 1))
	reset
	run a --config "$CFG" --now "$NOW" book 2027-05-10 10:00
	run b --config "$CFG" --now "$NOW" screen isotretinoin=yes
	go 2
	kept a Booked "$CFG" "$S1"
	kept b 'Answers saved' "$CFG" 'isotretinoin = yes'
	parses
done
pair_done

PAIR=screen×screen
for ((r = 1; r <= ROUNDS; r++)); do
	rounds=$((rounds + 1))
	reset
	run a --config "$CFG" --now "$NOW" screen isotretinoin=yes
	run b --config "$CFG" --now "$NOW" screen pregnant=no
	go 2
	kept a 'Answers saved' "$CFG" 'isotretinoin = yes'
	kept b 'Answers saved' "$CFG" 'pregnant = no'
	that "$PAIR round $r: the session stays" has "$CFG" "$S0"
	parses
done
pair_done

# log×log: into a new journal each round, where both would write the
# header. Whole lines: every line has the tabs of an entry, the journal
# loads without a damaged line, and each saved check-in is there once.
PAIR=log×log
J=$XDG_STATE_HOME/needlecare/journal
LOGAT=(--protocol "$CARE" --session '2026-12-02 10:30' --now '2026-12-04 10:00:00')
"$NC" "${LOGAT[@]}" log redness=1 note=probe >/dev/null
mapfile -t lines < "$J"
tabs=${lines[1]//[!$'\t']/}
# What keeps an entry whole whatever else writes, seen: the journal is
# opened for appending, and the entry goes in one write.
strace -f -y -s 256 -o "$TMP/log.trace" -e trace=openat,write "$NC" "${LOGAT[@]}" log redness=1 note=traced >/dev/null
appending=0 writes=()
while IFS= read -r line; do
	[[ $line == *'openat('*'needlecare/journal"'*O_APPEND* ]] && appending=1
	[[ $line =~ write\([0-9]+\<[^\>]*needlecare/journal\> ]] && writes+=("$line")
done < "$TMP/log.trace"
that "$PAIR: the journal is opened with O_APPEND" [ $appending = 1 ]
that "$PAIR: the entry is one write (${#writes[@]} writes to the journal)" \
	match "${#writes[*]} ${writes[*]}" '^1 .*traced'
# lines_of FILE TEXT: how many lines of FILE hold TEXT, in $LINES_OF; and
# whether every line after the first has as many tabs as an entry, in
# $WHOLE.
lines_of() {
	local line t lines
	LINES_OF=0 WHOLE=yes
	mapfile -t lines < "$1"
	for line in "${lines[@]}"; do
		[[ $line == *"$2"* ]] && LINES_OF=$((LINES_OF + 1))
	done
	for line in "${lines[@]:1}"; do
		t=${line//[!$'\t']/}
		[ "${#t}" = "${#tabs}" ] || WHOLE=
	done
}
for ((r = 1; r <= ROUNDS; r++)); do
	rounds=$((rounds + 1))
	rm -f "$J"
	run a "${LOGAT[@]}" log redness=2 note="first of round $r"
	run b "${LOGAT[@]}" log pain=1 note="second of round $r"
	go 2
	"$NC" "${LOGAT[@]}" journal --format tsv >"$TMP/entries" 2>"$TMP/jerr"
	that "$PAIR round $r: the journal loads, nothing damaged" [ ! -s "$TMP/jerr" ]
	lines_of "$J" 'needlecare journal'
	that "$PAIR round $r: one header" [ "$LINES_OF" -eq 1 ]
	that "$PAIR round $r: every entry is one whole line" [ -n "$WHOLE" ]
	for n in a b; do
		word=first
		[ $n = b ] && word=second
		if [ "${RC[$n]}" = 0 ]; then
			lines_of "$TMP/entries" "$word of round $r"
			c=$LINES_OF
			if [ "$c" -eq 1 ] && says "$TMP/$n.out" 'Check-in saved'; then ok; else
				lost=$((lost + 1))
				bad "$PAIR round $r: LOST: $n said saved, its entry is there $c times" "$(cat "$J")"
			fi
		else
			bad "$PAIR round $r: $n was refused, and nothing conflicts" "$(cat "$TMP/$n.err")"
		fi
	done
done
pair_done

# forget×book: forget holds the locks while it deletes and deletes them
# last. A book that waited for it gives up ("was deleted"); one that ran
# before is forgotten with the rest; one that started after forget was done
# starts a new file, with its session alone. Never a file that brings back
# what was forgotten, nor one half made.
PAIR=forget×book
CONFLICTS=yes
DCFG=$XDG_CONFIG_HOME/needlecare/config.ini
before=0 after=0 waited=0
for ((r = 1; r <= ROUNDS; r++)); do
	rounds=$((rounds + 1))
	initial "$DCFG"
	"$NC" "${LOGAT[@]}" log redness=1 note=forgotten >/dev/null
	run a forget --yes
	run b --now "$NOW" book 2027-05-10 10:00
	go 2
	that "$PAIR round $r: forget succeeded (exit ${RC[a]})" [ "${RC[a]}" = 0 ]
	that "$PAIR round $r: the journal is gone" [ ! -e "$J" ]
	if [ -e "$DCFG" ]; then
		after=$((after + 1))
		kept b Booked "$DCFG" "$S1"
		that "$PAIR round $r: nothing forgotten came back" not has "$DCFG" "$S0"
		parses "$DCFG"
	elif [ "${RC[b]}" = 0 ]; then
		before=$((before + 1))
		that "$PAIR round $r: booked before forget, and forgotten with the rest" \
			says "$TMP/a.out" "deleted $DCFG"
	else
		waited=$((waited + 1))
		said_why b
		that "$PAIR round $r: the book that waited says the file was deleted" \
			says "$TMP/b.err" "was deleted"
	fi
	if [ ! -e "$DCFG" ]; then
		that "$PAIR round $r: no file is left behind (no lock, no temporary file)" \
			[ -z "$(find "$XDG_CONFIG_HOME" -type f 2>/dev/null)" ]
	fi
	rm -rf "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"
done
pair_done "book before forget $before, after it $after, refused after waiting $waited"
CONFLICTS=

# ---------------------------------------------------------------------------
# The interface in tmux: it books from its Booking screen while book runs.
# The file is reset before each round behind its back, so the interface's
# own copy is stale: what it saves must be applied to the file as it is.
tm new-session -d -s keep -x 80 -y 24 'exec sleep 3600' 9>&-
tm set-option -g remain-on-exit on
snap() { tm capture-pane -p -t "$1" 2>/dev/null; }
start_wait() { wait_end=$(( ${EPOCHREALTIME/./} + 5000000 )); }
waiting() { nap 0.02; (( ${EPOCHREALTIME/./} < wait_end )); }
shown() {
	start_wait
	until [[ $(snap "$1") == *"$2"* ]]; do waiting || return 1; done
}
expect() {
	if shown "$1" "$2"; then ok; else bad "${3:-$1 shows \"$2\"}" "$(snap "$1")"; fi
}
ui() {
	tm new-session -d -s "$1" -x 100 -y 40 \
		"${NC@Q} --config ${CFG@Q} --now ${NOW@Q} 2>${TMP@Q}/$1.uierr; echo EXITED:\$?; exec sleep 3600"
}
ui_pid() { pgrep -P "$(tm display -p -t "$1" '#{pane_pid}')" -x needlecare | head -n1; }
ui_quit() {
	tm send-keys -t "$1" q
	expect "$1" "EXITED:0" "$1: the interface ends"
	that "$1: the interface wrote nothing to standard error" [ ! -s "$TMP/$1.uierr" ]
	tm kill-session -t "$1"
}
# ui_book NAME DATE TIME SHOWN: the Booking form filled in and the focus on
# its button, Enter not pressed.
ui_book() {
	tm send-keys -t "$1" b
	shown "$1" "+ New session" || shown "$1" "Book your session"
	tm send-keys -t "$1" n "$2" Space "$3"
	expect "$1" "✓ $4" "$PAIR round $r: the interface took the date"
	tm send-keys -t "$1" Down Down Down
}

PAIR="interface×book"
reset
ui tui
expect tui "Session in 46 days" "the interface opens"
for ((r = 1; r <= ROUNDS; r++)); do
	rounds=$((rounds + 1))
	reset
	ui_book tui 2027-09-10 10:00 'Fri 10 Sep 2027 10:00'
	run c --config "$CFG" --now "$NOW" book 2027-05-10 10:00
	go 1 tm send-keys -t tui Enter
	start_wait
	until match "$(snap tui)" 'Booked: session on Fri 10 Sep 2027|Not saved'; do waiting || break; done
	status=$(snap tui | grep -E 'Booked: session on|Not saved' | tr -s ' ')
	kept c Booked "$CFG" "$S1"
	if [[ $status == *"Booked: session on Fri 10 Sep 2027 10:00"* ]]; then
		if has "$CFG" 'start = 2027-09-10 10:00'; then ok; else
			lost=$((lost + 1))
			bad "$PAIR round $r: LOST: the interface said booked, the file does not have it" "$(cat "$CFG")"
		fi
		# Saved to the file as it was: the course has 2 or 3 sessions, not
		# the stale 3 plus one; and the two counts say one went after the other.
		ui_n= cli_n=
		[[ $status =~ The\ course\ has\ ([0-9]+)\ sessions ]] && ui_n=${BASH_REMATCH[1]}
		[[ $(<"$TMP/c.out") =~ now\ has\ ([0-9]+)\ sessions ]] && cli_n=${BASH_REMATCH[1]}
		that "$PAIR round $r: the interface saved to the file as it is now (it counted $ui_n, book $cli_n)" \
			either "$ui_n $cli_n" "2 3" "3 2"
	elif [[ $status == *"Not saved"* ]]; then
		bad "$PAIR round $r: the interface was refused, and nothing conflicts" "$(snap tui)"
	else
		bad "$PAIR round $r: the interface said neither booked nor not saved" "$(snap tui)"
	fi
	that "$PAIR round $r: the session booked before stays" has "$CFG" "$S0"
	parses
done
pair_done

# The Screening screen saves an answer while book runs.
PAIR="interface screening×book"
for ((r = 1; r <= ROUNDS; r++)); do
	rounds=$((rounds + 1))
	reset
	tm send-keys -t tui s Home
	# The keys are through once the last round's word has gone.
	start_wait
	until scr=$(snap tui); [[ $scr == *' Screening'* ]] && ! match "$scr" 'Saved: |Booked: '; do
		waiting || break
	done
	run c --config "$CFG" --now "$NOW" book 2027-05-10 10:00
	go 1 tm send-keys -t tui y
	expect tui "Saved: pregnant = yes" "$PAIR round $r: the interface saved the answer"
	kept c Booked "$CFG" "$S1"
	if has "$CFG" 'pregnant = yes'; then ok; else
		lost=$((lost + 1))
		bad "$PAIR round $r: LOST: the interface said saved, the file does not have it" "$(cat "$CFG")"
	fi
	parses
done
pair_done
ui_quit tui

echo "$rounds rounds, $lost lost ($refused refused and said why)"

# ---------------------------------------------------------------------------
# Certain cases: this script holds a lock itself (fd 8).
PAIR=certain
r=0
LOCK=$CFG.lock
# Whatever starts while a lock is held here must not inherit it (8>&-):
# a flock belongs to the open file, and goes with it to a child.
hold() { exec 8>>"$1"; flock -x 8; }
release() { exec 8>&-; }
# opened PID FILE: waits until process PID has FILE open (it is then past
# its first read of the configuration, and polling for the lock).
opened() {
	start_wait
	until [ -n "$(find "/proc/$1/fd" -lname "$2" 2>/dev/null)" ]; do waiting || return 1; done
}

# A writer that cannot get the lock within a few seconds says so and
# changes nothing; the interface too. Both wait at the same time.
reset
cp "$CFG" "$TMP/held.ini"
ui busy
expect busy "Session in 46 days"
ui_book busy 2027-09-10 10:00 'Fri 10 Sep 2027 10:00'
hold "$LOCK"
t0=${EPOCHREALTIME/./}
tm send-keys -t busy Enter
nc book 2027-05-10 10:00 >"$TMP/busy.out" 2>"$TMP/busy.err"
rc=$?
ms=$(( (${EPOCHREALTIME/./} - t0) / 1000 ))
that "busy: book exits 1 (got $rc)" [ $rc -eq 1 ]
that "busy: after a few seconds (${ms} ms), not at once nor for ever" \
	bash -c "[ $ms -ge 4000 ] && [ $ms -lt 9000 ]"
that "busy: it says the file is busy, names the lock, and that nothing changed" \
	grep -qF "needlecare: $CFG is busy: another needlecare has been changing it for 5 seconds (it holds $LOCK); nothing was changed, try again" "$TMP/busy.err"
that "busy: it does not say booked" bash -c "! grep -q Booked '$TMP/busy.out'"
expect busy "Not saved: $CFG is busy" "busy: the interface says so"
release
that "busy: the file is as it was" cmp -s "$CFG" "$TMP/held.ini"
ui_quit busy
t0=${EPOCHREALTIME/./}
nc book 2027-05-10 10:00 >"$TMP/out" 2>&1
ms=$(( (${EPOCHREALTIME/./} - t0) / 1000 ))
that "busy: once free, the next book succeeds at once (${ms} ms)" \
	bash -c "grep -q Booked '$TMP/out' && [ $ms -lt 2000 ]"

# Readers never wait: with the locks of the configuration, the state and
# the journal all held here, every command that only reads answers at
# once (a wait would last the 5 seconds of a writer), and so does the
# interface.
nc log redness=1 >/dev/null
SLOCK=$XDG_STATE_HOME/needlecare/state.lock
JLOCK=$XDG_STATE_HOME/needlecare/journal.lock
exec 6>>"$SLOCK" 7>>"$JLOCK"
flock -x 6
flock -x 7
hold "$LOCK"
for cmd in sessions next today timeline check 'screen --list' journal "export --ics $TMP/x.ics"; do
	t0=${EPOCHREALTIME/./}
	# shellcheck disable=SC2086 # the words of cmd are its arguments
	nc $cmd >/dev/null 2>"$TMP/err" 6>&- 7>&- 8>&-
	rc=$?
	ms=$(( (${EPOCHREALTIME/./} - t0) / 1000 ))
	that "readers: $cmd answers at once while every lock is held (exit $rc, ${ms} ms)" \
		bash -c "[ $rc -eq 0 ] && [ $ms -lt 1000 ]"
done
ui readers 6>&- 7>&- 8>&-
expect readers "in 46 days" "readers: the interface opens while every lock is held"
release
exec 6>&- 7>&-
ui_quit readers

# A session moved by another process while book --cancel waited for the
# lock: refused, naming what changed.
reset "$S1"
hold "$LOCK"
"$NC" --config "$CFG" --now "$NOW" book --cancel 2027-05-10 >"$TMP/m.out" 2>"$TMP/m.err" 8>&- 9>&- &
pid=$!
PIDS+=" $pid"
opened $pid "$LOCK"
initial "$CFG" 'start = 2027-06-10 10:00'
release
wait $pid
rc=$?
PIDS=
that "moved meanwhile: book --cancel exits 1 (got $rc)" [ $rc -eq 1 ]
that "moved meanwhile: it names what changed" grep -qF \
	"needlecare: the session on Mon 10 May 2027 10:00 was moved to Thu 10 Jun 2027 10:00 by another needlecare while this waited; nothing was changed" "$TMP/m.err"
that "moved meanwhile: the move stays" has "$CFG" 'start = 2027-06-10 10:00'

# The interactive screen asks before it takes the lock; what another
# needlecare saved while the patient thought it over stays, and only the
# answers typed are applied.
reset
mkfifo "$TMP/answers"
nc screen <"$TMP/answers" >"$TMP/i.out" 2>&1 8>&- 9>&- &
PIDS=$!
exec 4>"$TMP/answers"
start_wait
until says "$TMP/i.out" 'Are you pregnant'; do waiting || break; done
nc screen isotretinoin=yes >/dev/null
printf 'y\n' >&4
exec 4>&-
wait $PIDS
rc=$?
PIDS=
that "interactive screen: it saves (exit $rc)" bash -c "[ $rc -eq 0 ] && grep -q 'Answers saved' '$TMP/i.out'"
that "interactive screen: the answer typed is in the file" has "$CFG" 'pregnant = yes'
that "interactive screen: the answer saved meanwhile stays" has "$CFG" 'isotretinoin = yes'
# Cancelled meanwhile, while the interface was moving it.
reset "$S1"
ui conf
expect conf "in 46 days"
tm send-keys -t conf b
expect conf "2 sessions booked"
tm send-keys -t conf Up Enter
expect conf "Change session 2: a new date moves it"
tm send-keys -t conf -N 5 BSpace
tm send-keys -t conf 11:00 Down Down Down
expect conf "✓ Mon 10 May 2027 11:00"
hold "$LOCK"
tm send-keys -t conf Enter
pid=$(ui_pid conf)
opened "$pid" "$LOCK"
initial "$CFG"
release
expect conf "Not saved: the session on Mon 10 May 2027 10:00 was cancelled by another needlecare meanwhile" \
	"cancelled meanwhile: the interface refuses, naming what changed"
expect conf "1 session booked" "cancelled meanwhile: the interface shows the course as it is now"
that "cancelled meanwhile: the file is as the other left it" bash -c "! grep -q '2027-05-10' '$CFG'"
ui_quit conf

# The interface applies only what it changed, and then shows the file as
# it is, changes made outside it included.
reset
ui fresh
expect fresh "Session in 46 days"
ui_book fresh 2027-09-10 10:00 'Fri 10 Sep 2027 10:00'
nc screen cold-sores=yes >/dev/null
nc book 2027-05-10 10:00 >/dev/null
tm send-keys -t fresh Enter
expect fresh "Booked: session on Fri 10 Sep 2027 10:00. The course has 3 sessions" \
	"outside changes: the interface booked into the file as it is now"
that "outside changes: the answer given outside stays (the form had not changed it)" \
	has "$CFG" 'cold-sores = yes'
nc book --cancel 2027-05-10 >/dev/null
tm send-keys -t fresh s y
expect fresh "Saved: " "outside changes: a screening answer saved"
tm send-keys -t fresh b
expect fresh "2 sessions booked" "outside changes: after a save, the interface shows what the file holds"
ui_quit fresh

# forget while the interface is open: its next save is refused, and it
# shows that nothing is booked any more; a save after that starts afresh.
reset
ui gone
expect gone "in 46 days"
"$NC" --config "$CFG" forget --yes >/dev/null 2>&1
tm send-keys -t gone s y
expect gone "Not saved: $CFG was deleted" "forgotten while open: the interface does not write the file back"
that "forgotten while open: no file" bash -c "[ ! -e '$CFG' ] && [ ! -e '$CFG.lock' ]"
tm send-keys -t gone b
expect gone "Book your session" "forgotten while open: the interface shows nothing booked"
tm send-keys -t gone s y
expect gone "Saved: " "forgotten while open: then a save starts a new file"
r=0 parses
ui_quit gone
# The same for a tick in the checklist: no state file is made again for
# a course forgotten meanwhile, and the screens then show nothing booked.
reset
ui tick
expect tick "in 46 days"
"$NC" --config "$CFG" forget --yes >/dev/null 2>&1
tm send-keys -t tick c
expect tick " Checklist"
tm send-keys -t tick Space
expect tick "for now, but not saved: $CFG was deleted" "forgotten while open: a tick is not saved"
that "forgotten while open: the tick made no state file" [ ! -e "$XDG_STATE_HOME/needlecare" ]
tm send-keys -t tick b
expect tick "Book your session" "forgotten while open: after a tick, the interface shows nothing booked"
ui_quit tick
# And for its notifier pass: three reminders fall due at 10:30, a few
# seconds after it opens; forget runs before. Nothing is sent nor recorded.
mkdir -p "$TMP/due"
printf '[course]\nprotocol = %s\n\n[session.1]\nstart = 2026-12-02 10:30\nzone = Europe/Berlin\nbooked = 2026-12-05 10:29:00\n' \
	"$CARE" > "$TMP/due/config.ini"
tm new-session -d -s due -x 100 -y 40 \
	"${NC@Q} --config ${TMP@Q}/due/config.ini --now '2026-12-05 10:29:56' 2>${TMP@Q}/due.uierr; echo EXITED:\$?; exec sleep 3600"
expect due "day 3 after session 1" "forgotten while open: the interface opens, a pass due in seconds"
"$NC" --config "$TMP/due/config.ini" forget --yes >/dev/null 2>&1
expect due "Nothing was sent: $TMP/due/config.ini was deleted" \
	"forgotten while open: the notifier pass sends nothing of the forgotten course"
that "forgotten while open: the pass made no state file" [ ! -e "$XDG_STATE_HOME/needlecare" ]
tm send-keys -t due b
expect due "Book your session" "forgotten while open: after the pass, the interface shows nothing booked"
ui_quit due

# A book that waited for forget writes nothing back: forget holds the
# configuration's lock while this script holds the state's (forget waits
# there), book waits behind forget; then forget goes on.
rm -rf "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"
initial "$DCFG"
"$NC" "${LOGAT[@]}" log redness=1 note=forgotten >/dev/null
SLOCK=$XDG_STATE_HOME/needlecare/state.lock
hold "$SLOCK"
"$NC" forget --yes >"$TMP/f.out" 2>"$TMP/f.err" 8>&- 9>&- &
fpid=$!
start_wait
until grep -q "FLOCK  ADVISORY  WRITE $fpid .*:$(stat -c %i "$DCFG.lock" 2>/dev/null) " /proc/locks; do waiting || break; done
"$NC" --now "$NOW" book 2027-05-10 10:00 >"$TMP/w.out" 2>"$TMP/w.err" 8>&- 9>&- &
bpid=$!
PIDS="$fpid $bpid"
opened $bpid "$DCFG.lock"
release
wait $fpid
frc=$?
wait $bpid
brc=$?
PIDS=
that "forget while book waits: forget succeeds (exit $frc)" [ $frc -eq 0 ]
that "forget while book waits: book exits 1 (got $brc)" [ $brc -eq 1 ]
that "forget while book waits: book says the file was deleted meanwhile" grep -qF \
	"needlecare: $DCFG was deleted (by needlecare forget, or by hand) while this waited to change it; nothing was changed" "$TMP/w.err"
that "forget while book waits: no file is left behind" \
	[ -z "$(find "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" -mindepth 1 2>/dev/null)" ]

# A reader caches the plan it built (next, today, the interface). forget
# runs while one is stopped (strace sends it SIGSTOP) after it read the
# configuration: as it reads the protocol, before it looks at what the
# plan was built from; and as it makes the cache's folder, before it
# saves. Either way, once it goes on, no cache is left behind, and what
# was forgotten is not shown again from one.
stopped() {
	local p
	start_wait
	until p=$(pgrep -P "$1" -x needlecare) &&
		grep -q '^[0-9]* ([^)]*) [tT]' "/proc/$p/stat" 2>/dev/null; do
		waiting || return 1
	done
	echo "$p"
}
n=0
for stop in "-P $CARE -e trace=openat -e inject=openat:signal=STOP:when=1" \
            "-e trace=mkdir -e inject=mkdir:signal=STOP:when=1"; do
	n=$((n + 1))
	FCFG=$TMP/forget$n/config.ini
	where=("as it reads the protocol" "as it makes the cache's folder")
	where=${where[n - 1]}
	# shellcheck disable=SC2086 # the words of stop are strace's options
	strace -o /dev/null $stop "$NC" --config "$FCFG" --now "$NOW" today >/dev/null 2>&1 8>&- 9>&- &
	spid=$!
	PIDS=$spid
	if pid=$(stopped $spid); then
		"$NC" --config "$FCFG" forget --yes >"$TMP/f.out" 2>&1
		that "forget × a reader stopped $where: forget succeeds" grep -q "deleted $FCFG" "$TMP/f.out"
		kill -CONT "$pid"
	else
		bad "forget × a reader stopped $where: the reader did not stop there"
	fi
	wait $spid
	PIDS=
	that "forget × a reader stopped $where: no cache is left behind" \
		[ -z "$(find "$XDG_CACHE_HOME" -mindepth 1 2>/dev/null)" ]
	"$NC" --config "$FCFG" --now "$NOW" today >"$TMP/t.out" 2>&1
	that "forget × a reader stopped $where: the forgotten session is not shown" \
		not says "$TMP/t.out" 'Session 1'
done
# notify read the configuration, then forget ran: it neither sends nor
# records anything of the forgotten course, and makes no state file.
FCFG=$TMP/forget3/config.ini
strace -o /dev/null -P "$CARE" -e trace=openat -e inject=openat:signal=STOP:when=1 \
	"$NC" --config "$FCFG" --now "$NOW" notify >/dev/null 2>"$TMP/n.err" 8>&- 9>&- &
spid=$!
PIDS=$spid
if pid=$(stopped $spid); then
	"$NC" --config "$FCFG" forget --yes >/dev/null 2>&1
	kill -CONT "$pid"
else
	bad "forget × notify: notify did not stop as it read the protocol"
fi
wait $spid
rc=$?
PIDS=
that "forget × notify: notify exits 1 (got $rc)" [ $rc -eq 1 ]
that "forget × notify: it says the configuration was deleted" \
	says "$TMP/n.err" "needlecare: $FCFG was deleted (by needlecare forget, or by hand) while this waited to change it; nothing was changed"
that "forget × notify: no state is left behind" \
	[ -z "$(find "$XDG_STATE_HOME" -mindepth 1 2>/dev/null)" ]

# ---------------------------------------------------------------------------
# Crash safety: each locked update killed at every write, fsync, rename
# and flock it makes, and as it makes its lock and its temporary file. The
# file is the old or the new one and parses; a lock file left behind is
# held by nobody: the next command does not wait.
PAIR=crash
old_or_new() { cmp -s "$1" "$TMP/old" || cmp -s "$1" "$TMP/new"; }
free() { [ ! -e "$1" ] || flock -n "$1" true; }
# finished FILE STATUS MS: the run after a crash did the job, or found it
# done ("already booked"), at once.
finished() {
	[ "$3" -lt 2000 ] && cmp -s "$1" "$TMP/new" &&
		{ [ "$2" -eq 0 ] || says "$TMP/err" 'already booked'; }
}
crash() {
	local what=$1 file=$2 lock=$3
	shift 3
	local cmd=("$@") sc n i rc ms step steps=() made
	cp "$file" "$TMP/old"
	"${cmd[@]}" >/dev/null 2>&1
	cp "$file" "$TMP/new"
	that "$what: the clean run changes the file" not cmp -s "$TMP/old" "$TMP/new"
	# Every run starts without the lock file, so that making it is a step
	# too.
	cp "$TMP/old" "$file"
	rm -f "$lock"
	strace -f -o "$TMP/trace" -e trace=write,fsync,rename,flock,openat "${cmd[@]}" >/dev/null 2>&1
	for sc in write fsync rename flock; do
		n=$(grep -cE "^[0-9]+ +$sc\(" "$TMP/trace")
		that "$what makes at least one $sc (it made $n)" [ "$n" -ge 1 ]
		for ((i = 1; i <= n; i++)); do steps+=("$sc $i"); done
	done
	# The files it makes: the lock, and the temporary file.
	made=$(grep -E "^[0-9]+ +openat\(" "$TMP/trace" | grep -n 'O_CREAT' | cut -d: -f1)
	that "$what makes two files, the lock and the temporary one (openat $(echo $made))" \
		[ "$(wc -w <<<"$made")" -eq 2 ]
	for i in $made; do steps+=("openat $i"); done
	for step in "${steps[@]}"; do
		read -r sc i <<<"$step"
		cp "$TMP/old" "$file"
		rm -f "$lock"
		( strace -f -o /dev/null -e trace=$sc -e inject=$sc:signal=KILL:when=$i "${cmd[@]}" >/dev/null 2>&1; exit $? ) 2>/dev/null
		rc=$?
		that "$what killed at $sc $i: it was killed (exit $rc)" [ $rc -eq 137 ]
		that "$what killed at $sc $i: the file is the old or the new one" \
			old_or_new "$file"
		# Killed before it made the lock, there is none yet.
		that "$what killed at $sc $i: the lock file, if made, is free" free "$lock"
		no_temporary "$file" || rm -f "$file".??????
		# Run again: it finishes the job, or finds it done ("already
		# booked"), at once.
		t0=${EPOCHREALTIME/./}
		"${cmd[@]}" >/dev/null 2>"$TMP/err"
		rc=$?
		ms=$(( (${EPOCHREALTIME/./} - t0) / 1000 ))
		that "$what killed at $sc $i: the next run is not blocked (exit $rc, ${ms} ms)" \
			finished "$file" $rc $ms
	done
	echo "$what: killed at each of ${#steps[@]} steps (write, fsync, rename, flock, and the openat of the lock and of the temporary file)"
}
reset
crash "book" "$CFG" "$CFG.lock" "$NC" --config "$CFG" --now "$NOW" book 2027-05-10 10:00
reset
crash "screen" "$CFG" "$CFG.lock" "$NC" --config "$CFG" --now "$NOW" screen isotretinoin=yes
"$NC" --config "$CFG" check >/dev/null 2>&1
that "crash: the configuration parses at the end" [ $? -eq 0 ]

summary
