#!/usr/bin/env bash
# The calendar export: a course of three sessions written with export --ics,
# read back by two parsers needlecare shares nothing with (libical through
# readback.c, Debian's python3-icalendar through check.py) and compared with
# timeline --format tsv; exported again after a session moved; the file's
# mode, and the refusals.
# usage: tests/ics/run.sh path/to/needlecare   (NC_WRAP="valgrind ..." runs
# needlecare under that prefix)
set -u
NC=$(realpath "$1")
cd "$(dirname "$0")/../.."
TMP=$(mktemp -d)
RO=
cleanup() {
	if [ -n "$RO" ]; then rm -rf "$RO"; fi
	rm -rf "$TMP"
}
trap cleanup EXIT
. tests/lib.sh
private_home "$TMP"
CFG="$XDG_CONFIG_HOME/needlecare/config.ini"
# Debian's python, where python3-icalendar is: a pyenv python3 first in
# PATH would not have it.
PY=/usr/bin/python3
run() {
	${NC_WRAP:-} "$NC" "$@" >"$TMP/out" 2>"$TMP/err"
	RC=$?
}

# that NAME COMMAND...: lib.sh's, with the program's last complaint.
that() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else bad "$name" "$*" "stderr: $(head -c 600 "$TMP/err")"; fi
}

# same NAME A B: two files with the same lines, shown when they differ.
same() {
	if cmp -s "$2" "$3"; then ok "$1"; else bad "$1" "$(diff "$2" "$3" | head -10)"; fi
}

has() { grep -qF -- "$1" "$2"; }

# clean NAME RC ERRFILE: a parser ran with exit 0 and said nothing.
clean() {
	if [ "$2" -eq 0 ] && [ ! -s "$3" ]; then ok "$1"; else bad "$1" "exit $2" "$(head -5 "$3")"; fi
}

# dump ICS NAME: both parsers' view of ICS into NAME.libical and NAME.python.
dump() {
	"$TMP/readback" "$1" >"$TMP/$2.libical" 2>"$TMP/$2.libical.err"
	clean "$2: libical reads it without an error" $? "$TMP/$2.libical.err"
	$PY tests/ics/check.py dump "$1" >"$TMP/$2.python" 2>"$TMP/$2.python.err"
	clean "$2: python3-icalendar reads it without an error" $? "$TMP/$2.python.err"
	same "$2: both parsers read the same events" "$TMP/$2.libical" "$TMP/$2.python"
}

# against NAME NOW: the events NAME.libical against the timeline at NOW.
against() {
	${NC_WRAP:-} "$NC" --now "$2" timeline --format tsv >"$TMP/$1.tsv"
	$PY tests/ics/check.py expect "$TMP/$1.tsv" | sort >"$TMP/$1.expected"
	cut -f1-4 "$TMP/$1.libical" | sort >"$TMP/$1.got"
	that "$1: one event per milestone of the timeline" \
		[ "$(wc -l <"$TMP/$1.libical")" -eq "$(wc -l <"$TMP/$1.tsv")" ]
	same "$1: every event has the timeline's UID, start, end and title" \
		"$TMP/$1.expected" "$TMP/$1.got"
	that "$1: the UIDs are unique" [ -z "$(cut -f1 "$TMP/$1.libical" | sort | uniq -d)" ]
}

# alarms NAME UID N: the event UID has N alarms.
alarms() {
	local got
	got=$(awk -F'\t' -v u="$2" '$1 == u { print $5 }' "$TMP/$1.python")
	if [ "$got" = "$3" ]; then ok "$1: $2 has $3 alarm(s)"; else bad "$1: $2 has $3 alarm(s)" "got \"$got\""; fi
}

if cc -std=c17 -Wall -Wextra -o "$TMP/readback" tests/ics/readback.c \
	$(pkg-config --cflags --libs libical) 2>"$TMP/err"; then
	ok "readback.c builds against libical"
else
	bad "readback.c builds against libical" "$(cat "$TMP/err")"
fi

# --- nothing booked
run --now '2026-11-20 12:00' export --ics "$TMP/cal/none.ics"
that "no session booked: exit 4" [ "$RC" -eq 4 ]
that "no session booked: says so" has "no session is booked" "$TMP/err"
that "no session booked: no file" [ ! -e "$TMP/cal/none.ics" ]

