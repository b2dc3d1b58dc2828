#!/usr/bin/env bash
# Privacy and hostile content:
#  - files and folders needlecare creates are 0600 and 0700, whatever the
#    umask;
#  - a state, journal, configuration or cache path that is a symbolic link
#    is refused, and what it points to is left as it was;
#  - needlecare never runs a shell or any other program (the sources call
#    none, and strace sees no execve but needlecare's own), and connects to
#    nothing but the session bus of the desktop;
#  - long titles in many scripts reach the terminal and the notification
#    server whole or cut on a character boundary, never half a character;
#  - forget deletes everything needlecare keeps, says what, and follows no
#    link.
# Runs itself inside a private D-Bus session with a mock notification
# server. usage: tests/privacy/run.sh path/to/needlecare
set -u
NC=$(realpath "$1")
cd "$(dirname "$0")/../.."
ROOT=$PWD
. tests/lib.sh
in_test_bus tests/privacy/run.sh "$NC"
TMP=$(mktemp -d)
private_tmux ncpriv
DAEMON=
NCPIDS= # the interfaces whose terminal was closed: they must have ended
cleanup() {
	tmux_stop
	# shellcheck disable=SC2086
	reap_needlecare $NCPIDS
	[ -n "$DAEMON" ] && kill "$DAEMON" 2>/dev/null && wait "$DAEMON" 2>/dev/null
	stop_server
	rm -rf "$TMP"
}
trap cleanup EXIT
. tests/faults/lib.sh
export TZ=Europe/Berlin LC_ALL=C.UTF-8
unset DISPLAY WAYLAND_DISPLAY
# Under strace: LeakSanitizer cannot work under ptrace.
traced() { ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace "$@"; }
# home NAME: a fresh, empty home for one part of the test.
home() {
	export HOME="$TMP/$1"
	export XDG_CONFIG_HOME="$HOME/config" XDG_DATA_HOME="$HOME/data"
	export XDG_STATE_HOME="$HOME/state" XDG_CACHE_HOME="$HOME/cache"
	CFG="$XDG_CONFIG_HOME/needlecare/config.ini"
	SD="$XDG_STATE_HOME/needlecare"
	rm -rf "$HOME"
	mkdir -p "$HOME"
}
NOTIFY="$ROOT/tests/fixtures/protocols/notify.ini"
start_mock

# ---------------------------------------------------------------------------
# Modes: everything made by book, screen, log, notify, the daemon and the
# cache, with a umask that would leave it open to everyone.
home modes
(
	umask 000
	"$NC" --protocol "$NOTIFY" --now '2026-11-20 10:00' book 2026-12-02 10:30
	"$NC" screen cold-sores=no
	"$NC" --now '2026-12-03 10:00' log redness=2 note='dry'
	"$NC" --now '2026-11-30 09:00' notify
	# The cache keeps only plans built from files at least a second old.
	sleep 1.1
	"$NC" --now '2026-11-30 09:00' next
	"$NC" --now '2026-11-30 09:00' next
	"$NC" --now '2026-11-30 09:00' daemon & pid=$!
	for _ in $(seq 100); do [ -s "$SD/daemon.pid" ] && break; sleep 0.05; done
	kill -TERM $pid
	wait $pid
) >/dev/null 2>"$TMP/err"
that "modes: the commands ran without a complaint" [ ! -s "$TMP/err" ]
for f in "$CFG" "$SD/state" "$SD/state.lock" "$SD/journal" "$SD/daemon.pid"; do
	that "modes: $(basename "$f") exists and is 0600" [ "$(stat -c %a "$f" 2>/dev/null)" = 600 ]
done
that "modes: the cache was written" [ -n "$(find "$XDG_CACHE_HOME" -type f)" ]
bad=$(find "$HOME" -mindepth 1 \( -type f ! -perm 600 \) -o \( -type d ! -perm 700 \))
that "modes: every file is 0600 and every folder 0700 (umask 000)" [ -z "$bad" ]
[ -n "$bad" ] && ls -ld $bad
bad=$(find "$HOME" -mindepth 1 ! -type f ! -type d)
that "modes: nothing else was made (no link, no socket, no pipe)" [ -z "$bad" ]

