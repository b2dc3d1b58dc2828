#!/usr/bin/env bash
# Faults at every write step, full disks, refused writes and missing rights:
#  - book (the configuration), notify (the state) and log (the journal) are
#    killed by strace at each write, fsync and rename they make (notify and
#    log at their flock too), one run per step; each time the file must
#    load and hold the old or the new content, byte for byte, and a later
#    run must finish the job, not held up by the killed one's lock;
#  - failures injected with strace (ENOSPC, EIO, EACCES) and a real full
#    disk (a tiny tmpfs, as root) must give a clear message and leave the
#    previous file intact;
#  - as an unprivileged user (root ignores file modes): a read-only folder
#    or file must be named in the message, nothing lost.
# Runs itself inside a private D-Bus session with a mock notification
# server. usage: tests/faults/run.sh path/to/needlecare
set -u
NC=$(realpath "$1")
cd "$(dirname "$0")/../.."
ROOT=$PWD
. tests/lib.sh
in_test_bus tests/faults/run.sh "$NC"
TMP=$(mktemp -d)
PRIV=
cleanup() {
	stop_server
	[ -n "$PRIV" ] && { umount "$PRIV/full" 2>/dev/null; rm -rf "$PRIV"; }
	rm -rf "$TMP"
}
trap cleanup EXIT
. tests/faults/lib.sh
# LeakSanitizer cannot work under ptrace, and most runs here are traced:
# leaks are the other suites' and valgrind's business.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
private_home "$TMP"
STATE="$XDG_STATE_HOME/needlecare/state"

# trace LOG ARGS...: the write, fsync and rename calls of one run, with the
# files they touch.
trace() {
	local log=$1
	shift
	strace -f -y -o "$log" -e trace=write,fsync,fdatasync,rename,renameat,renameat2 "$NC" "$@" >/dev/null 2>&1
}
# count LOG SYSCALL: how many times the run called it.
count() { grep -cE "^([0-9]+ +)?$2\(" "$1"; }
# nth LOG SYSCALL PATTERN: the number of the first call of SYSCALL whose
# file matches PATTERN (counted among the calls of SYSCALL).
nth() { grep -E "^([0-9]+ +)?$2\(" "$1" | grep -nE "$3" | head -n1 | cut -d: -f1; }