# --- a course of three sessions
for d in 2026-12-02 2027-01-06 2027-02-10; do
	${NC_WRAP:-} "$NC" --now '2026-11-01 10:00' book "$d" 10:30 >/dev/null 2>&1 ||
		bad "book $d 10:30"
done
NOW1='2026-11-20 12:00'
ICS="$TMP/cal/course.ics"
run --now "$NOW1" export --ics "$ICS"
that "export exits 0" [ "$RC" -eq 0 ]
that "the file is written, mode 0600" [ "$(stat -c %a "$ICS" 2>/dev/null)" = 600 ]
$PY tests/ics/check.py format "$ICS" "$NOW1" 2>"$TMP/format.err"
clean "CRLF, lines of at most 75 octets, folds between characters, DTSTAMP, the practitioner's line" \
	$? "$TMP/format.err"
seq1=$(grep -m1 '^SEQUENCE:' "$ICS" | tr -d '\r' | cut -d: -f2)
stamp1=$(grep -m1 '^DTSTAMP:' "$ICS" | tr -d '\r' | cut -d: -f2)
dump "$ICS" course
against course "$NOW1"
n=$(wc -l <"$TMP/course.libical")
m=$(awk -F'\t' '{ s += $5 } END { print s + 0 }' "$TMP/course.python")
that "three sessions' events" [ "$(cut -f1 "$TMP/course.libical" | grep -c '^session-3-')" -gt 10 ]
that "one line says what was written: $n events, $m reminders" \
	[ "$(cat "$TMP/out")" = "Wrote $n events ($m reminders) to $ICS." ]
alarms course session-2-retinoids@needlecare 2          # a restriction: start and end
alarms course session-2-checkin-24h@needlecare 1        # a check-in
alarms course session-2-first-wash@needlecare 1         # a task
alarms course session-2-session@needlecare 0            # information
alarms course session-2-redness@needlecare 0            # an expectation
alarms course session-2-bland-routine@needlecare 2      # notify = no on the desktop; the calendar has every restriction
alarms course session-1-no-tanning@needlecare 1         # started before now: its end only
that "a window ends with an alarm on its end" grep -q '^TRIGGER;RELATED=END:PT0S' "$ICS"

# Standard output: the same calendar, and nothing else.
run --now "$NOW1" export --ics -
that "--ics - exits 0" [ "$RC" -eq 0 ]
# --now starts a clock that runs on: DTSTAMP may be a second later.
grep -v '^DTSTAMP:' "$ICS" >"$TMP/file.nostamp"
grep -v '^DTSTAMP:' "$TMP/out" >"$TMP/stdout.nostamp"
same "--ics - writes the same calendar to standard output, and nothing else" \
	"$TMP/file.nostamp" "$TMP/stdout.nostamp"

# --session: the one session, its titles without "Session 1:".
run --now "$NOW1" --session '2027-03-03 10:00' export --ics "$TMP/one.ics"
that "--session: exit 0" [ "$RC" -eq 0 ]
"$TMP/readback" "$TMP/one.ics" >"$TMP/one.libical" 2>/dev/null
that "--session: that session alone, at its time" \
	grep -q $'^session-1-session@needlecare\t1804064400\t' "$TMP/one.libical"
that "--session: no other session" [ -z "$(grep -v '^session-1-' "$TMP/one.libical")" ]
that "--session: titles without a session number" [ -z "$(cut -f4 "$TMP/one.libical" | grep '^Session ')" ]

# --- the second session moves: the same UIDs, new times for its events
NOW2='2026-11-21 12:00'
${NC_WRAP:-} "$NC" --now "$NOW2" book --move 2027-01-06 2027-01-08 11:00 >/dev/null 2>&1 ||
	bad "book --move 2027-01-06 2027-01-08 11:00"