# ---------------------------------------------------------------------------
# Links: refused, and what they point to stays as it was.
home links
"$NC" --protocol "$NOTIFY" --now '2026-11-20 10:00' book 2026-12-02 10:30 >/dev/null
mkdir -p "$SD" "$TMP/elsewhere"
printf 'needlecare state 1\n' > "$TMP/elsewhere/state"
printf 'needlecare journal 1\n' > "$TMP/elsewhere/journal"
cp "$TMP/elsewhere/state" "$TMP/elsewhere/state.orig"
cp "$TMP/elsewhere/journal" "$TMP/elsewhere/journal.orig"
ln -s "$TMP/elsewhere/state" "$SD/state"
: > "$LOG"
"$NC" --now '2026-11-30 09:00' notify >"$TMP/out" 2>"$TMP/err"
rc=$?
that "a state that is a link: notify refuses it (exit $rc)" [ $rc -eq 1 ]
that "a state that is a link: and says so" grep -qF "$SD/state: is a symbolic link" "$TMP/err"
that "a state that is a link: nothing is sent that could not be recorded" [ "$(sent)" -eq 0 ]
that "a state that is a link: what it points to is unchanged" cmp -s "$TMP/elsewhere/state" "$TMP/elsewhere/state.orig"
ln -s "$TMP/elsewhere/journal" "$SD/journal"
"$NC" --now '2026-12-03 10:00' log redness=1 >"$TMP/out" 2>"$TMP/err"
rc=$?
that "a journal that is a link: log refuses it (exit $rc)" [ $rc -ne 0 ]
that "a journal that is a link: and says so" grep -qF "symbolic link" "$TMP/err"
that "a journal that is a link: what it points to is unchanged" cmp -s "$TMP/elsewhere/journal" "$TMP/elsewhere/journal.orig"
"$NC" --now '2026-12-03 10:00' journal >"$TMP/out" 2>"$TMP/err"
that "a journal that is a link: journal will not read it" grep -qF "symbolic link" "$TMP/err"
rm -f "$SD/state" "$SD/journal"
cp "$CFG" "$TMP/elsewhere/config.ini"
cp "$CFG" "$TMP/elsewhere/config.orig"
rm "$CFG"
ln -s "$TMP/elsewhere/config.ini" "$CFG"
"$NC" --now '2026-11-20 10:00' book 2027-01-13 10:30 >"$TMP/out" 2>"$TMP/err"
rc=$?
that "a configuration that is a link: book will not replace it (exit $rc)" [ $rc -eq 1 ]
that "a configuration that is a link: and says so" grep -qF "is a symbolic link" "$TMP/err"
that "a configuration that is a link: what it points to is unchanged" cmp -s "$TMP/elsewhere/config.ini" "$TMP/elsewhere/config.orig"
rm "$CFG"
cp "$TMP/elsewhere/config.orig" "$CFG"
touch -d '-1 minute' "$CFG"
mkdir -p "$XDG_CACHE_HOME/needlecare"
printf 'mine\n' > "$TMP/elsewhere/plan"
ln -s "$TMP/elsewhere/plan" "$XDG_CACHE_HOME/needlecare/plan"
"$NC" --now '2026-11-30 09:00' next >"$TMP/out" 2>&1
that "a cache file that is a link: next still answers" grep -q 'Pause retinol' "$TMP/out"
that "a cache file that is a link: what it points to is unchanged" [ "$(cat "$TMP/elsewhere/plan")" = mine ]
that "a cache file that is a link: it stays a link" [ -L "$XDG_CACHE_HOME/needlecare/plan" ]

# ---------------------------------------------------------------------------
# No shell, no program run: first in the sources, then in what runs.
calls=$(grep -nE '\b(system|popen|execl|execlp|execle|execv|execve|execvp|execvpe|fexecve|posix_spawnp?|wordexp)[[:space:]]*\(' tui/*/*.c tui/*/*.h)
that "the sources call no shell and run no program" [ -z "$calls" ]
[ -n "$calls" ] && echo "$calls"
that "the sources name no shell" bash -c "! grep -nE '\"/bin/(ba)?sh|\"sh\"' tui/*/*.c"
# The command-line tests, every command of needlecare under strace.
home exec
: > "$TMP/execve.log"
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" NC_WRAP="strace -f -qq -e trace=execve -e signal=none -A -o $TMP/execve.log" env -u DBUS_SESSION_BUS_ADDRESS \
	bash tests/cli/run.sh "$NC" >"$TMP/cli.out" 2>&1