# ---------------------------------------------------------------------------
# book: a crash at every step of rewriting the configuration.
CFGDIR="$TMP/cfg"
CFG="$CFGDIR/config.ini"
mkdir -p "$CFGDIR"
printf '; my own comment\n[course]\nprotocol = microneedling\n\n[session.1]\nstart = 2026-12-02 10:30\nzone = Europe/Berlin\n' > "$TMP/old.ini"
BOOK=(--config "$CFG" --now '2026-11-25 10:00' book 2027-01-06 10:30)
cp "$TMP/old.ini" "$CFG"
"$NC" "${BOOK[@]}" >/dev/null 2>&1
cp "$CFG" "$TMP/new.ini"
that "book: the clean run changes the file" bash -c "! cmp -s '$TMP/old.ini' '$TMP/new.ini'"
cp "$TMP/old.ini" "$CFG"
trace "$TMP/book.trace" "${BOOK[@]}"
steps=0
for sc in write fsync rename; do
	n=$(count "$TMP/book.trace" $sc)
	that "book makes at least one $sc (it made $n)" [ "$n" -ge 1 ]
	for ((i = 1; i <= n; i++)); do
		steps=$((steps + 1))
		rm -f "$CFGDIR"/*
		cp "$TMP/old.ini" "$CFG"
		( strace -f -o /dev/null -e trace=$sc -e inject=$sc:signal=KILL:when=$i "$NC" "${BOOK[@]}" >/dev/null 2>&1; exit $? ) 2>/dev/null
		rc=$?
		that "book killed at $sc $i: it was killed (exit $rc)" [ $rc -eq 137 ]
		that "book killed at $sc $i: the file is the old or the new one" \
			bash -c "cmp -s '$CFG' '$TMP/old.ini' || cmp -s '$CFG' '$TMP/new.ini'"
		"$NC" --config "$CFG" check >/dev/null 2>&1
		that "book killed at $sc $i: the file loads" [ $? -eq 0 ]
		for f in $(leftovers "$CFG"); do
			that "book killed at $sc $i: a leftover temporary file is private (0600)" \
				[ "$(stat -c %a "$f")" = 600 ]
		done
		# A later run is not confused by what the crash left.
		"$NC" "${BOOK[@]}" >/dev/null 2>&1
		"$NC" --config "$CFG" check >/dev/null 2>&1
		that "book killed at $sc $i: a later book finishes the job" cmp -s "$CFG" "$TMP/new.ini"
	done
done
echo "book: killed at each of $steps write, fsync and rename steps"

# Refused writes: a clear message, the old file intact, no temporary file.
refused() {
	local name=$1 inject=$2 text=$3
	rm -f "$CFGDIR"/*
	cp "$TMP/old.ini" "$CFG"
	strace -f -o /dev/null -e inject="$inject" "$NC" "${BOOK[@]}" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	that "book, $name: exit 1 (got $rc)" [ $rc -eq 1 ]
	that "book, $name: says \"$text\"" grep -qF "$text" "$TMP/err"
	that "book, $name: one line" [ "$(wc -l < "$TMP/err")" -eq 1 ]
	that "book, $name: the old file is intact" cmp -s "$CFG" "$TMP/old.ini"
	that "book, $name: no temporary file is left" [ -z "$(leftovers "$CFG")" ]
	that "book, $name: says nothing was booked" bash -c "! grep -q Booked '$TMP/out'"
}
w=$(nth "$TMP/book.trace" write 'config\.ini\.[A-Za-z0-9]{6}>')
refused "disk full (ENOSPC)" "write:error=ENOSPC:when=$w" "cannot write $CFG: No space left on device"
refused "refused write (EACCES)" "write:error=EACCES:when=$w" "cannot write $CFG: Permission denied"
refused "failed sync (EIO)" "fsync:error=EIO:when=1" "cannot sync $CFG: Input/output error"
refused "refused rename (EACCES)" "rename:error=EACCES" "cannot replace $CFG: Permission denied"
# Counted from the same start as refused() makes: no lock file yet.
rm -f "$CFGDIR"/*
cp "$TMP/old.ini" "$CFG"
strace -f -o "$TMP/open.trace" -e trace=openat "$NC" "${BOOK[@]/2027-01-06/2027-01-07}" >/dev/null 2>&1
o=$(grep -E '^[0-9]+ +openat\(' "$TMP/open.trace" | grep -n 'O_CREAT|O_EXCL' | head -n1 | cut -d: -f1)
refused "refused temporary file (EACCES)" "openat:error=EACCES:when=$o" \
	"cannot create a temporary file beside $CFG: Permission denied"
# forget removes a folder once it is empty: when that falls between making
# the folder and making the lock in it (ENOENT there), both are made again.
rm -rf "$CFGDIR"
strace -f -o "$TMP/open.trace" -e trace=openat "$NC" "${BOOK[@]}" >/dev/null 2>&1
o=$(grep -E '^[0-9]+ +openat\(' "$TMP/open.trace" | grep -n 'config\.ini\.lock.*O_CREAT' | head -n1 | cut -d: -f1)
rm -rf "$CFGDIR"
strace -f -o /dev/null -e trace=openat -e inject="openat:error=ENOENT:when=$o" "$NC" "${BOOK[@]}" >"$TMP/out" 2>"$TMP/err"
rc=$?
that "book, folder gone before its lock was made (openat $o): booked all the same (exit $rc)" \
	bash -c "[ $rc -eq 0 ] && grep -q Booked '$TMP/out' && [ ! -s '$TMP/err' ] && [ -f '$CFG.lock' ]"
mkdir -p "$CFGDIR"

# ---------------------------------------------------------------------------
# notify: a crash at every step of recording what was sent.
NCFG="$TMP/notify.ini"
printf '[course]\nprotocol = %s\n\n[session.1]\nstart = 2026-12-02 10:30\nzone = Europe/Berlin\nbooked = 2026-11-20 10:00:00\n' \
	"$ROOT/tests/fixtures/protocols/notify.ini" > "$NCFG"
start_mock
rm -rf "$XDG_STATE_HOME"
"$NC" --config "$NCFG" --now '2026-11-30 09:00' notify
cp "$STATE" "$TMP/old.state"
# One notification (prep1) is due at this moment: one save.
PASS=(--config "$NCFG" --now '2026-12-01 09:00' notify)
"$NC" "${PASS[@]}"
cp "$STATE" "$TMP/new.state"
that "notify: the clean pass records one more milestone" \
	[ "$(wc -l < "$TMP/new.state")" -eq $(($(wc -l < "$TMP/old.state") + 1)) ]
cp "$TMP/old.state" "$STATE"
# Without -f: the notifier child (libnotify, D-Bus) is left alone; the
# steps counted are needlecare's own.
strace -y -o "$TMP/notify.trace" -e trace=write,fsync,rename,flock "$NC" "${PASS[@]}" >/dev/null 2>&1
steps=0
# At flock too: the kernel drops the lock of a killed pass, and the next
# one goes on at once.
for sc in write fsync rename flock; do
	n=$(count "$TMP/notify.trace" $sc)
	that "notify makes at least one $sc (it made $n)" [ "$n" -ge 1 ]
	for ((i = 1; i <= n; i++)); do
		steps=$((steps + 1))
		rm -rf "$XDG_STATE_HOME"
		mkdir -p "$(dirname "$STATE")"
		cp "$TMP/old.state" "$STATE"
		( strace -o /dev/null -e trace=$sc -e inject=$sc:signal=KILL:when=$i "$NC" "${PASS[@]}" >/dev/null 2>&1; exit $? ) 2>/dev/null
		rc=$?
		that "notify killed at $sc $i: it was killed (exit $rc)" [ $rc -eq 137 ]
		that "notify killed at $sc $i: the state is the old or the new one" \
			bash -c "cmp -s '$STATE' '$TMP/old.state' || cmp -s '$STATE' '$TMP/new.state'"
		for f in $(leftovers "$STATE"); do
			that "notify killed at $sc $i: a leftover temporary file is private (0600)" \
				[ "$(stat -c %a "$f")" = 600 ]
		done
		# The next pass loads it (a damaged state would be reported) and
		# ends with every milestone recorded once.
		"$NC" "${PASS[@]}" >"$TMP/out" 2>"$TMP/err"
		rc=$?
		that "notify killed at $sc $i: the next pass succeeds (exit $rc)" [ $rc -eq 0 ]
		that "notify killed at $sc $i: and finds nothing damaged" [ ! -s "$TMP/err" ]
		that "notify killed at $sc $i: then every milestone is recorded once" cmp -s "$STATE" "$TMP/new.state"
	done
done
echo "notify: killed at each of $steps write, fsync, rename and flock steps"

# The state cannot be saved: the notification was shown, and the pass says
# that it could not be recorded; the old state stays.
srefused() {
	local name=$1 inject=$2 text=$3
	rm -rf "$XDG_STATE_HOME"
	mkdir -p "$(dirname "$STATE")"
	cp "$TMP/old.state" "$STATE"
	strace -o /dev/null -e inject="$inject" "$NC" "${PASS[@]}" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	that "notify, $name: exit 1 (got $rc)" [ $rc -eq 1 ]
	that "notify, $name: says what could not be saved" grep -qF "sent, but not recorded: $text" "$TMP/err"
	that "notify, $name: the old state is intact" cmp -s "$STATE" "$TMP/old.state"
	that "notify, $name: no temporary file is left" [ -z "$(leftovers "$STATE")" ]
}
w=$(nth "$TMP/notify.trace" write 'state\.[A-Za-z0-9]{6}>')
srefused "disk full (ENOSPC)" "write:error=ENOSPC:when=$w" "cannot write $STATE: No space left on device"
srefused "refused write (EACCES)" "write:error=EACCES:when=$w" "cannot write $STATE: Permission denied"
srefused "failed sync (EIO)" "fsync:error=EIO:when=1" "cannot sync $STATE: Input/output error"
srefused "refused rename (EACCES)" "rename:error=EACCES" "cannot replace $STATE: Permission denied"

# ---------------------------------------------------------------------------
# A real full disk, and a real lack of rights, in a folder an unprivileged
# user can reach (the checkout and $TMP may be below a 0700 folder).
PRIV=$(mktemp -d /tmp/needlecare-faults.XXXXXX)
chmod 755 "$PRIV"
cp "$NC" "$PRIV/needlecare"
cp "$ROOT/tests/fixtures/protocols/notify.ini" "$PRIV/notify.ini"
chmod 644 "$PRIV/notify.ini"
mkdir -p "$PRIV/full"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k,mode=0755 tmpfs "$PRIV/full" 2>/dev/null; then
	cp "$TMP/old.ini" "$PRIV/full/config.ini"
	mkdir -p "$PRIV/full/state/needlecare"
	cp "$TMP/old.state" "$PRIV/full/state/needlecare/state"
	: > "$PRIV/full/state/needlecare/state.lock"
	# Fill what is left of the disk.
	dd if=/dev/zero of="$PRIV/full/filler" bs=4k >/dev/null 2>&1
	"$NC" --config "$PRIV/full/config.ini" --now '2026-11-25 10:00' book 2027-01-06 10:30 >"$TMP/out" 2>"$TMP/err"
	rc=$?
	that "full disk: book exits 1 (got $rc)" [ $rc -eq 1 ]
	that "full disk: book says the disk is full" grep -qF "cannot write $PRIV/full/config.ini: No space left on device" "$TMP/err"
	that "full disk: the configuration is intact" cmp -s "$PRIV/full/config.ini" "$TMP/old.ini"
	that "full disk: no temporary file is left" [ -z "$(leftovers "$PRIV/full/config.ini")" ]
	XDG_STATE_HOME="$PRIV/full/state" "$NC" "${PASS[@]}" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	that "full disk: notify exits 1 (got $rc)" [ $rc -eq 1 ]
	that "full disk: notify says the state could not be saved" \
		grep -qF "sent, but not recorded: cannot write $PRIV/full/state/needlecare/state: No space left on device" "$TMP/err"
	that "full disk: the state is intact" cmp -s "$PRIV/full/state/needlecare/state" "$TMP/old.state"
	umount "$PRIV/full"
else
	echo "skipped: a tiny tmpfs needs root (the strace cases above cover ENOSPC)"
fi

# As nobody: HOME and every file below $PRIV/home.
NOBODY=(setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$PRIV/home"
	XDG_CONFIG_HOME="$PRIV/home/config" XDG_STATE_HOME="$PRIV/home/state"
	XDG_DATA_HOME="$PRIV/home/data" XDG_CACHE_HOME="$PRIV/home/cache")
as_nobody() { "${NOBODY[@]}" "$PRIV/needlecare" "$@" >"$TMP/out" 2>"$TMP/err"; }
# The same with a notification server on a bus of nobody's own.
cp "$ROOT/tests/notify/session.conf" "$ROOT/tests/faults/with-server.sh" "$PRIV/"
: > "$PRIV/mock.log"
chown nobody:nogroup "$PRIV/mock.log"
with_server() {
	: > "$PRIV/mock.log"
	"${NOBODY[@]}" dbus-run-session --config-file="$PRIV/session.conf" -- \
		bash "$PRIV/with-server.sh" "$PRIV/mock.log" "$PRIV/needlecare" "$@" >"$TMP/out" 2>"$TMP/err"
}
nobody_sent() { grep -c ' Notify ' "$PRIV/mock.log"; }
PH="$PRIV/home"
mkdir -p "$PH/config/needlecare" "$PH/state/needlecare"
chown -R nobody:nogroup "$PH"
printf '[course]\nprotocol = %s\n\n[session.1]\nstart = 2026-12-02 10:30\nzone = Europe/Berlin\nbooked = 2026-11-20 10:00:00\n' \
	"$PRIV/notify.ini" > "$PH/config/needlecare/config.ini"
chown nobody:nogroup "$PH/config/needlecare/config.ini"
with_server --now '2026-11-30 09:00' notify
rc=$?
that "as nobody: a first pass works (exit $rc)" [ $rc -eq 0 ]
that "as nobody: it was shown" [ "$(nobody_sent)" -eq 1 ]
that "as nobody: the state file it made is 0600" [ "$(stat -c %a "$PH/state/needlecare/state")" = 600 ]
that "as nobody: the lock it made is 0600" [ "$(stat -c %a "$PH/state/needlecare/state.lock")" = 600 ]
cp "$PH/state/needlecare/state" "$TMP/nobody.state"

# A read-only state folder that still holds the lock and the state: the
# notification goes out and the pass says it could not be recorded.
chown root:root "$PH/state/needlecare"
chmod 755 "$PH/state/needlecare"
with_server --now '2026-12-01 09:00' notify
rc=$?
that "read-only state folder: notify exits 1 (got $rc)" [ $rc -eq 1 ]
that "read-only state folder: says what could not be saved" \
	grep -qF "sent, but not recorded: cannot create a temporary file beside $PH/state/needlecare/state: Permission denied" "$TMP/err"
that "read-only state folder: the notification was shown" [ "$(nobody_sent)" -eq 1 ]
that "read-only state folder: the state is intact" cmp -s "$PH/state/needlecare/state" "$TMP/nobody.state"
# Without even the lock: nothing is sent, and the message names the file.
rm -f "$PH/state/needlecare/state.lock"
with_server --now '2026-12-01 09:00' notify
rc=$?
that "read-only state folder, no lock yet: notify exits 1 (got $rc)" [ $rc -eq 1 ]
that "read-only state folder, no lock yet: names the lock file" \
	grep -qF "cannot open the lock file $PH/state/needlecare/state.lock: Permission denied" "$TMP/err"
that "read-only state folder, no lock yet: nothing is sent that could not be recorded" [ "$(nobody_sent)" -eq 0 ]
# A state folder that cannot be created at all.
chown root:root "$PH/state"
chmod 755 "$PH/state"
rm -rf "$PH/state/needlecare"
as_nobody --now '2026-12-01 09:00' notify
that "state folder cannot be created: notify exits 1" [ $? -eq 1 ]
that "state folder cannot be created: says which" grep -qF "cannot create the folder $PH/state/needlecare: Permission denied" "$TMP/err"

# The configuration in a read-only folder: book says so, the file stays.
cp "$PH/config/needlecare/config.ini" "$TMP/nobody.ini"
chown root:root "$PH/config/needlecare"
chmod 755 "$PH/config/needlecare"
as_nobody --now '2026-11-25 10:00' book 2027-01-06 10:30
rc=$?
that "read-only configuration folder: book exits 1 (got $rc)" [ $rc -eq 1 ]
# Its lock cannot be made there either, and that comes first: the message
# names the lock file beside the configuration.
that "read-only configuration folder: book names the file" \
	grep -qF "cannot open the lock file $PH/config/needlecare/config.ini.lock: Permission denied" "$TMP/err"
that "read-only configuration folder: book says nothing was booked" bash -c "! grep -q Booked '$TMP/out'"
that "read-only configuration folder: the file is intact" cmp -s "$PH/config/needlecare/config.ini" "$TMP/nobody.ini"
# A configuration that cannot be read.
chown root:root "$PH/config/needlecare/config.ini"
chmod 600 "$PH/config/needlecare/config.ini"
as_nobody check
rc=$?
that "unreadable configuration: check exits 3 (got $rc)" [ $rc -eq 3 ]
that "unreadable configuration: says so with the path" \
	grep -qF "$PH/config/needlecare/config.ini: cannot be opened: Permission denied" "$TMP/err"
as_nobody --now '2026-11-25 10:00' book 2027-01-06 10:30
rc=$?
that "unreadable configuration: book refuses to overwrite it (exit $rc)" [ $rc -eq 3 ]
that "unreadable configuration: and it is intact" cmp -s "$PH/config/needlecare/config.ini" "$TMP/nobody.ini"

# ---------------------------------------------------------------------------
# log: the journal is appended to, and synced before the entry counts as
# saved. Killed at each step, every entry reported saved is still there,
# whole; a disk that fills in the middle of an entry leaves at most that
# last entry cut short, skipped and reported.
JD="$TMP/jstate"
J="$JD/needlecare/journal"
LOGCMD=(--session '2026-12-02 10:30' --now '2026-12-04 10:00' log redness=2 note='the new one')
jentries() { XDG_STATE_HOME=$JD "$NC" --session '2026-12-02 10:30' --now '2026-12-06 10:00' journal --format tsv 2>"$TMP/jerr"; }
rm -rf "$JD"
XDG_STATE_HOME=$JD "$NC" --session '2026-12-02 10:30' --now '2026-12-03 10:00' log redness=2 note='saved one' >/dev/null
XDG_STATE_HOME=$JD "$NC" --session '2026-12-02 10:30' --now '2026-12-03 20:00' log dryness=1 note='saved two' >/dev/null
cp "$J" "$TMP/old.journal"
XDG_STATE_HOME=$JD strace -y -o "$TMP/log.trace" -e trace=write,fsync,flock "$NC" "${LOGCMD[@]}" >/dev/null 2>&1
steps=0
for sc in write fsync flock; do
	n=$(count "$TMP/log.trace" $sc)
	that "log makes at least one $sc (it made $n)" [ "$n" -ge 1 ]
	for ((i = 1; i <= n; i++)); do
		steps=$((steps + 1))
		cp "$TMP/old.journal" "$J"
		( XDG_STATE_HOME=$JD strace -o /dev/null -e trace=$sc -e inject=$sc:signal=KILL:when=$i "$NC" "${LOGCMD[@]}" >"$TMP/out" 2>&1; exit $? ) 2>/dev/null
		rc=$?
		that "log killed at $sc $i: it was killed before saying saved (exit $rc)" \
			bash -c "[ $rc -eq 137 ] && ! grep -q saved '$TMP/out'"
		that "log killed at $sc $i: the entries saved before are there, as they were" \
			cmp -s -n "$(stat -c %s "$TMP/old.journal")" "$J" "$TMP/old.journal"
		jentries > "$TMP/entries"
		that "log killed at $sc $i: the journal loads, nothing damaged" \
			bash -c "[ ! -s '$TMP/jerr' ] && [ \$(wc -l < '$TMP/entries') -ge 2 ] && [ \$(wc -l < '$TMP/entries') -le 3 ]"
		XDG_STATE_HOME=$JD "$NC" "${LOGCMD[@]/the new one/the next one}" >"$TMP/out" 2>&1
		that "log killed at $sc $i: a later check-in is saved" grep -q 'Check-in saved' "$TMP/out"
		jentries > "$TMP/entries"
		that "log killed at $sc $i: and is there with the others" \
			bash -c "grep -c 'saved one\|saved two\|the next one' '$TMP/entries' | grep -qx 3"
	done
done
echo "log: killed at each of $steps write, fsync and flock steps"
w=$(nth "$TMP/log.trace" write 'needlecare/journal>')
cp "$TMP/old.journal" "$J"
XDG_STATE_HOME=$JD strace -o /dev/null -e inject=write:error=ENOSPC:when=$w "$NC" "${LOGCMD[@]}" >"$TMP/out" 2>"$TMP/err"
rc=$?
that "log, disk full (ENOSPC): exit 1 (got $rc)" [ $rc -eq 1 ]
that "log, disk full (ENOSPC): says the check-in was not saved" grep -qF "the check-in was not saved" "$TMP/err"
that "log, disk full (ENOSPC): the journal is as it was" cmp -s "$J" "$TMP/old.journal"
cp "$TMP/old.journal" "$J"
XDG_STATE_HOME=$JD strace -o /dev/null -e inject=fsync:error=EIO "$NC" "${LOGCMD[@]}" >"$TMP/out" 2>"$TMP/err"
rc=$?
that "log, failed sync (EIO): exit 1 (got $rc)" [ $rc -eq 1 ]
that "log, failed sync (EIO): does not say saved" bash -c "grep -qF 'not saved' '$TMP/err' && ! grep -q 'Check-in saved' '$TMP/out'"

# A real disk that fills in the middle of an entry: the journal ends 6
# bytes before a page boundary, and no page is left for the rest.
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k,mode=0755 tmpfs "$PRIV/full" 2>/dev/null; then
	mkdir -p "$PRIV/full/needlecare"
	FJ="$PRIV/full/needlecare/journal"
	cp "$TMP/old.journal" "$FJ"
	size=$(stat -c %s "$FJ")
	# One more saved entry, whose note makes the file end where wanted.
	entry_head=$'2026-12-03 21:00:00\t1\t\t\t\t\t\t\t\t\t\t\t'
	pad=$((8192 - 6 - size - ${#entry_head} - 1))
	printf '%s%s\n' "$entry_head" "$(head -c "$pad" /dev/zero | tr '\0' 'x')" >> "$FJ"
	cp "$FJ" "$TMP/full.journal"
	dd if=/dev/zero of="$PRIV/full/filler" bs=4k >/dev/null 2>&1
	XDG_STATE_HOME=$PRIV/full "$NC" "${LOGCMD[@]}" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	that "full disk in an entry: log exits 1 (got $rc)" [ $rc -eq 1 ]
	that "full disk in an entry: says it was not saved, and why" \
		grep -qF "No space left on device" "$TMP/err"
	that "full disk in an entry: the saved entries are intact" \
		cmp -s -n "$(stat -c %s "$TMP/full.journal")" "$FJ" "$TMP/full.journal"
	that "full disk in an entry: only part of the entry reached the disk" \
		[ "$(stat -c %s "$FJ")" -gt "$(stat -c %s "$TMP/full.journal")" ]
	XDG_STATE_HOME=$PRIV/full "$NC" --session '2026-12-02 10:30' --now '2026-12-06 10:00' journal --format tsv >"$TMP/entries" 2>"$TMP/jerr"
	that "full disk in an entry: the journal loads with every saved entry" [ "$(wc -l < "$TMP/entries")" -eq 3 ]
	that "full disk in an entry: the cut entry is skipped and reported" \
		grep -qF "a damaged entry was skipped (the last one, cut short)" "$TMP/jerr"
	rm -f "$PRIV/full/filler"
	XDG_STATE_HOME=$PRIV/full "$NC" "${LOGCMD[@]/the new one/after the disk}" >"$TMP/out" 2>&1
	that "full disk in an entry: once there is room, a check-in is saved" grep -q 'Check-in saved' "$TMP/out"
	XDG_STATE_HOME=$PRIV/full "$NC" --session '2026-12-02 10:30' --now '2026-12-06 10:00' journal --format tsv >"$TMP/entries" 2>"$TMP/jerr"
	that "full disk in an entry: and it is there, after the saved ones" \
		bash -c "[ \$(wc -l < '$TMP/entries') -eq 4 ] && tail -n1 '$TMP/entries' | grep -q 'after the disk'"
	umount "$PRIV/full"
else
	echo "skipped: a tiny tmpfs needs root"
fi
finish
