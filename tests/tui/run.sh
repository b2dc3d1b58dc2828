#!/usr/bin/env bash
# The interface, tested for real in a terminal: a private tmux server runs
# needlecare with a fixed TZ and --now, keys go in with send-keys, screens
# come out with capture-pane and are compared with tests/tui/expected/
# (trailing blanks stripped). Every wait polls for what it expects, with a
# bound; nothing sleeps a fixed time to let the program catch up.
#
# usage: tests/tui/run.sh path/to/needlecare
#        UPDATE=1 tests/tui/run.sh ...   rewrites the expected screens:
#        review every one of them by eye before keeping it.
set -u
NC=$(realpath "$1")
cd "$(dirname "$0")/../.."
EXP=tests/tui/expected
FIX=tests/fixtures
# A name of fixed length: screens that show a path in it say
# /tmp/nctui.XXXXXXXX instead, and keep their layout.
TMP=$(mktemp -d /tmp/nctui.XXXXXXXX)
SRV=nctest-$$
RO= # a world-readable folder for the unprivileged run, if made

tm() { tmux -L "$SRV" -f /dev/null "$@"; }
SOCK= # the server's socket, removed with it
# Only what this script started: its own tmux server (and so the programs
# in its panes), its socket and its folders.
cleanup() {
	tm kill-server 2>/dev/null
	# The mock notification server; its bus ends with it.
	[ -s "$TMP/mock.pid" ] && kill "$(cat "$TMP/mock.pid")" 2>/dev/null
	[ -n "${BUSRUN:-}" ] && wait "$BUSRUN" 2>/dev/null
	[ -n "$SOCK" ] && rm -f "$SOCK"
	rm -rf "$TMP"
	[ -n "$RO" ] && rm -rf "$RO"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

unset LC_ALL LC_CTYPE LC_MESSAGES NO_COLOR TMUX POSIXLY_CORRECT
# No desktop of the tester's: the interface sends notifications while it is
# open, and only the private bus below may receive them.
unset DBUS_SESSION_BUS_ADDRESS DISPLAY
export LANG=C.UTF-8 TZ=Europe/Berlin HOME="$TMP/home" XDG_RUNTIME_DIR="$TMP/run"
export XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data"
export XDG_STATE_HOME="$TMP/state" XDG_CACHE_HOME="$TMP/cache"
BOOKCFG="$TMP/book-config" # the booking cases write there, apart
CFG="$BOOKCFG/needlecare/config.ini"
STATE="$XDG_STATE_HOME/needlecare/state"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"

# Every run uses a frozen copy of the microneedling protocol: the expected
# screens must not change when the shipped protocol does.
CARE=$PWD/$FIX/tui/care.ini
S='2026-12-02 10:30'       # the session
DAY3='2026-12-05 09:00:00' # day 3 after it
# A check-in on day 2, so that the 24-hour check-in is done and the
# interface opens on Today (the check-in cases use a state of their own).
"$NC" --protocol "$CARE" --session "$S" --now '2026-12-04 10:00:00' log redness=1 \
	>/dev/null 2>&1
# The counters and checks (not its private home: this suite sets LANG
# itself, to try other locales).
. tests/lib.sh

# The server, with a pane that keeps it alive between cases.
tm new-session -d -s keep -x 80 -y 24 'exec sleep 3600'
tm set-option -g remain-on-exit on
SOCK=$(tm display -p -t keep '#{socket_path}')

# launch NAME COLS ROWS [VAR=VALUE...] -- ARGS...: needlecare, with the
# frozen protocol and ARGS, in a shell of its own that then reports how it
# ended ("EXITED:status") and the terminal's modes ("icanon echo" when they
# were restored), and waits. Its standard error goes to $TMP/NAME.err
# unless ERR=pane. WRAP is a command to run it under (strace, setpriv).
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

# Waits are bounded in time: 5 s, polling every 20 ms.
start_wait() { wait_end=$(( ${EPOCHREALTIME/./} + 5000000 )); }
waiting() { sleep 0.02; (( ${EPOCHREALTIME/./} < wait_end )); }

# shown NAME TEXT: waits (5 s at most) until TEXT is on the screen.
shown() {
	start_wait
	until snap "$1" | grep -qF -- "$2"; do waiting || return 1; done
}
# gone NAME TEXT: waits until TEXT has left the screen.
gone() {
	start_wait
	while snap "$1" | grep -qF -- "$2"; do waiting || return 1; done
}
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

# screen NAME EXPECTED: the screen becomes expected/EXPECTED (5 s at most).
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

finish() { tm kill-session -t "$1" 2>/dev/null; }

# Colour escapes: SGR 30-38, 40-48, 90-97, 100-107 (39 and 49 only reset).
colour() {
	tm capture-pane -e -p -t "$1" | grep -qP '\e\[(?:\d+;)*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;|m)'
}
no_colour() { ! colour "$1"; }

# --- Today, the first screen, at 80x24; live resizing; too small --------
launch today 80 24 -- --session "$S" --now "$DAY3"
shown today "Day 3 after your session"
screen today today.txt
tm resize-window -t today -x 60 -y 20
screen today today-60x20.txt
tm resize-window -t today -x 80 -y 24
screen today today.txt
tm resize-window -t today -x 40 -y 12
expect today "Terminal too small: 40×12." "below 50x16 it says the terminal is too small"
that "nothing else is drawn when too small" gone today "In force"
tm resize-window -t today -x 80 -y 24
screen today today.txt
# Scrolling: End shows what comes up; Home goes back.
tm send-keys -t today End
screen today today-end.txt
tm send-keys -t today Home
screen today today.txt
tm send-keys -t today PageDown
expect today "more above" "PgDn scrolls Today"
tm send-keys -t today PageUp
screen today today.txt
tm send-keys -t today q
ended today 0
no_errors today
finish today

# Before the session, in a course of two: the countdown and the phase bar.
launch before 80 24 -- --config "$FIX/config/course.ini" --now '2026-11-28 20:15:00'
shown before "Session 1 of 2 in 4 days"
screen before today-before.txt
tm send-keys -t before q
ended before 0
finish before

# --- Timeline: grouped by phase, the now line, spans, the detail pane ----
launch tl 80 24 -- --session "$S" --now "$DAY3"
shown tl "Day 3"
tm send-keys -t tl l
screen tl timeline.txt
# Line 17 is the first line of the detail pane: the selected milestone.
pane() { snap "$1" | sed -n 17p; }
pane_is() {
	start_wait
	until [ "$(pane "$1")" = " $2" ]; do
		waiting || { bad "after $3 the detail pane shows \"$2\"" "$(snap "$1")"; return; }
	done
	ok
}
pane_is tl "Your skin barrier has largely recovered" "opening the timeline"
tm send-keys -t tl G
pane_is tl "A maintenance session may be due" "G"
tm send-keys -t tl g
pane_is tl "Go through screening with your practitioner" "g"
tm send-keys -t tl j
pane_is tl "Taken isotretinoin in the last 6 months? Say so" "j"
tm send-keys -t tl Down
pane_is tl "No tanning beds, self-tanner or sunburn" "Down"
tm send-keys -t tl k
pane_is tl "Taken isotretinoin in the last 6 months? Say so" "k"
tm send-keys -t tl Up
pane_is tl "Go through screening with your practitioner" "Up"
tm send-keys -t tl End
pane_is tl "A maintenance session may be due" "End"
tm send-keys -t tl Home
pane_is tl "Go through screening with your practitioner" "Home"
tm send-keys -t tl NPage
start_wait
while [ "$(pane tl)" = " Go through screening with your practitioner" ]; do waiting || break; done
that "PgDn selects a milestone a page further" \
	[ "$(pane tl)" != " Go through screening with your practitioner" ]
tm send-keys -t tl PPage
pane_is tl "Go through screening with your practitioner" "PgUp"
tm send-keys -t tl .
pane_is tl "Your skin barrier has largely recovered" ". (back to now)"
# Past milestones are dimmed (SGR 2), the ones ahead are not.
dimmed() { tm capture-pane -e -p -t "$1" | grep -F -- "$2" | grep -qF $'\e[2m'; }
that "past milestones are dimmed" dimmed tl "24-hour check-in"
not_dimmed() { ! dimmed "$@"; }
that "milestones ahead are not dimmed" not_dimmed tl "One-week check-in"
# Enter: the full text on its own screen; Esc back.
tm send-keys -t tl Enter
screen tl timeline-full.txt
tm send-keys -t tl Escape
screen tl timeline.txt
# Narrow: no pane; Enter opens the text, Enter again closes it.
tm resize-window -t tl -x 60 -y 20
screen tl timeline-60x20.txt
tm send-keys -t tl Enter
screen tl timeline-60x20-full.txt
tm send-keys -t tl Enter
screen tl timeline-60x20.txt
tm resize-window -t tl -x 80 -y 24
screen tl timeline.txt
# Screens by Tab, Shift-Tab, digits and letters; help and back.
step() {
	tm send-keys -t tl "$1"
	expect tl "$2" "key $1 shows $3"
}
step Tab " Checklist" "the checklist after the timeline"
step Tab " Booking" "booking after the checklist"
step Tab " Check-in" "the check-in after booking"
step Tab " Journal" "the journal after the check-in"
step Tab " Screening" "screening after the journal"
step Tab "Day 3 after your session" "today after screening"
step BTab " Screening" "Shift-Tab goes back"
step BTab " Journal" "Shift-Tab goes back again"
step 4 " Booking" "4: booking"
# The date field has the focus (no session is configured): digits go
# into it. Esc leaves the field; then digits choose screens.
tm send-keys -t tl 1
expect tl "[1                 ]" "a digit is typed into the date field"
step Escape " Booking" "Esc leaves the field"
step 1 "Day 3 after your session" "1: today"
step 2 " Timeline" "2: timeline"
step 3 " Checklist" "3: checklist"
step 4 " Booking" "4: booking"
step 8 " Help" "8: help"
step Escape " Booking" "Esc: back from help"
step '?' " Help" "?: help"
step '?' " Booking" "? again: back"
step t "Day 3 after your session" "t: today"
step c " Checklist" "c: checklist"
step b " Booking" "b: booking"
step Escape " Booking" "Esc leaves the field"
step 5 " Check-in" "5: check-in, after booking as Tab goes"
# On a rating the digits are the rating: letters still choose screens.
step J " Journal" "J: journal"
step 7 " Screening" "7: screening"
step 6 " Journal" "6: journal"
step i " Check-in" "i: check-in"
step s " Screening" "s: screening"
step l " Timeline" "l: timeline"
tm send-keys -t tl C-l
screen tl timeline.txt
tm send-keys -t tl q
ended tl 0
no_errors tl
finish tl

# A course of two sessions: phases are grouped per session.
launch course 80 24 -- --config "$FIX/config/course.ini" --now '2026-12-05 09:00:00'
shown course "Day 3 after session 1 of 2"
tm send-keys -t course l
expect course "FIRST WEEK · session 1 of 2" "the timeline names the session of each phase"
tm send-keys -t course c
expect course "Session 1 · Wed 2 Dec 2026 10:30" "the checklist is grouped by session"
tm send-keys -t course q
ended course 0
finish course

# --- Checklist: a tick is saved, survives a restart, shows elsewhere ----
launch ck 80 24 -- --session "$S" --now "$DAY3"
shown ck "Day 3"
tm send-keys -t ck c
screen ck checklist.txt
tm send-keys -t ck Space
expect ck "Ticked: 72-hour check-in: is it calming down?" "Space ticks the selected task"
expect ck "1 of 16 ticked"
that "the tick is saved in the state file" grep -qP \
	'^ticked\t2026-12-02 10:30 Europe/Berlin\tcheckin-72h\t2026-12-05 08:00:[0-5][0-9]$' "$STATE"
that "the state file has mode 0600" [ "$(stat -c %a "$STATE")" = 600 ]
tm send-keys -t ck q
ended ck 0
no_errors ck
finish ck
launch ck2 80 24 -- --session "$S" --now "$DAY3"
shown ck2 "Day 3"
tm send-keys -t ck2 End
expect ck2 "☑ 72-hour check-in: is it calming down?" "Today shows the tick after a restart"
tm send-keys -t ck2 c
screen ck2 checklist-ticked.txt
tm send-keys -t ck2 l
expect ck2 "☑ today 10:30            72-hour check-in" "the timeline shows the tick"
tm send-keys -t ck2 c
shown ck2 " Checklist"
tm send-keys -t ck2 Enter
expect ck2 "Unticked: 72-hour check-in" "Enter unticks"
that "the untick is saved" bash -c "! grep -q checkin-72h '$STATE'"
tm send-keys -t ck2 q
ended ck2 0
no_errors ck2
finish ck2

# --- Booking: the first run opens it; the date is checked as typed ------
launch book 80 24 XDG_CONFIG_HOME="$BOOKCFG" -- --now '2026-11-25 10:00:00'
shown book "Book your session"
screen book booking-first.txt
tm send-keys -t book '2026-13-02 10:30'
screen book booking-error.txt
tm send-keys -t book -N 16 BSpace
tm send-keys -t book '2026-12-02'
expect book 'expected a date and time as' "a half-typed date says what it expects"
tm send-keys -t book ' 10:30'
expect book "✓ Wed 2 Dec 2026 10:30 (in 7 days)" "a good date is confirmed beside the field"
# the protocol (prp: Right until it shows), the cold-sore answer (yes),
# then confirm
tm send-keys -t book Down
for ((i = 0; i < 12; i++)); do
	tm send-keys -t book Right
	shown book "‹ prp ›" && break
done
tm send-keys -t book Down Space Down
screen book booking-ready.txt
tm send-keys -t book Enter
expect book "Booked: session on Wed 2 Dec 2026 10:30." "confirming books"
# The cold-sore answer is one question of nineteen: the others follow.
expect book " Screening" "after a first booking with questions unanswered, the screening follows"
tm send-keys -t book t
expect book "Session in 7 days · Wed 2 Dec 10:30" "and Today after it"
that "the configuration has the session" grep -qx 'start = 2026-12-02 10:30' "$CFG"
that "... its zone" grep -qx 'zone = Europe/Berlin' "$CFG"
that "... the chosen protocol" grep -qx 'protocol = prp' "$CFG"
that "... the cold-sore answer" grep -qx 'cold-sores = yes' "$CFG"
that "the configuration has mode 0600" [ "$(stat -c %a "$CFG")" = 600 ]
# The same file as `needlecare book` writes, apart from the answer and the
# moment it was booked.
mkdir -p "$TMP/cli"
"$NC" --config "$TMP/cli/config.ini" --now '2026-11-25 10:00:00' --protocol prp \
	book 2026-12-02 10:30 >/dev/null 2>&1
norm() { sed -e 's/^booked = .*/booked = X/' -e '/cold-sores/d' "$1"; }
that "it writes the configuration 'needlecare book' writes" \
	cmp -s <(norm "$CFG") <(norm "$TMP/cli/config.ini")
tm send-keys -t book q
ended book 0
no_errors book
finish book

# Later: b to move the session, then to cancel it.
launch move 80 24 XDG_CONFIG_HOME="$BOOKCFG" -- --now '2026-11-25 10:00:00'
shown move "Session in 7 days"
tm send-keys -t move b
screen move booking-course.txt
# At the smallest size the whole form still shows.
tm resize-window -t move -x 50 -y 16
screen move booking-50x16.txt
tm resize-window -t move -x 80 -y 24
screen move booking-course.txt
tm send-keys -t move Up Enter
expect move "Change session 1: a new date moves it" "Enter on a session changes it"
tm send-keys -t move -N 5 BSpace
tm send-keys -t move 11:00
expect move "✓ Wed 2 Dec 2026 11:00 (in 7 days)"
tm send-keys -t move Down Down Down
expect move "[ Save session 1 ]"
tm send-keys -t move Enter
expect move "Moved to: session on Wed 2 Dec 2026 11:00." "saving moves it"
that "the configuration has the moved session" grep -qx 'start = 2026-12-02 11:00' "$CFG"
that "... and only that one" [ "$(grep -c '^start = ' "$CFG")" = 1 ]
# n: a second session.
tm send-keys -t move b
shown move "+ New session"
tm send-keys -t move n 2027-01-06 Space 10:30
expect move "✓ Wed 6 Jan 2027 10:30 (in 42 days)"
tm send-keys -t move Down Down Down Enter
expect move "Booked: session on Wed 6 Jan 2027 10:30. The course has 2 sessions" "n books another session"
that "the configuration has both sessions" \
	[ "$(grep '^start = ' "$CFG" | tr '\n' ' ')" = "start = 2026-12-02 11:00 start = 2027-01-06 10:30 " ]
# Cancel the first, then the other.
tm send-keys -t move b
shown move "+ New session"
tm send-keys -t move Up Up Enter Down Down Down Down
expect move "[ Cancel session 1 ]"
tm send-keys -t move Enter
expect move "[ Press Enter again to cancel session 1 ]" "cancelling asks first"
tm send-keys -t move Enter
expect move "Cancelled: session on Wed 2 Dec 2026 11:00. The course has 1 session" "Enter again cancels"
that "the configuration keeps the other session" \
	[ "$(grep '^start = ' "$CFG")" = "start = 2027-01-06 10:30" ]
tm send-keys -t move b
shown move "+ New session"
tm send-keys -t move Up Enter Down Down Down Down Enter Enter
expect move "Cancelled: session on Wed 6 Jan 2027 10:30." "the last session is cancelled"
that "the configuration has no session left" bash -c "! grep -q '^\\[session' '$CFG'"
expect move "No session is booked yet." "Today says there is none"
tm send-keys -t move q
ended move 0
no_errors move
finish move

# --- A private D-Bus session with a mock notification server ----------------
# (python3-dbusmock, as in tests/notify): what the interface sends while it is
# open. The cases that need it are skipped when it cannot be started.
BUS=
BUSRUN=
start_bus() {
	command -v dbus-run-session >/dev/null && command -v dbus-send >/dev/null &&
		/usr/bin/python3 -c 'import dbusmock' 2>/dev/null || return 1
	dbus-run-session --config-file=tests/notify/session.conf -- sh -c \
		'echo $$ >"$1/mock.pid"; echo "$DBUS_SESSION_BUS_ADDRESS" >"$1/bus.tmp"
		 mv "$1/bus.tmp" "$1/bus.addr"
		 exec /usr/bin/python3 -m dbusmock --session --template notification_daemon -l "$1/mock.log"' \
		sh "$TMP" >"$TMP/bus.out" 2>&1 &
	BUSRUN=$!
	start_wait
	until [ -s "$TMP/bus.addr" ]; do waiting || return 1; done
	start_wait
	until DBUS_SESSION_BUS_ADDRESS=$(cat "$TMP/bus.addr") dbus-send --session \
		--print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications \
		2>/dev/null | grep -q 'boolean true'; do waiting || return 1; done
	BUS=$(cat "$TMP/bus.addr")
}
# The notifications received, one a line (a body's lines joined with \n).
notes() {
	awk '/ Notify /{ if (n) print n; n = $0; next } { n = n "\\n" $0 } END { if (n) print n }' \
		"$TMP/mock.log" 2>/dev/null
}
count_notes() { notes | grep -c ' Notify '; }
# note_has TEXT: the last notification has TEXT.
note_has() { notes | tail -n 1 | grep -qF -- "$1"; }
note_lacks() { ! note_has "$1"; }
# arrived N: waits (8 s at most: a notifier child may take 5) until there
# are N notifications.
arrived() {
	local end=$(( ${EPOCHREALTIME/./} + 8000000 ))
	until [ "$(count_notes)" -ge "$1" ]; do
		sleep 0.05
		(( ${EPOCHREALTIME/./} < end )) || return 1
	done
}
start_bus || echo "skip: the notification cases (no dbus-run-session or python3-dbusmock)"
BUSENV=()
[ -n "$BUS" ] && BUSENV=(DBUS_SESSION_BUS_ADDRESS="$BUS")

# A configuration with the practitioner's name and phone, booked well before.
mkdir -p "$TMP/clinic" "$TMP/discreet"
CLINIC="$TMP/clinic/config.ini"
printf '[clinic]\nname = Dr Ada Example\nphone = +49 30 1234567\n\n[session.1]\nstart = %s\nzone = Europe/Berlin\nbooked = 2026-11-20 10:00:00\n' \
	"$S" >"$CLINIC"
DISCREET="$TMP/discreet/config.ini"
printf '[notify]\ndiscreet = yes\n\n' | cat - "$CLINIC" >"$DISCREET"
PHOTO="$TMP/photo 1.jpg"
: >"$PHOTO"
DAY4='2026-12-06 09:00:00'

# --- Check-in: opens when due, saves as log does, and a warning -------------
CI="$TMP/ci-state"
launch ci 80 24 XDG_STATE_HOME="$CI" "${BUSENV[@]}" -- --config "$CLINIC" --now "$DAY4"
expect ci " Check-in" "the interface opens on the check-in when one is due"
screen ci checkin.txt
tm send-keys -t ci t
expect ci "Check-in due" "Today says that a check-in is due"
expect ci "☐ 72-hour check-in: is it calming down?"
expect ci "press i" "... and which key opens it"
tm send-keys -t ci i
shown ci "[ Save check-in ]"
# Redness 2 (day 4: more than the normal 1, and the rule redness-late),
# swelling 1, pain 0, no pus, no fever; a note and a photo.
# The signs the frozen protocol's rules ask about, after pus and fever:
# nine of them, then the note.
tm send-keys -t ci 2 Down 1 Down Down Right Down n Down n Down Down Down Down Down Down Down Down Down Down
tm send-keys -t ci -l 'Warm and a bit tight, ça va'
tm send-keys -t ci Down
tm send-keys -t ci -l "$PHOTO"
screen ci checkin-filled.txt
# Backspace erases a whole character, also one of two bytes (the journal
# below shows that no stray byte is left).
tm send-keys -t ci Up BSpace BSpace BSpace BSpace
expect ci "[Warm and a bit tight, ç " "Backspace erases the last character"
tm send-keys -t ci BSpace
tm send-keys -t ci -l 'ça va'
tm send-keys -t ci End Enter
screen ci today-warning.txt
# At the smallest size the banner keeps the practitioner and the key.
tm resize-window -t ci -x 50 -y 16
screen ci today-warning-50x16.txt
tm resize-window -t ci -x 80 -y 24
that "the check-in is in the journal, as log writes it" grep -qxF \
	"2026-12-06 09:00	4	2	1		0	no	no					$PHOTO	Warm and a bit tight, ça va							" \
	<(XDG_STATE_HOME="$CI" "$NC" --config "$CLINIC" --protocol "$CARE" journal --format tsv)
that "the journal has mode 0600" [ "$(stat -c %a "$CI/needlecare/journal")" = 600 ]
if [ -n "$BUS" ]; then
	that "the warning is sent as a notification" arrived 1
	that "... one" [ "$(count_notes)" = 1 ]
	that "... with the rule's title and action" \
		note_has '"Redness is not settling" "Redness that is still moderate'
	that "... critical" note_has '"urgency": 2'
fi
tm send-keys -t ci a
that "a acknowledges the warning" gone ci "Press a once you have read this"
expect ci "Acknowledged: Redness is not settling."
that "the acknowledgement is in the state" grep -qP \
	'^acknowledged\tjournal\t2026-12-06T08:00:0[0-9]Z redness-late\t2026-12-06 08:00:[0-5][0-9]$' \
	"$CI/needlecare/state"
tm send-keys -t ci q
ended ci 0
no_errors ci
finish ci
launch ci2 80 24 XDG_STATE_HOME="$CI" -- --config "$CLINIC" --now "$DAY4"
expect ci2 "Day 4 after your session" "after the check-in the interface opens on Today"
that "an acknowledged warning stays acknowledged" bash -c "! tmux -L $SRV capture-pane -p -t ci2 | grep -q 'Redness is not'"
that "the check-in done, Today no longer asks for it" bash -c "! tmux -L $SRV capture-pane -p -t ci2 | grep -q 'Check-in due'"
tm send-keys -t ci2 q
ended ci2 0
finish ci2

# Discreet mode: the notification has no health detail.
if [ -n "$BUS" ]; then
	before=$(count_notes)
	launch cd 80 24 XDG_STATE_HOME="$TMP/cd-state" "${BUSENV[@]}" -- --config "$DISCREET" --now "$DAY4"
	shown cd "[ Save check-in ]"
	tm send-keys -t cd 3 End Enter
	expect cd "Redness is not settling" "the banner shows the warning in discreet mode too"
	that "discreet mode: a notification is sent" arrived $((before + 1))
	that "discreet mode: it names no health detail" \
		note_has '"needlecare: please open needlecare" "A check-in needs your attention."'
	that "... not even the rule's title" note_lacks Redness
	that "... and is still critical" note_has '"urgency": 2'
	tm send-keys -t cd q
	ended cd 0
	finish cd
fi

# --- The journal's charts ------------------------------------------------------
CH="$TMP/ch-state"
clog() { XDG_STATE_HOME="$CH" "$NC" --protocol "$CARE" --session "$S" --now "$1" log "${@:2}" >/dev/null 2>&1; }
clog '2026-12-02 18:00:00' redness=3 swelling=2 pain=2
clog '2026-12-03 12:00:00' redness=2 swelling=1 dryness=1 pain=1
clog '2026-12-04 12:00:00' redness=2 swelling=1 dryness=2 pain=1 "photo=$PHOTO"
clog '2026-12-05 08:00:00' redness=2 dryness=3 pain=0 note=flaky
launch ch 80 24 XDG_STATE_HOME="$CH" -- --session "$S" --now "$DAY3"
shown ch "Day 3"
tm send-keys -t ch J
screen ch journal.txt
tm send-keys -t ch Right
expect ch "     3  4  5  6  7  8  9  10 11 12 13" "Right: later days"
tm send-keys -t ch .
screen ch journal.txt
tm resize-window -t ch -x 50 -y 16
screen ch journal-50x16.txt
tm send-keys -t ch End
screen ch journal-50x16-end.txt
tm resize-window -t ch -x 80 -y 24
# A check-in that trips no rule: saved, then the chart.
tm send-keys -t ch i
shown ch "[ Save check-in ]"
tm send-keys -t ch 1 End Enter
expect ch "Check-in saved: day 3 after session 1." "a check-in without warning is saved"
expect ch " Journal" "... and the journal shows next"
tm send-keys -t ch q
ended ch 0
no_errors ch
finish ch
launch cha 80 24 XDG_STATE_HOME="$CH" LANG=C NO_COLOR=1 -- --session "$S" --now "$DAY3"
shown cha "Day 3"
tm send-keys -t cha J
screen cha journal-ascii.txt
that "the ASCII chart is plain ASCII" bash -c "! tmux -L $SRV capture-pane -p -t cha | grep -qP '[^\\x00-\\x7f]'"
that "NO_COLOR: the chart has no colour escapes" no_colour cha
tm send-keys -t cha q
ended cha 0
finish cha

# --- Notifications sent while the interface is open ---------------------------
# Booked at 10:29, one minute before three announcements fall due at 10:30.
mkdir -p "$TMP/due"
DUECFG="$TMP/due/config.ini"
printf '[session.1]\nstart = %s\nzone = Europe/Berlin\nbooked = 2026-12-05 10:29:00\n' "$S" >"$DUECFG"
# choose NAME KEY TEXT: KEY (Up or Down), one row at a time (each waits
# for the pane to change), until the detail pane (line 17) shows TEXT.
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
if [ -n "$BUS" ]; then
	before=$(count_notes)
	launch ns 80 24 XDG_STATE_HOME="$TMP/ns-state" "${BUSENV[@]}" -- --config "$DUECFG" \
		--now '2026-12-05 10:29:57'
	shown ns " Check-in"
	tm send-keys -t ns l
	shown ns " Timeline"
	that "what falls due while it is open is sent" arrived $((before + 1))
	that "... once" [ "$(count_notes)" = $((before + 1)) ]
	that "... as one notification of the three due together" note_has '"3 care reminders"'
	that "... and recorded as sent" [ "$(grep -cP '^sent(-end)?\t2026-12-02 10:30 Europe/Berlin\t(sun-strict|sweat|checkin-72h)\t2026-12-05 09:30:00$' "$TMP/ns-state/needlecare/state")" = 3 ]
	start_wait
	until choose ns Up "No hard exercise, hot yoga or heavy sweating" &&
		snap ns | grep -qF "end sent Sat 5 Dec 2026 10:30"; do waiting || break; done
	screen ns timeline-sent.txt
	choose ns Down "Your skin barrier has largely recovered"
	expect ns "Notification: not announced (notify = no)" "notify = no: not announced"
	tm send-keys -t ns q
	ended ns 0
	no_errors ns
	finish ns
fi
# No desktop: nothing hangs, the status line says so, it stays unsent.
launch nb 80 24 XDG_STATE_HOME="$TMP/nb-state" -- --config "$DUECFG" --now '2026-12-05 10:29:58'
shown nb " Check-in"
tm send-keys -t nb l
expect nb "A notification fell due but could not be shown on the desktop" \
	"without a desktop the status line says a notification could not be shown"
that "... and it stays unsent" bash -c "! grep -qs '^sent' '$TMP/nb-state/needlecare/state'"
tm send-keys -t nb .
choose nb Up "72-hour check-in: is it calming down?"
expect nb "Notification: not sent yet" "the timeline says it was not sent yet"
tm send-keys -t nb q
ended nb 0
finish nb

# --- Booking: the interval between sessions, and the four protocols ----------
BK="$TMP/bk-config"
mkdir -p "$BK/needlecare"
printf '[session.1]\nstart = %s\nzone = Europe/Berlin\nbooked = 2026-11-20 10:00:00\n' "$S" \
	>"$BK/needlecare/config.ini"
launch bk 80 24 XDG_CONFIG_HOME="$BK" -- --now '2026-11-25 10:00:00'
shown bk "Session in 7 days"
tm send-keys -t bk b
shown bk "+ New session"
tm send-keys -t bk n 2026-12-20 Space 10:30 Down Down Down
screen bk booking-close.txt
# The reason is the one `needlecare book` gives, word for word.
XDG_CONFIG_HOME="$BK" "$NC" --protocol "$CARE" --now '2026-11-25 10:00:00' \
	book 2026-12-20 10:30 >/dev/null 2>"$TMP/book.err"
that "book refuses the same date" [ $? = 1 ]
reason=$(sed -n 's/^needlecare: \(.*\)\. To book it anyway, add --force\.$/\1/p' "$TMP/book.err")
that "the warning is the one book gives ($reason)" bash -c \
	"[ -n \"\$1\" ] && tmux -L $SRV capture-pane -p -t bk | tr -s ' \\n' '  ' | grep -qF \"\$1\"" _ "$reason"
tm send-keys -t bk Enter
expect bk "[ Press Enter again to book it anyway ]" "the first Enter asks again, as --force does"
that "nothing is saved yet" [ "$(grep -c '^start = ' "$BK/needlecare/config.ini")" = 1 ]
# All four shipped protocols; the at-home one needs only 72 hours.
tm send-keys -t bk Up Up
for p in prp rf at-home; do
	tm send-keys -t bk Right
	expect bk "‹ $p ›" "the booking offers the $p protocol"
done
that "at-home's interval is 72 hours: no warning" gone bk "Too close"
tm send-keys -t bk Right
expect bk "‹ microneedling ›" "... and the microneedling one"
expect bk "Too close: this session would be 18 days after" "back to microneedling, the warning"
tm send-keys -t bk Down Down Enter
expect bk "[ Press Enter again to book it anyway ]"
tm send-keys -t bk Enter
expect bk "Booked: session on Sun 20 Dec 2026 10:30. It is too close to another session" \
	"the second Enter books it anyway"
that "the configuration has both sessions" [ "$(grep -c '^start = ' "$BK/needlecare/config.ini")" = 2 ]
tm send-keys -t bk q
ended bk 0
no_errors bk
finish bk

# --- Screening: after the first booking, and from Today ------------------------
SC="$TMP/sc-config"
launch sc 80 24 XDG_CONFIG_HOME="$SC" -- --now '2026-11-25 10:00:00'
shown sc "Book your session"
tm send-keys -t sc 2026-12-02 Space 10:30 Down Down Down Enter
expect sc " Screening" "the first booking with nothing answered opens the screening"
expect sc "Booked: session on Wed 2 Dec 2026 10:30." "and the status line says it was booked"
screen sc screening.txt
tm send-keys -t sc n y
expect sc "2 of 19 answered" "y and n answer, and go on to the next question"
that "the answers are saved in [screening]" bash -c \
	"grep -qx 'pregnant = no' '$SC/needlecare/config.ini' && grep -qx 'isotretinoin = yes' '$SC/needlecare/config.ini'"
that "... as needlecare screen reads them" bash -c \
	"XDG_CONFIG_HOME='$SC' '$NC' screen --list | grep -q '^isotretinoin  *yes '"
tm send-keys -t sc t
screen sc today-discuss.txt
that "it never says that someone cannot be treated" bash -c \
	"! tmux -L $SRV capture-pane -p -t sc | grep -qi 'cannot be treated'"
tm send-keys -t sc s
expect sc " Screening" "s reaches the screening later"
tm send-keys -t sc Up Right
expect sc "Saved: isotretinoin = no" "Right changes an answer"
tm send-keys -t sc q
ended sc 0
no_errors sc
finish sc
launch sc2 80 24 XDG_CONFIG_HOME="$SC" -- --now '2026-11-25 10:00:00'
expect sc2 "Session in 7 days" "the screening opens once: later, Today"
tm send-keys -t sc2 q
ended sc2 0
finish sc2

# --- Booking a date that has passed: a record of a session done, on purpose
PAST="$TMP/past-config"
launch past 80 24 XDG_CONFIG_HOME="$PAST" -- --now '2026-12-05 10:00:00'
shown past "Book your session"
expect past "such as 2026-12-12" "the date hint's example is ahead, not past"
tm send-keys -t past 2026-11-01 Space 10:00
expect past "! Sun 1 Nov 2026 10:00 (34 days ago):" "a past date is marked as passed, not ticked"
tm send-keys -t past Down Down Down Enter
expect past "That date has passed: press Enter again" "the first Enter only asks"
that "... and saves nothing" [ ! -e "$PAST/needlecare/config.ini" ]
tm send-keys -t past Enter
expect past "Recorded as done: session on Sun 1 Nov 2026 10:00." "the second Enter records it as done"
that "... in the configuration" grep -qx 'start = 2026-11-01 10:00' "$PAST/needlecare/config.ini"
tm send-keys -t past q
ended past 0
finish past

# --- Help: generated from the table of actions ---------------------------
launch help 80 24 -- --session "$S" --now "$DAY3"
shown help "Day 3"
tm send-keys -t help '?'
screen help help.txt
tm send-keys -t help End
screen help help-end.txt
# Every key the help names is in the manual's key list (the words of its
# .It lines; arrows are named Up, Down, Left, Right there).
help_keys() {
	sed -n 's/^   \([^ ].\{16\}\).*/\1/p' | tr ' ' '\n' | grep -v '^$' |
		sed -e 's/^↑$/Up/' -e 's/^↓$/Down/' -e 's/^←$/Left/' -e 's/^→$/Right/'
}
man_keys() {
	sed -n '/^\.Sh INTERFACE/,/^\.Sh /p' man/needlecare.1 | grep '^\.It' |
		sed -e 's/\\&//g' -e 's/\\-/-/g' | tr ' ' '\n'
}
tm send-keys -t help Home
shown help "Everywhere"
all_help=$(snap help)
tm send-keys -t help End
gone help "Everywhere"
all_help+=$'\n'$(snap help)
missing=$(comm -23 <(help_keys <<<"$all_help" | sort -u) <(man_keys | sort -u) | tr '\n' ' ')
that "the manual's INTERFACE section names every key of the help (missing: $missing)" \
	[ -z "$missing" ]
tm send-keys -t help q
ended help 0
no_errors help
finish help

# --- Locale and colour ------------------------------------------------------
launch ascii 80 24 LANG=C -- --session "$S" --now "$DAY3"
shown ascii "Day 3"
screen ascii today-ascii.txt
that "LANG=C draws plain ASCII" bash -c "! tmux -L $SRV capture-pane -p -t ascii | grep -qP '[^\\x00-\\x7f]'"
tm send-keys -t ascii c
screen ascii checklist-ascii.txt
tm send-keys -t ascii q
ended ascii 0
finish ascii

launch colour 80 24 -- --session "$S" --now "$DAY3"
shown colour "Day 3"
that "with colours the screen has colour escapes" colour colour
tm send-keys -t colour q
ended colour 0
finish colour
launch nocolour 80 24 NO_COLOR=1 -- --session "$S" --now "$DAY3"
shown nocolour "Day 3"
that "NO_COLOR: no colour escapes" no_colour nocolour
bold() { tm capture-pane -e -p -t "$1" | grep -qP '\e\[(?:\d+;)*1(?:;|m)'; }
that "NO_COLOR: still bold and reverse (readable in monochrome)" bold nocolour
tm send-keys -t nocolour q
ended nocolour 0
finish nocolour
mkdir -p "$TMP/mono"
printf '[display]\ncolor = no\n\n[session.1]\nstart = 2026-12-02 10:30\nzone = Europe/Berlin\n' \
	>"$TMP/mono/config.ini"
launch mono 80 24 -- --config "$TMP/mono/config.ini" --now "$DAY3"
shown mono "Day 3"
that "color = no in the configuration: no colour escapes" no_colour mono
tm send-keys -t mono q
ended mono 0
finish mono

# --- Leaving: q (above), signals, a fatal error -----------------------------
launch term 80 24 -- --session "$S" --now "$DAY3"
shown term "Day 3"
kill -TERM "$(nc_pid term)"
ended term 143
that "SIGTERM: no sanitizer report" bash -c "! grep -q Sanitizer '$TMP/term.err'"
finish term
launch int 80 24 -- --session "$S" --now "$DAY3"
shown int "Day 3"
tm send-keys -t int l
shown int " Timeline"
kill -INT "$(nc_pid int)"
ended int 130
finish int

# A fatal error: out of memory. A small preloaded library makes every
# allocation fail once the program gets SIGUSR1; the redraw that follows
# needs memory. The terminal must be restored first, then the message printed -
# on the normal screen, where it stays visible. (AddressSanitizer does not
# combine with a preloaded allocator: skipped for the sanitizer build.)
if ! grep -q __asan_init "$NC" && command -v "${CC:-cc}" >/dev/null; then
	cat >"$TMP/nomem.c" <<'SHIM'
#include <signal.h>
#include <stddef.h>
void *__libc_malloc(size_t), *__libc_calloc(size_t, size_t), *__libc_realloc(void *, size_t);
static volatile sig_atomic_t fail;
static void on_usr1(int sig) { (void)sig; fail = 1; }
__attribute__((constructor)) static void init(void) { signal(SIGUSR1, on_usr1); }
void *malloc(size_t n) { return fail ? NULL : __libc_malloc(n); }
void *calloc(size_t n, size_t s) { return fail ? NULL : __libc_calloc(n, s); }
void *realloc(void *p, size_t n) { return fail ? NULL : __libc_realloc(p, n); }
SHIM
	"${CC:-cc}" -shared -fPIC -o "$TMP/nomem.so" "$TMP/nomem.c"
	ERR=pane launch die 80 24 LD_PRELOAD="$TMP/nomem.so" -- --session "$S" --now "$DAY3"
	shown die "Day 3"
	kill -USR1 "$(nc_pid die)" # it also ends the wait for a key: a redraw
	ended die 1
	expect die "needlecare: out of memory" "the fatal error is printed after the screen is restored"
	finish die
else
	echo "skip: the fatal-error test (sanitizer build)"
fi

# --- A state folder that cannot be written: usable, and says so -------------
# Root ignores file modes, so the program runs as nobody there.
if [ "$(id -u)" = 0 ] && ! command -v setpriv >/dev/null; then
	echo "skip: the read-only test (root, and no setpriv to drop privileges)"
else
	RO=$(mktemp -d)
	chmod 755 "$RO"
	mkdir -p "$RO/bin" "$RO/home" "$RO/config" "$RO/state/needlecare"
	cp "$NC" "$RO/bin/needlecare"
	cp "$CARE" "$RO/care.ini"
	chmod -R a+rX "$RO"
	chmod 555 "$RO/state/needlecare"
	AS=()
	if [ "$(id -u)" = 0 ]; then
		AS=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
		chown nobody "$RO/home"
	fi
	NC_SAVED=$NC
	CARE_FILE=$RO/care.ini NC=$RO/bin/needlecare WRAP="${AS[*]}" launch ro 80 24 HOME="$RO/home" \
		XDG_CONFIG_HOME="$RO/config" XDG_STATE_HOME="$RO/state" \
		XDG_DATA_HOME="$RO/data" XDG_CACHE_HOME="$RO/cache" \
		-- --session "$S" --now "$DAY3"
	NC=$NC_SAVED
	# No journal there: the 24-hour check-in is due, and opens first. A
	# check-in that cannot be saved says so, and nothing is lost silently.
	expect ro " Check-in" "a check-in that is due opens first"
	tm send-keys -t ro 1 Down 0 End Enter
	expect ro "The check-in was not saved: cannot open" "a check-in that cannot be saved says so"
	tm send-keys -t ro c
	shown ro " Checklist"
	tm send-keys -t ro Space
	expect ro "Ticked for now, but not saved: cannot open the lock file" "a tick that cannot be saved says so"
	expect ro "Permission denied"
	tm send-keys -t ro Down l
	expect ro " Timeline" "the interface stays usable"
	tm send-keys -t ro q
	ended ro 0
	that "nothing was written in the read-only folder" [ -z "$(ls -A "$RO/state/needlecare")" ]
	finish ro
fi

# --- Idle: wakes once a minute, and never touches the disk to draw ----------
# (LeakSanitizer cannot run under strace: it is off for this one.)
command -v strace >/dev/null &&
WRAP="strace -f -qq -o ${TMP@Q}/strace.log -e trace=poll,ppoll,select,pselect6,openat,open,write" \
	launch idle 80 24 ASAN_OPTIONS=detect_leaks=0 -- --session "$S" --now '2026-12-05 09:00:58'
shown idle "Day 3"
tm send-keys -t idle l
expect idle "now ▸ Sat 5 Dec 2026 09:00"
expect idle "now ▸ Sat 5 Dec 2026 09:01" "the clock moves on by itself at the minute"
sleep 1 # idle: nothing should happen in this second
tm send-keys -t idle q
ended idle 0
if grep -q 'poll(' "$TMP/strace.log" 2>/dev/null; then
	# The waits for a key: polls with a time-out. From the wait after the
	# first frame to q, at most three, none longer than a minute and a bit.
	waits=$(grep -oP '\bpoll\(\[\{fd=0, events=POLLIN\}\], 1, \K[1-9][0-9]*' "$TMP/strace.log")
	that "idle: a few waits, not a busy loop ($(echo $waits))" [ "$(wc -w <<<"$waits")" -le 4 ]
	that "idle: each wait ends by the next minute" \
		bash -c "for w in $(echo $waits); do [ \$w -le 61000 ] || exit 1; done"
	that "idle: a wait of about a minute after the minute turned" \
		bash -c "for w in $(echo $waits); do [ \$w -ge 59000 ] && exit 0; done; exit 1"
	# Nor a poll that only looks for typeahead at each refresh: the one
	# look left follows a wait that timed out (is the terminal still there?).
	looks=$(grep -c 'poll(\[{fd=0, events=POLLIN}\], 1, 0)' "$TMP/strace.log")
	timeouts=$(grep -cE 'poll\(\[\{fd=0, events=POLLIN\}\], 1, [1-9][0-9]*\) = 0' "$TMP/strace.log")
	that "idle: drawing looks for no typeahead ($looks looks, $timeouts time-outs)" [ "$looks" -le "$timeouts" ]
	# No file is opened between the first wait and the end.
	opened=$(awk '/poll\(.*, [1-9]/ {w = 1} w && /open(at)?\(/' "$TMP/strace.log")
	that "idle: drawing opens no file ($opened)" [ -z "$opened" ]
	# Three frames (Today, the timeline, the minute after) and the set-up
	# and ending around them: a frame is one write, not one per move.
	writes=$(grep -cE '^[0-9]+ +write\(1,' "$TMP/strace.log")
	that "each frame leaves in one write ($writes writes to the terminal)" [ "$writes" -le 16 ]
else
	echo "skip: idle checks (strace cannot trace here)"
fi
finish idle

# --- The first frame comes from the plan cache that `next` wrote ------------
# Its own cache folder, so that only the run of next below can fill it.
if command -v strace >/dev/null; then
	XDG_CACHE_HOME="$TMP/cache-ui" "$NC" --protocol "$CARE" --session "$S" --now "$DAY3" next >/dev/null
	WRAP="strace -f -qq -o ${TMP@Q}/cached.log -e trace=openat,open" \
		launch cached 80 24 ASAN_OPTIONS=detect_leaks=0 XDG_CACHE_HOME="$TMP/cache-ui" -- \
		--session "$S" --now "$DAY3"
	expect cached "Day 3" "a cached plan opens on Today"
	tm send-keys -t cached q
	ended cached 0
	that "the interface reads the plan cache" grep -q "cache-ui/needlecare/.*= [0-9]" "$TMP/cached.log"
	that "and does not read the protocol when the cache is current" \
		bash -c "! grep -F ${CARE@Q} ${TMP@Q}/cached.log | grep -q '= [0-9]'"
	finish cached
else
	echo "skip: the cache check (no strace)"
fi

# --- A plan that cannot be loaded: its reason, held while loading, reaches
# the terminal, and no screen opens
CARE_FILE="$TMP/no-such.ini" launch noproto 80 24 -- --session "$S" --now "$DAY3"
ended noproto 3
that "the reason is on standard error" grep -q "no-such.ini does not exist" "$TMP/noproto.err"
finish noproto

# --- A terminal that goes away: needlecare ends, and does not spin ---------
# The shell in the pane ignores the hang-up and outlives the terminal, so
# no signal tells needlecare: only its closed input does.
HUPCFG="$TMP/hangup.ini" # a path that names this process for pgrep
tm new-session -d -s hup -x 80 -y 24 \
	"sh -c 'trap \"\" HUP; ${NC@Q} --config ${HUPCFG@Q} --protocol ${CARE@Q} --session \"$S\" --now \"$DAY3\"; :'"
expect hup "Day 3" "a session for the hang-up case"
tm kill-session -t hup
# ("[-]" keeps the pattern from matching the command line that holds it.)
start_wait
while pgrep -f -- "^[^ ]*needlecare [-]-config $HUPCFG" >/dev/null; do waiting || break; done
that "a closed terminal ends the interface at once" bash -c "! pgrep -f -- '^[^ ]*needlecare [-]-config $HUPCFG' >/dev/null"
pkill -f -- "^[^ ]*needlecare [-]-config $HUPCFG" 2>/dev/null

# --- The daily routine: the session's own day, a lapsed check-in, and the
# real journal's warnings that a pretend session does not show
RT="$TMP/routine-state"
launch day0 80 24 XDG_STATE_HOME="$RT" -- --session "$S" --now '2026-12-02 08:00:00'
expect day0 "Your session today" "on its own day the session comes first"
expect day0 "Session 1 of 1, today 10:30" "... with its time"
expect day0 "Starting later today" "restrictions that start later are under their own heading"
that "... and the session's end is no news" bash -c "! snap day0 | grep -q 'End: Your'"
finish day0
launch lapsed 80 24 XDG_STATE_HOME="$RT" -- --session "$S" --now '2026-12-08 09:00:00'
expect lapsed "Missed check-in" "a check-in not logged is said once as missed"
that "... never as due, and the interface does not open on it" \
	bash -c "! snap lapsed | grep -qE 'Check-in due| Check-in  '"
finish lapsed
XDG_STATE_HOME="$RT" "$NC" --protocol "$CARE" --config "$CLINIC" --now "$DAY4" log fever=yes >/dev/null 2>&1 </dev/null
launch real 80 24 XDG_STATE_HOME="$RT" -- --config "$CLINIC" --now "$DAY4"
expect real "Press a once you have read this" "the real course shows the warning"
finish real
launch pretend 80 24 XDG_STATE_HOME="$RT" -- --config "$CLINIC" --session "$S" --now "$DAY4"
expect pretend "Day 4 after your session" "a pretend session opens"
that "... with no banner from the real journal" bash -c "! snap pretend | grep -q 'Press a once'"
finish pretend

# --- No terminal, TERM=dumb, and a configuration with problems --------------
out=$("$NC" --protocol "$CARE" --session "$S" --now "$DAY3" </dev/null 2>"$TMP/err")
that "no terminal: the today view" grep -q "^Day 3 after session 1 of 1" <<<"$out"
that "no terminal: one line on how to open the interface" \
	grep -qx "needlecare: showing the today view; run needlecare in a terminal (TERM set, not dumb) to open the interface" "$TMP/err"
launch dumb 80 60 TERM=dumb -- --session "$S" --now "$DAY3"
ended dumb 0
expect dumb "Day 3 after session 1 of 1" "TERM=dumb: the today view"
that "TERM=dumb: the hint on standard error" grep -q "open the interface" "$TMP/dumb.err"
finish dumb
ERR=pane launch invalid 80 24 -- --config "$FIX/config/bad-many.ini" --now "$DAY3"
ended invalid 3
expect invalid "bad-many.ini:6" "a bad configuration is reported, and the screen never opens"
finish invalid

summary