that "the command-line tests pass under strace" grep -q ' 0 failed$' "$TMP/cli.out"
grep -q ' 0 failed$' "$TMP/cli.out" || tail -5 "$TMP/cli.out"
runs=$(grep -c 'execve(' "$TMP/execve.log")
others=$(grep 'execve(' "$TMP/execve.log" | grep -vF "execve(\"$NC\"")
that "strace saw the command-line tests run needlecare ($runs times)" [ "$runs" -ge 50 ]
that "and needlecare ran nothing else, in any process" [ -z "$others" ]
[ -n "$others" ] && echo "$others" | head -5
# notify and the daemon: the notifier child loads libnotify, runs nothing.
home exec2
printf '[course]\nprotocol = %s\n\n[session.1]\nstart = 2026-12-02 10:30\nzone = Europe/Berlin\nbooked = 2026-11-20 10:00:00\n' \
	"$NOTIFY" > "$TMP/n.ini"
: > "$LOG"
traced -f -qq -e trace=execve,%network -e signal=none -o "$TMP/notify.trace" \
	"$NC" --config "$TMP/n.ini" --now '2026-12-02 10:30' notify >/dev/null 2>&1
that "notify under strace sent its notifications" [ "$(sent)" -eq 2 ]
that "notify ran no program" [ "$(grep -c 'execve(' "$TMP/notify.trace")" -eq 1 ]
traced -f -qq -e trace=execve,%network -e signal=none -o "$TMP/daemon.trace" \
	"$NC" --config "$TMP/n.ini" --now '2026-12-02 11:29:58' daemon >/dev/null 2>&1 &
DAEMON=$!
for _ in $(seq 200); do [ "$(sent)" -ge 3 ] && break; sleep 0.05; done
# The daemon itself, not strace (which would only let go of it).
kill -TERM "$(cat "$SD/daemon.pid")"
wait "$DAEMON"
DAEMON=
that "the daemon under strace delivered a milestone" [ "$(sent)" -ge 3 ]
that "the daemon ran no program" [ "$(grep -c 'execve(' "$TMP/daemon.trace")" -eq 1 ]

# Nothing but the session bus: the bus's own socket is the only address.
bus=${DBUS_SESSION_BUS_ADDRESS#unix:}
bus=${bus%%,*}
case $bus in abstract=*) want="sun_path=@\"${bus#abstract=}\"" ;; *) want="sun_path=\"${bus#path=}\"" ;; esac
for t in notify daemon; do
	connects=$(grep -c 'connect(' "$TMP/$t.trace")
	others=$(grep 'connect(' "$TMP/$t.trace" | grep -vF "$want")
	that "$t connects to the session bus ($connects times)" [ "$connects" -ge 1 ]
	that "$t connects to nothing else" [ -z "$others" ]
	[ -n "$others" ] && echo "$others" | head -3
	that "$t opens no network socket (only AF_UNIX)" \
		bash -c "! grep -E 'socket\(' '$TMP/$t.trace' | grep -v 'AF_UNIX' | grep -q ."
done
# The other commands open no socket at all.
for args in "--now '2026-11-30 09:00' today" "--now '2026-11-30 09:00' timeline" "check" \
	"--now '2026-11-30 09:00' next" "--now '2026-12-03 10:00' log redness=1" \
	"--now '2026-12-03 10:00' journal" "--now '2026-11-20 10:00' book 2027-01-13 10:30" \
	"screen --list" "sessions"; do
	eval "set -- $args"
	traced -f -qq -e trace=%network -e signal=none -o "$TMP/cmd.trace" "$NC" --config "$TMP/n.ini" "$@" >/dev/null 2>&1
	that "needlecare $args opens no socket" [ ! -s "$TMP/cmd.trace" ]
done

# ---------------------------------------------------------------------------
# Long titles in several scripts: whole, or cut on a character boundary.
home titles
LONG="Évitez le soleil — 日焼けを避けてください 🌞 $(printf 'Ä日😀%.0s' $(seq 60)) fin"
printf '[protocol]\nname = Long\n\n[sun]\nstart = -1d\nend = +7d\nkind = restriction\nphase = preparation\ntitle = %s\nbody = %s\n' \
	"$LONG" "$LONG" > "$TMP/long.ini"
