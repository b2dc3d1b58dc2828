# What every case of the interface tests shares, sourced by each file in
# tests/tui/cases/ (its first argument is the needlecare to test). Each
# case runs alone: a private home and tmux server of its own, and a
# needlecare with a fixed TZ and --now; keys go in with send-keys, screens
# come out with capture-pane and are compared with tests/tui/expected/
# (trailing blanks stripped). Every wait polls for what it expects, with a
# bound; nothing sleeps a fixed time to let the program catch up.
#
# UPDATE=1 rewrites the expected screens: review every one of them by eye
# before keeping it.
set -u
NC=$(realpath "$1")
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
. tests/lib.sh
EXP=tests/tui/expected
FIX=tests/fixtures
# A name of fixed length: screens that show a path in it say
# /tmp/nctui.XXXXXXXX instead, and keep their layout.
TMP=$(mktemp -d /tmp/nctui.XXXXXXXX)
private_tmux nctest
RO= # a world-readable folder for the unprivileged run, if made
SOCK= # the server's socket, removed with it
BUSRUN=
NCPIDS= # the needlecare of each session finish closed
# Only what this case started: its own tmux server (and so the programs
# in its panes), its socket and its folders.
cleanup() {
	tmux_stop
	# shellcheck disable=SC2086
	reap_needlecare $NCPIDS
	# The mock notification server; its bus ends with it.
	[ -s "$TMP/mock.pid" ] && kill "$(cat "$TMP/mock.pid")" 2>/dev/null
	[ -n "$BUSRUN" ] && wait "$BUSRUN" 2>/dev/null
	[ -n "$SOCK" ] && rm -f "$SOCK"
	rm -rf "$TMP"
	[ -n "$RO" ] && rm -rf "$RO"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The locale by LANG, so that a case can try another one.
private_home "$TMP" lang
unset NO_COLOR POSIXLY_CORRECT
# No desktop of the tester's: the interface sends notifications while it is
# open, and only a private bus (start_bus) may receive them.
unset DBUS_SESSION_BUS_ADDRESS DISPLAY
export XDG_RUNTIME_DIR="$TMP/run"
BOOKCFG="$TMP/book-config" # the booking cases write there, apart
CFG="$BOOKCFG/needlecare/config.ini"
STATE="$XDG_STATE_HOME/needlecare/state"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"

# Every run uses a frozen copy of the microneedling protocol: the expected
# screens must not change when the shipped protocol does.
CARE=$PWD/$FIX/tui/care.ini
S='2026-12-02 10:30'       # the session
DAY3='2026-12-05 09:00:00' # day 3 after it
DAY4='2026-12-06 09:00:00'
# A check-in on day 2, so that the 24-hour check-in is done and the
# interface opens on Today (the check-in cases use a state of their own).
"$NC" --protocol "$CARE" --session "$S" --now '2026-12-04 10:00:00' log redness=1 \
	>/dev/null 2>&1
# A configuration with the practitioner's name and phone, booked well before.
mkdir -p "$TMP/clinic" "$TMP/discreet"
CLINIC="$TMP/clinic/config.ini"
printf '[clinic]\nname = Dr Ada Example\nphone = +49 30 1234567\n\n[session.1]\nstart = %s\nzone = Europe/Berlin\nbooked = 2026-11-20 10:00:00\n' \
	"$S" >"$CLINIC"
DISCREET="$TMP/discreet/config.ini"
printf '[notify]\ndiscreet = yes\n\n' | cat - "$CLINIC" >"$DISCREET"
PHOTO="$TMP/photo 1.jpg"
: >"$PHOTO"

# The server, with a pane that keeps it alive between sessions.
tm new-session -d -s keep -x 80 -y 24 'exec sleep 3600'
tm set-option -g remain-on-exit on
SOCK=$(tm display -p -t keep '#{socket_path}')

launch() {
	local name=$1 cols=$2 rows=$3 envs=() redirect cmd
	shift 3
	while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	redirect="2>${TMP@Q}/$name.err"
	[ "${ERR:-}" = pane ] && redirect=
	local care=${CARE_FILE:-$CARE}
	cmd="env ${envs[*]@Q} ${WRAP:-} ${NC@Q} --protocol ${care@Q} ${*@Q} $redirect;"
	cmd+=" echo EXITED:\$?;"
	cmd+=" stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' ';"
	cmd+=" echo; exec sleep 3600"
	tm new-session -d -s "$name" -x "$cols" -y "$rows" "$cmd"
}

snap() {
	tm capture-pane -p -t "$1" 2>/dev/null |
		sed -e 's/[[:space:]]*$//' -e "s|$TMP|/tmp/nctui.XXXXXXXX|g"
}

# Waits are bounded in time (TUI_WAIT seconds, 10 by default: cases run
# side by side, and a loaded machine may be slow; a wait that succeeds
# ends at once), polling every 20 ms.
start_wait() { wait_end=$(( ${EPOCHREALTIME/./} + ${TUI_WAIT:-10} * 1000000 )); }
waiting() { sleep 0.02; (( ${EPOCHREALTIME/./} < wait_end )); }

# shown NAME TEXT: waits (TUI_WAIT at most) until TEXT is on the screen.
shown() {
	start_wait
	until snap "$1" | grep -qF -- "$2"; do waiting || return 1; done
}
# gone NAME TEXT: waits until TEXT has left the screen.
gone() {
	start_wait
	while snap "$1" | grep -qF -- "$2"; do waiting || return 1; done
}
# lacks NAME PATTERN: the screen has no line matching PATTERN (an ERE).
# (A function, not a bash -c string: a child shell has no snap.)
lacks() { ! snap "$1" | grep -qE -- "$2"; }
# expect NAME TEXT [WHAT]: a check that TEXT shows.
expect() {
	if shown "$1" "$2"; then ok; else bad "${3:-$1 shows \"$2\"}" "$(snap "$1")"; fi
}

# The screen once two captures 150 ms apart agree (for UPDATE).
stable() {
	local a b i
	a=$(snap "$1")
	for ((i = 0; i < 20; i++)); do
		sleep 0.15
		b=$(snap "$1")
		[ "$a" = "$b" ] && break
		a=$b
	done
	printf '%s\n' "$b"
}

# screen NAME EXPECTED: the screen becomes expected/EXPECTED (TUI_WAIT at most).
screen() {
	local name=$1 exp=$EXP/$2
	[ -n "${UPDATE:-}" ] && stable "$name" >"$exp"
	start_wait
	while snap "$name" >"$TMP/actual"; ! cmp -s "$TMP/actual" "$exp"; do
		waiting || break
	done
	cmp -s "$TMP/actual" "$exp" && { ok; return 0; }
	bad "screen $2 ($name)" "$(diff "$exp" "$TMP/actual" | head -40)"
}

# The pid of the needlecare in session NAME: the shell's one child.
nc_pid() { pgrep -P "$(tm display -p -t "$1" '#{pane_pid}')" | head -n1; }
alt_screen() { tm display -p -t "$1" '#{alternate_on}'; }

# ended NAME STATUS: needlecare exited with STATUS, the alternate screen
# was left and the terminal modes were restored.
ended() {
	local name=$1 want=$2
	if ! shown "$name" "EXITED:"; then
		bad "$name ends" "$(snap "$name")"
		return
	fi
	that "$name exits with status $want" \
		grep -qx "EXITED:$want" <(snap "$name")
	that "$name leaves the alternate screen" [ "$(alt_screen "$name")" = 0 ]
	that "$name restores the terminal modes (icanon, echo)" \
		grep -qx "icanon echo" <(snap "$name")
}

# no_errors NAME: needlecare wrote nothing to standard error (so no
# sanitizer report either).
no_errors() {
	if [ -s "$TMP/$1.err" ]; then
		bad "$1 writes nothing to standard error" "$(head -c 2000 "$TMP/$1.err")"
	else
		ok
	fi
}

# finish NAME: closes the session, and so the terminal of the needlecare
# in it, which must then end (tests/tui/cases/hangup.sh); cleanup makes
# sure it did (reap_needlecare).
finish() {
	local p
	p=$(nc_pid "$1" 2>/dev/null)
	[ -n "$p" ] && NCPIDS+=" $p"
	tm kill-session -t "$1" 2>/dev/null
}

# Colour escapes: SGR 30-38, 40-48, 90-97, 100-107 (39 and 49 only reset).
colour() {
	tm capture-pane -e -p -t "$1" | grep -qP '\e\[(?:\d+;)*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;|m)'
}
no_colour() { ! colour "$1"; }

# The detail pane's first line (line 17): the selected milestone.
pane() { snap "$1" | sed -n 17p; }
pane_is() {
	start_wait
	until [ "$(pane "$1")" = " $2" ]; do
		waiting || { bad "after $3 the detail pane shows \"$2\"" "$(snap "$1")"; return; }
	done
	ok
}
# choose NAME KEY TEXT: KEY (Up or Down), one row at a time (each waits
# for the pane to change), until the detail pane shows TEXT.
choose() {
	local i was
	for ((i = 0; i < 40; i++)); do
		was=$(pane "$1")
		[ "$was" = " $3" ] && return 0
		tm send-keys -t "$1" "$2"
		start_wait
		while [ "$(pane "$1")" = "$was" ]; do waiting || return 1; done
	done
	return 1
}

# --- A private D-Bus session with a mock notification server ----------------
# (python3-dbusmock, as in tests/notify): what the interface sends while it is
# open. start_bus sets BUS (its address) and BUSENV (for launch); the cases
# that need it are skipped when it cannot be started.
BUS=
BUSENV=()
LOG="$TMP/mock.log"
start_bus() {
	command -v dbus-run-session >/dev/null && command -v dbus-send >/dev/null &&
		/usr/bin/python3 -c 'import dbusmock' 2>/dev/null || return 1
	dbus-run-session --config-file="$TEST_BUS_CONF" -- sh -c \
		'echo $$ >"$1/mock.pid"; echo "$DBUS_SESSION_BUS_ADDRESS" >"$1/bus.tmp"
		 mv "$1/bus.tmp" "$1/bus.addr"
		 exec /usr/bin/python3 -m dbusmock --session --template notification_daemon -l "$1/mock.log"' \
		sh "$TMP" >"$TMP/bus.out" 2>&1 &
	BUSRUN=$!
	start_wait
	until [ -s "$TMP/bus.addr" ]; do waiting || return 1; done
	start_wait
	until DBUS_SESSION_BUS_ADDRESS=$(cat "$TMP/bus.addr") has_notifier; do waiting || return 1; done
	BUS=$(cat "$TMP/bus.addr")
	BUSENV=(DBUS_SESSION_BUS_ADDRESS="$BUS")
}
count_notes() { notes | grep -c ' Notify '; }
# note_has TEXT: the last notification has TEXT.
note_has() { notes | tail -n 1 | grep -qF -- "$1"; }
note_lacks() { ! note_has "$1"; }
# arrived N: waits until there are N notifications (15 s at most: a
# notifier child may take 5, more on a loaded machine).
arrived() {
	local end=$(( ${EPOCHREALTIME/./} + 15000000 ))
	until [ "$(count_notes)" -ge "$1" ]; do
		sleep 0.05
		(( ${EPOCHREALTIME/./} < end )) || return 1
	done
}