run --now "$NOW2" export --ics "$ICS"
that "export after the move exits 0" [ "$RC" -eq 0 ]
dump "$ICS" moved
against moved "$NOW2"
cut -f1 "$TMP/course.libical" | sort >"$TMP/course.uids"
cut -f1 "$TMP/moved.libical" | sort >"$TMP/moved.uids"
same "the moved course has the same UIDs" "$TMP/course.uids" "$TMP/moved.uids"
join -t $'\t' <(cut -f1-3 "$TMP/course.libical" | sort) <(cut -f1-3 "$TMP/moved.libical" | sort) >"$TMP/pairs"
that "every event of the moved session has new times" \
	awk -F'\t' '$1 ~ /^session-2-/ { n++; if ($2 == $4) bad = 1 } END { exit bad || !n }' "$TMP/pairs"
that "the other sessions' events keep theirs" \
	awk -F'\t' '$1 !~ /^session-2-/ { n++; if ($2 != $4 || $3 != $5) bad = 1 } END { exit bad || !n }' "$TMP/pairs"
seq2=$(grep -m1 '^SEQUENCE:' "$ICS" | tr -d '\r' | cut -d: -f2)
stamp2=$(grep -m1 '^DTSTAMP:' "$ICS" | tr -d '\r' | cut -d: -f2)
that "the new export is a newer revision: SEQUENCE $seq1 -> $seq2" [ "${seq2:-0}" -gt "${seq1:-0}" ]
that "and DTSTAMP $stamp1 -> $stamp2" [ "$stamp2" \> "$stamp1" ]

# --- refusals
echo keep >"$TMP/target.ics"
ln -s "$TMP/target.ics" "$TMP/link.ics"
run --now "$NOW2" export --ics "$TMP/link.ics"
that "a symbolic link is refused: exit 1" [ "$RC" -eq 1 ]
that "a symbolic link is refused: says so, naming it" has "$TMP/link.ics is a symbolic link" "$TMP/err"
that "a symbolic link is refused: the link stays" [ -L "$TMP/link.ics" ]
that "a symbolic link is refused: its target is untouched" [ "$(cat "$TMP/target.ics")" = keep ]

mkdir "$TMP/folder.ics"
run --now "$NOW2" export --ics "$TMP/folder.ics"
that "a folder is refused: exit 1" [ "$RC" -eq 1 ]
that "a folder is refused: named" has "cannot replace $TMP/folder.ics" "$TMP/err"
that "a folder is refused: no temporary file left beside it" [ -z "$(ls -A "$TMP" | grep '^folder\.ics\.')" ]

run --now "$NOW2" export --ics ''
that "an empty file name: exit 2" [ "$RC" -eq 2 ]
that "an empty file name: says so" has "file name is empty" "$TMP/err"

# A folder that cannot be written. Root ignores file modes: it runs as
# nobody then, from a folder nobody can read.
RO=$(mktemp -d)
chmod 755 "$RO"
mkdir -p "$RO/locked" "$RO/home"
cp "$NC" "$RO/needlecare"
cp "$CFG" "$RO/config.ini"
chmod -R a+rX "$RO"
chmod 555 "$RO/locked"
AS=()
if [ "$(id -u)" = 0 ]; then
	AS=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
	chown nobody "$RO/home"
fi
if [ "$(id -u)" = 0 ] && ! command -v setpriv >/dev/null; then
	echo "skip: the unwritable folder (root, and no setpriv to drop privileges)"
else
	HOME="$RO/home" XDG_CONFIG_HOME="$RO/home/c" XDG_DATA_HOME="$RO/home/d" \
		XDG_STATE_HOME="$RO/home/s" XDG_CACHE_HOME="$RO/home/k" \
		${AS[@]+"${AS[@]}"} ${NC_WRAP:-} "$RO/needlecare" --config "$RO/config.ini" \
		--now "$NOW2" export --ics "$RO/locked/course.ics" >"$TMP/out" 2>"$TMP/err"
	RC=$?
	that "an unwritable folder: exit 1" [ "$RC" -eq 1 ]
	that "an unwritable folder: says why, naming the file" \
		has "cannot create a temporary file beside $RO/locked/course.ics: Permission denied" "$TMP/err"
	that "an unwritable folder: no file, no temporary file" [ -z "$(ls -A "$RO/locked")" ]
	that "an unwritable folder: nothing on standard output" [ ! -s "$TMP/out" ]
fi

summary