valid() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 && ! grep -q $'\xef\xbf\xbd' "$1"; }
for cmd in today timeline next "timeline --format tsv"; do
	"$NC" --protocol "$TMP/long.ini" --session '2026-12-02 10:30' --now '2026-11-30 10:00' $cmd >"$TMP/out" 2>&1
	that "$cmd shows the long title whole" grep -qF "$LONG" "$TMP/out"
	that "$cmd prints valid UTF-8" valid "$TMP/out"
done
: > "$LOG"
"$NC" --protocol "$TMP/long.ini" --session '2026-12-02 10:30' --now '2026-12-01 09:00' notify >/dev/null 2>&1
that "the notification server gets the long title whole" grep -qF "\"$LONG\" \"$LONG\"" "$LOG"
that "as valid UTF-8" valid "$LOG"
# The interface cuts it to the width: at 57 columns a wide character
# stands on the edge.
tm new-session -d -s keep -x 80 -y 24 'exec sleep 600'
for width in 57 60; do
	tm new-session -d -s t$width -x $width -y 20 \
		"env LANG=C.UTF-8 '$NC' --protocol '$TMP/long.ini' --session '2026-12-02 10:30' --now '2026-12-01 10:00'; sleep 30"
	for _ in $(seq 100); do
		tm capture-pane -p -t t$width > "$TMP/screen" 2>/dev/null
		grep -q 'Évitez' "$TMP/screen" && break
		sleep 0.05
	done
	that "the interface at $width columns shows the title" grep -q 'Évitez' "$TMP/screen"
	that "the interface at $width columns cuts it cleanly (valid UTF-8, no replacement character)" valid "$TMP/screen"
	that "the interface at $width columns marks the cut" grep -q 'Évitez.*…' "$TMP/screen"
	NCPIDS+=" $(pgrep -P "$(tm display -p -t t$width '#{pane_pid}')")"
	tm kill-session -t t$width
done

# ---------------------------------------------------------------------------
# forget
home forget
"$NC" --protocol "$NOTIFY" --now '2026-11-20 10:00' book 2026-12-02 10:30 >/dev/null
"$NC" --now '2026-12-03 10:00' log redness=2 note='private' >/dev/null
"$NC" --now '2026-11-30 09:00' notify >/dev/null 2>&1
sleep 1.1
"$NC" --now '2026-11-30 09:00' next >/dev/null
# What crashes and the daemon leave behind.
: > "$CFG.Ab12Cd"
chmod 600 "$CFG.Ab12Cd"
printf '1\n' > "$SD/daemon.pid"
: > "$SD/state.Xy34Zw"
mkdir -p "$XDG_DATA_HOME/needlecare/protocols"
cp "$NOTIFY" "$XDG_DATA_HOME/needlecare/protocols/clinic.ini"
find "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME" -type f | sort > "$TMP/before"
that "forget: there is something to forget (config, state, lock, journal, pid, cache, leftovers)" \
	[ "$(wc -l < "$TMP/before")" -ge 8 ]
"$NC" forget </dev/null >"$TMP/out" 2>"$TMP/err"
rc=$?
that "forget without a terminal and without --yes refuses (exit $rc)" [ $rc -eq 2 ]
that "and says how to confirm" grep -qF 'add --yes' "$TMP/err"
find "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME" -type f | sort > "$TMP/after"
that "and deletes nothing" cmp -s "$TMP/before" "$TMP/after"
# On a terminal: asked, and "no" keeps everything.
printf 'no\n' | script -qec "'$NC' forget" /dev/null >"$TMP/out" 2>&1
rc=$?
that "forget asks on a terminal, and no keeps everything (exit $rc)" [ $rc -eq 1 ]
that "it listed what it would delete" grep -qF "$SD/journal" "$TMP/out"
that "it said nothing was deleted" grep -qF 'Nothing was deleted' "$TMP/out"
find "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME" -type f | sort > "$TMP/after"
that "and everything is still there" cmp -s "$TMP/before" "$TMP/after"
# A running daemon would write again: forget waits for it to stop.
"$NC" --now '2026-11-30 09:00' daemon >/dev/null 2>&1 &
DAEMON=$!
for _ in $(seq 100); do grep -qx "$DAEMON" "$SD/daemon.pid" 2>/dev/null && break; sleep 0.05; done
"$NC" forget --yes >"$TMP/out" 2>"$TMP/err"
rc=$?
that "forget refuses while the daemon runs (exit $rc)" [ $rc -eq 1 ]
that "and names it" grep -qF "daemon is running (pid $DAEMON)" "$TMP/err"
kill -TERM "$DAEMON"
wait "$DAEMON"
DAEMON=
printf 'yes\n' | script -qec "'$NC' forget" /dev/null >"$TMP/out" 2>&1
rc=$?
that "forget, answered yes on a terminal, deletes (exit $rc)" [ $rc -eq 0 ]
that "forget says exported calendars and CSV files stay where they were written" \
	grep -q 'Calendar files (export --ics) and journal exports (journal --export) stay where you wrote them' "$TMP/out"
while read -r f; do
	that "forget said it deleted $(basename "$f")" grep -qF "deleted $f" "$TMP/out"
done < "$TMP/before"
that "the folders are gone too" bash -c "[ ! -e '$XDG_CONFIG_HOME/needlecare' ] && [ ! -e '$SD' ] && [ ! -e '$XDG_CACHE_HOME/needlecare' ]"
that "the patient's own protocols are left alone" [ -f "$XDG_DATA_HOME/needlecare/protocols/clinic.ini" ]
that "forget says needlecare keeps nothing now" grep -qF 'keeps nothing about you now' "$TMP/out"
"$NC" forget --yes >"$TMP/out" 2>&1
that "forget again: nothing to delete, exit 0" grep -qF 'nothing to delete' "$TMP/out"
# Links: never followed, never deleted; named, and the exit status says so.
home forget-links
"$NC" --protocol "$NOTIFY" --now '2026-11-20 10:00' book 2026-12-02 10:30 >/dev/null
"$NC" --now '2026-12-03 10:00' log redness=2 >/dev/null
mkdir -p "$TMP/keep/inside"
printf 'not needlecare\n' > "$TMP/keep/file"
printf 'not needlecare\n' > "$TMP/keep/inside/file"
ln -s "$TMP/keep/file" "$SD/a-link"
ln -s "$TMP/keep/inside" "$SD/folder-link"
mkdir -p "$XDG_CACHE_HOME"
ln -s "$TMP/keep" "$XDG_CACHE_HOME/needlecare"
"$NC" forget --yes >"$TMP/out" 2>"$TMP/err"
rc=$?
that "forget with links left: exit 1 (got $rc)" [ $rc -eq 1 ]
that "forget names each link it did not follow" \
	bash -c "grep -qF '$SD/a-link (a link to $TMP/keep/file)' '$TMP/err' && grep -qF '$SD/folder-link' '$TMP/err' && grep -qF '$XDG_CACHE_HOME/needlecare (a link to' '$TMP/err'"
that "what the links point to is untouched" \
	bash -c "[ -f '$TMP/keep/file' ] && [ -f '$TMP/keep/inside/file' ] && [ -L '$XDG_CACHE_HOME/needlecare' ]"
that "the rest was deleted" bash -c "[ ! -e '$CFG' ] && [ ! -e '$SD/journal' ]"
# --config names the configuration to forget, and only that one.
home forget-config
mkdir -p "$XDG_CONFIG_HOME/needlecare"
printf '[course]\nprotocol = prp\n' > "$XDG_CONFIG_HOME/needlecare/config.ini"
"$NC" --config "$TMP/other.ini" --now '2026-11-20 10:00' book 2026-12-02 10:30 >/dev/null
"$NC" --config "$TMP/other.ini" forget --yes >"$TMP/out" 2>&1
that "forget --config deletes that file" bash -c "[ ! -e '$TMP/other.ini' ] && grep -qF 'deleted $TMP/other.ini' '$TMP/out'"
that "and leaves the default one alone" [ -f "$XDG_CONFIG_HOME/needlecare/config.ini" ]
"$NC" forget --format tsv >/dev/null 2>"$TMP/err"
that "forget takes no --format" [ $? -eq 2 ]
"$NC" today --yes >/dev/null 2>"$TMP/err"
that "--yes belongs to forget alone" grep -qF 'today does not take --yes' "$TMP/err"

finish
