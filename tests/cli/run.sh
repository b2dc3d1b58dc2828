#!/usr/bin/env bash
# Command-line tests: output compared with expected text for fixed --now
# values, exit statuses and messages, and what book writes.
# usage: tests/cli/run.sh path/to/needlecare   (UPDATE=1 rewrites expected/;
# NC_WRAP="valgrind ..." or "strace ..." runs needlecare under that prefix)
set -u
NC=$(realpath "$1")
cd "$(dirname "$0")/../.."
FIX=tests/fixtures
EXP=tests/cli/expected
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. tests/lib.sh
private_home "$TMP"
CFG="$XDG_CONFIG_HOME/needlecare/config.ini"
run() {
	${NC_WRAP:-} "$NC" "$@" >"$TMP/out" 2>"$TMP/err"
	RC=$?
}

# lib.sh's, with the program's last complaint.
bad() {
	fail=$((fail + 1))
	echo "FAIL: $1"
	shift
	[ $# -gt 0 ] && printf '  %s\n' "$@"
	echo "  stderr: $(head -c 600 "$TMP/err")"
}

# golden NAME ARGS...: exit 0 and stdout equal to expected/NAME.
golden() {
	local name=$1
	shift
	run "$@"
	# The temporary folder differs from run to run: it is named TMP.
	sed -i "s|$TMP|TMP|g" "$TMP/out"
	[ -n "${UPDATE:-}" ] && cp "$TMP/out" "$EXP/$name"
	if [ "$RC" -eq 0 ] && cmp -s "$TMP/out" "$EXP/$name"; then
		ok
	else
		bad "$name: needlecare $*" "exit $RC" "$(diff "$EXP/$name" "$TMP/out" | head -20)"
	fi
}

# status NAME STATUS TEXT ARGS...: exit STATUS and TEXT in stderr.
status() {
	local name=$1 want=$2 text=$3
	shift 3
	run "$@"
	if [ "$RC" -eq "$want" ] && { [ -z "$text" ] || grep -qF -- "$text" "$TMP/err"; }; then
		ok
	else
		bad "$name: needlecare $*" "exit $RC, wanted $want and \"$text\""
	fi
}


S='2026-12-02 10:30'

# --- the TSV contract, for one session given on the command line
golden timeline-session.tsv --now '2026-11-25 10:00' --session "$S" timeline --format tsv
golden timeline-prp.tsv --now '2026-11-25 10:00' --session "$S" --protocol prp timeline --format tsv
golden today-day3.tsv --now '2026-12-05 09:00' --session "$S" today --format tsv
golden today-day3.txt --now '2026-12-05 09:00' --session "$S" today
golden today-before.txt --now '2026-11-28 20:15:30' --session "$S" today
golden next-before.tsv --now '2026-11-25 10:00' --session "$S" next --format tsv
golden next-before.txt --now '2026-11-25 10:00' --session "$S" next
golden next-window-end.txt --now '2026-12-08 12:00' --session "$S" next
golden next-done.txt --now '2028-01-01 00:00' --session "$S" next

# A restriction that starts later today is listed as such, with its hours.
run --session "$S" --now '2026-12-02 08:00' today
that "today: restrictions that start later today under their own heading" \
	bash -c "sed -n '/^Starting later today/,/^\$/p' '$TMP/out' | grep -q '^  - Hands off: only the clinic.s products on your skin, from today 10:30 until today 16:30\$'"
that "today: on its own day the session comes first" \
	bash -c "grep -A1 '^Your session today' '$TMP/out' | grep -q 'Session 1 of 1, today 10:30 (in 2 h)' && [ \$(grep -n '^Your session today' '$TMP/out' | cut -d: -f1) -lt \$(grep -n '^In force now' '$TMP/out' | cut -d: -f1) ]"
that "today: and not among what to expect" bash -c "! sed -n '/^Expect today/,/^\$/p' '$TMP/out' | grep -q 'No makeup'"

# --- next --format json: the fields waybar reads, valid JSON whatever the
# titles hold (the escaper's control characters are in test_format)
golden next-before.json --now '2026-11-25 10:00' --session "$S" next --format json
run --protocol "$FIX/protocols/hostile.ini" --session "$S" --now '2026-11-29 10:00' next --format json
that "json: jq reads it" jq -e . "$TMP/out" >/dev/null
that "json: a title with quotes, backslashes and non-ASCII comes back whole" \
	[ "$(jq -r .text "$TMP/out")" = 'in 23 h: No "acid" peels \ C:\serums — café ☀ 日本' ]
that "json: waybar's fields, with their types" jq -e '(.text | type) == "string" and
	(.tooltip | type) == "string" and (.class | type) == "string" and (.alt | type) == "string" and
	(.percentage | type) == "number" and .percentage >= 0 and .percentage <= 100' "$TMP/out" >/dev/null
that "json: the tooltip names the milestone and the practitioner" \
	bash -c "jq -r .tooltip ${TMP@Q}/out | grep -q 'practitioner' && jq -r .tooltip ${TMP@Q}/out | head -1 | grep -qF 'No \"acid\"'"
run --protocol "$FIX/protocols/hostile.ini" --session "$S" --now '2026-12-03 09:00' next --format json
that "json: a tab in a title becomes a space" [ "$(jq -r .text "$TMP/out")" = 'now: Tab here and there' ]
run --session "$S" --now '2028-01-01 00:00' next --format json
that "json: a complete course" [ "$(jq -r '.class + " " + (.percentage | tostring)' "$TMP/out")" = "complete 100" ]
run --config "$TMP/none.ini" next --format json
that "json with no session: an object all the same, with an empty alt" \
	[ "$RC" -eq 0 ] && [ "$(jq -r '.class + "|" + .alt + "|" + .text' "$TMP/out")" = "none||no session booked" ]
status "--format json belongs to next" 2 "--format json: only next has it" --session "$S" today --format json
status "--format takes text, tsv or json" 2 "expected text, tsv or json" --session "$S" next --format xml
golden timeline-session.txt --now '2026-12-05 09:00' --session "$S" timeline

# Options stand before or after the command.
run --format tsv --session "$S" --now '2026-11-25 10:00' timeline
that "options before the command give the same TSV" cmp -s "$TMP/out" "$EXP/timeline-session.tsv"
run timeline --now '2026-11-25 10:00' --format tsv --session "$S"
that "options after the command give the same TSV" cmp -s "$TMP/out" "$EXP/timeline-session.tsv"

# Every TSV line has seven fields; END is empty exactly for moments.
awk -F'\t' 'NF != 7 || $7 !~ /^[0-9]+$/ || $1 !~ /^[0-9-]+ [0-9:]+$/ { bad = 1 } END { exit bad }' \
	"$EXP/timeline-session.tsv"
that "every TSV line has the seven columns" [ $? -eq 0 ]
that "the default protocol dates at least 30 milestones" [ "$(wc -l < "$EXP/timeline-session.tsv")" -ge 30 ]

# --- a course from a configuration: two sessions, cold sores answered yes
golden timeline-course.tsv --config "$FIX/config/course.ini" --now '2026-11-25 10:00' timeline --format tsv
that "the course has milestones of both sessions" grep -q $'\t2$' "$EXP/timeline-course.tsv"
that "cold-sore milestones apply when answered yes" grep -q 'antiviral' "$EXP/timeline-course.tsv"
run --now '2026-11-25 10:00' --session "$S" timeline --format tsv
that "cold-sore milestones stay away otherwise" test "$(grep -c antiviral "$TMP/out")" = 0

# The session keeps the zone it was booked in: seen from New York, the
# Berlin appointment at 10:30 is at 04:30.
TZ=America/New_York run --config "$FIX/config/course.ini" --now '2026-11-25 10:00' timeline --format tsv
that "a change of time zone never moves the appointment" \
	grep -q $'^2026-12-02 04:30\t2026-12-02 05:30\tsession\t' "$TMP/out"
# while a calendar step lands at the reminder time where the patient is.
that "calendar steps land at the reminder time in the current zone" \
	grep -q $'^2026-11-25 08:30\t2026-12-09 08:30\tretinoids\t' "$TMP/out"

# A session just before the spring DST change.
golden timeline-dst.tsv --now '2026-03-20 10:00' --session '2026-03-27 10:00' timeline --format tsv
that "+72h across the change is 11:00 wall time" grep -q $'^2026-03-27 10:00\t2026-03-30 11:00\tsweat\t' "$EXP/timeline-dst.tsv"
that "+7d across the change lands at 09:00" grep -q $'^2026-03-20 09:00\t2026-04-03 09:00\tretinoids\t' "$EXP/timeline-dst.tsv"

# --- booking
run --now '2026-11-25 10:00' book 2026-12-02 10:30
that "book creates the configuration" test "$RC" -eq 0 -a -f "$CFG"
that "the configuration is 0600" [ "$(stat -c %a "$CFG")" = 600 ]
that "its folder is 0700" [ "$(stat -c %a "$(dirname "$CFG")")" = 700 ]
that "the session is written with its zone and booking moment" \
	grep -qz $'\\[session.1\\]\nstart = 2026-12-02 10:30\nzone = Europe/Berlin\nbooked = 2026-11-25 10:00:00\n' "$CFG"
that "the new file starts from the documented one" grep -q '^; needlecare configuration' "$CFG"
run --now '2026-11-25 10:00' book '2027-01-06 10:30'
that "a second session, given as one argument" [ "$RC" -eq 0 ]
golden sessions-two.txt --now '2026-11-25 10:00' sessions
status "a session cannot be booked twice" 1 "already booked" --now '2026-11-25 10:00' book 2026-12-02 10:30
run --now '2026-11-26 12:00' book --move 2027-01-06 2027-01-08 11:00
that "a session can be moved" [ "$RC" -eq 0 ] && grep -q 'start = 2027-01-08 11:00' "$CFG" && ! grep -q '2027-01-06' "$CFG"
that "a moved session is booked at the moment it was moved" grep -q 'booked = 2026-11-26 12:00:00' "$CFG"
run --now '2026-11-26 12:00' book --move '2026-12-02 10:30' '2026-12-03 10:30'
that "the session to move may be named with its time" [ "$RC" -eq 0 ] && grep -q 'start = 2026-12-03 10:30' "$CFG"
status "moving a session that is not booked" 1 "no session is booked on 2026-05-05" book --move 2026-05-05 2026-05-06 10:00
run book --cancel 2026-12-03
that "a session can be cancelled" [ "$RC" -eq 0 ] && ! grep -q 'start = 2026-12-03' "$CFG" && grep -q '^\[session.1\]' "$CFG" && ! grep -q 'session.2' "$CFG"
status "cancelling a session that is not booked" 1 "no session is booked on 2026-12-03" book --cancel 2026-12-03
run book --protocol prp 2027-02-10 11:00
that "book --protocol records the protocol" [ "$RC" -eq 0 ] && grep -q '^protocol = prp' "$CFG"
status "book --protocol refuses an unknown one" 3 'unknown protocol "nosuch"' book --protocol nosuch 2027-03-10 11:00
TZ=Foo/Bar run book 2027-03-10 11:00
that "book refuses a time zone it does not know" [ "$RC" -eq 1 ] && grep -q 'time zone "Foo/Bar" is not known' "$TMP/err" && ! grep -q 'Foo/Bar' "$CFG"
cp "$FIX/protocols/good.ini" "$TMP/clinic.ini"
(cd "$TMP" && ${NC_WRAP:-} "$NC" book --protocol clinic.ini 2027-03-10 11:00 >/dev/null 2>&1)
that "a protocol path is recorded absolute" grep -q "^protocol = $TMP/clinic.ini\$" "$CFG"
run --now '2026-11-25 10:00' timeline --format tsv
that "and found from anywhere" [ "$RC" -eq 0 ] && grep -q $'\tstop-retinol\t' "$TMP/out"
TZ=America/New_York run book --cancel '2027-03-10 05:00'
that "a session may be named in the local time it is shown at" [ "$RC" -eq 0 ] && ! grep -q '2027-03-10' "$CFG"

# book keeps what the user wrote
cp "$FIX/config/course.ini" "$CFG"
run --now '2026-11-25 10:00' book 2027-02-10 10:30
that "book keeps the user's comments and keys" [ "$RC" -eq 0 ] && grep -q "The user's own comment" "$CFG" && grep -q 'cold-sores = yes' "$CFG" && grep -q '^time = 08:30' "$CFG"
that "book renumbers the sessions in order" grep -q '^\[session.3\]' "$CFG"
rm -f "$CFG"

# Malformed dates: every one named, exit 2, nothing written.
for when in '2026-02-30 10:30' '2026-13-01 10:30' '2026-12-02 25:00' '2026-12-02 10:30x' '2026-12-2 10:30' '' 'tomorrow'; do
	status "book refuses \"$when\"" 2 "expected" book "$when"
done
status "book refuses 2026-02-30 as a day that does not exist" 2 "does not exist" book 2026-02-30 10:30
status "book refuses 25:00" 2 "not a time of day" book 2026-12-02 25:00
status "book needs a time" 2 "expected a date and time" book 2026-12-02
that "nothing was written by the refused bookings" [ ! -e "$CFG" ]

# --- the course: at least the protocol's interval between sessions
rm -f "$CFG"
run --now '2026-11-20 10:00' book 2026-12-02 10:30
status "27 days after a session is refused" 1 "27 days after the session of Wed 2 Dec 2026 10:30" --now '2026-11-20 10:00' book 2026-12-29 10:30
that "with the reason in plain words and the way past it" grep -q 'at least 28 days between sessions' "$TMP/err" && grep -q 'add --force' "$TMP/err"
that "and nothing is written" [ "$(grep -c '^\[session' "$CFG")" -eq 1 ]
run --now '2026-11-20 10:00' book 2026-12-30 09:00
that "28 days after is booked" [ "$RC" -eq 0 ] && grep -q 'start = 2026-12-30 09:00' "$CFG"
status "27 days before the next session is refused" 1 "27 days before the session of Wed 2 Dec 2026 10:30" --now '2026-11-20 10:00' book 2026-11-05 10:00
run --now '2026-10-20 10:00' book 2026-11-04 10:00
that "28 days before the first session is booked" [ "$RC" -eq 0 ]
status "a move into the interval is refused" 1 "days after the session of" --now '2026-11-20 10:00' book --move 2026-12-30 2026-12-20 10:00
that "and leaves the session where it was" grep -q 'start = 2026-12-30 09:00' "$CFG"
run --now '2026-11-20 10:00' book --force --move 2026-12-30 2026-12-20 10:00
that "--force books it anyway, with a warning" [ "$RC" -eq 0 ] && grep -q 'booked with --force' "$TMP/err" && grep -q 'start = 2026-12-20 10:00' "$CFG"
run --now '2026-11-20 10:00' book --cancel 2026-12-20
run --now '2026-11-20 10:00' book 2026-12-30 10:00
that "after a cancel, the interval counts from the sessions left" [ "$RC" -eq 0 ]
run --protocol "$FIX/protocols/good.ini" --now '2026-11-20 10:00' book --force 2026-12-03 10:00
golden sessions-course.txt --now '2027-01-05 12:00' sessions
rm -f "$CFG"

# A date that has passed is refused, unless it records a session done.
run --now '2026-12-05 10:00' book 2026-11-01 10:00
that "a past session is refused, with a sentence saying why and the way past it" \
	[ "$RC" -eq 1 ] && grep -q 'would be in the past (34 days ago)' "$TMP/err" && grep -q 'add --force' "$TMP/err" && [ ! -e "$CFG" ]
run --now '2026-12-05 10:00' book --force 2026-11-01 10:00
that "with --force it is recorded as done" [ "$RC" -eq 0 ] && grep -q '^Recorded as done: session on Sun 1 Nov 2026 10:00' "$TMP/out"
rm -f "$CFG"
# Booked two days ahead: what is already in force is said at once.
run --now '2026-12-05 10:00' book 2026-12-07 10:00
that "a late booking prints what is already in force" \
	bash -c "grep -q '^Already in force for this session:' '$TMP/out' && [ \$(grep -c '^- No ' '$TMP/out') -eq 7 ]"
that "and tries to send it as one notification" grep -q 'notification not shown' "$TMP/err"
that "and mentions the screening" grep -q "needlecare screen' (19 not answered yet)" "$TMP/out"
rm -f "$CFG"

# --- screening
run screen --list
that "screen --list lists every question unanswered" bash -c \
	'[ "$1" -eq 0 ] && [ "$(grep -c " - " "$2")" -ge 18 ] && grep -q "^cold-sores" "$2"' _ "$RC" "$TMP/out"
run screen cold-sores=yes pregnant=no
that "answers given as name=yes|no are saved" [ "$RC" -eq 0 ] && grep -q '^cold-sores = yes' "$CFG" && grep -q '^pregnant = no' "$CFG"
ln() { grep -n -m1 -- "$1" "$CFG" | cut -d: -f1; }
that "answers stand below the section's comment, in the order of the questions" \
	[ "$(ln '^; Your answers')" -lt "$(ln '^pregnant = no')" ] && [ "$(ln '^pregnant = no')" -lt "$(ln '^cold-sores = yes')" ] && ! grep -q '^; cold-sores = no' "$CFG"
that "and a yes is to be discussed" grep -q 'Discuss with your practitioner before the session' "$TMP/out"
status "an unknown question is refused" 2 '"pregnat" is not a screening question' screen pregnat=yes
status "an answer that is not yes or no is refused" 2 'expected yes or no' screen cold-sores=maybe
status "an argument without = is refused" 2 'expected NAME=yes or NAME=no' screen cold-sores
printf 'y\nmaybe\nn\n\nq\n' | ${NC_WRAP:-} "$NC" screen >"$TMP/out" 2>"$TMP/err"
that "screen asks interactively and saves" [ $? -eq 0 ] && grep -q '^pregnant = yes' "$CFG" && grep -q '^isotretinoin = no' "$CFG" && grep -q 'asking again' "$TMP/out"
that "Enter keeps an answer" grep -q '^cold-sores = yes' "$CFG"
run --now '2026-11-25 10:00' --session "$S" today
that "today puts the yes answers first, with the reason" grep -q '! Are you pregnant or breastfeeding? You answered yes: ' "$TMP/out"
that "and never says treatment is impossible" bash -c "! grep -qi 'cannot be treated' '$TMP/out'"
run --now '2026-12-05 09:00' --session "$S" today
that "after the session they are gone" bash -c "! grep -q 'Discuss with your practitioner' '$TMP/out'"
run --config "$FIX/config/course.ini" --now '2026-12-05 09:00' today
that "in session 1's aftercare, session 2's questions are not yet to discuss" bash -c "! grep -q 'Discuss with your practitioner' '$TMP/out'"
run --config "$FIX/config/course.ini" --now '2027-01-01 09:00' today
that "in the days before session 2 they are" grep -q 'Discuss with your practitioner before the session' "$TMP/out"
rm -f "$CFG"

# --- the healing journal
J="$XDG_STATE_HOME/needlecare/journal"
run --session "$S" --now '2026-12-03 10:00' log redness=3 swelling=2 pain=1 note="Warm, like a sunburn"
that "log saves a check-in and says which day it is" [ "$RC" -eq 0 ] && grep -q 'Check-in saved: day 1 after session 1' "$TMP/out"
that "the journal is 0600 in a 0700 folder" test "$(stat -c %a "$J")" = 600 -a "$(stat -c %a "$(dirname "$J")")" = 700
that "a normal day-1 check-in trips no warning" bash -c "! grep -q WARNING '$TMP/out'"
: > "$TMP/photo.jpg"
run --session "$S" --now '2026-12-06 20:00' log redness=2 pain=2 dryness=1 fever=no photo="$TMP/photo.jpg"
that "redness 2 on day 4 trips its rule and says what to do" grep -q '^WARNING: Redness is not settling$' "$TMP/out" && grep -q 'Contact your practitioner today' "$TMP/out"
that "pain higher than the check-in before, after day 3, trips its rule" grep -q '^WARNING: Pain is increasing$' "$TMP/out"
that "without a desktop the warning still prints, and says why it was not shown" grep -q 'warning not shown on the desktop' "$TMP/err"
status "log refuses a value out of range" 2 'redness=4: expected 0 (none), 1 (mild), 2 (moderate) or 3 (marked)' log redness=4
status "log refuses an unknown name" 2 'unknown name "itch"' log itch=1
status "log refuses a sign that is not yes or no" 2 'pus=2: expected yes or no' log pus=2
status "log needs something to save" 2 'expected at least one rating' log
that "a refused check-in writes nothing" [ "$(wc -l < "$J")" -eq 3 ]
golden journal.tsv --session "$S" --now '2026-12-07 09:00' journal --format tsv
that "journal TSV has one entry a line, no header, twenty-one columns" \
	awk -F'\t' 'NF != 21 { exit 1 }' "$EXP/journal.tsv"
# The first fourteen columns are those scripts read before: the later signs
# follow the note.
that "journal TSV keeps the note in column 14" \
	awk -F'\t' 'NR == 1 && $14 != "Warm, like a sunburn" { exit 1 }' "$EXP/journal.tsv"
golden journal.txt --session "$S" --now '2026-12-07 09:00' journal
golden journal-summary.txt --session "$S" --now '2026-12-07 09:00' journal --summary
run --session "$S" --now '2026-12-07 09:00' journal --export "$TMP/out.csv"
that "journal --export writes a CSV with a header" [ "$RC" -eq 0 ] && head -n1 "$TMP/out.csv" | grep -q '^time,day,redness,swelling,dryness,pain,pus,fever,blisters,hives,bumps,dark-patches,photo,note,spreading,breathing,lines,raised-scars,bruises,dents,numbness$'
that "the CSV quotes the notes" grep -q '"Warm, like a sunburn",,,,,,,$' "$TMP/out.csv"
that "the export is 0600" [ "$(stat -c %a "$TMP/out.csv")" = 600 ]
printf '2026-12-07 10:00:00\t1\t' >> "$J"
run --session "$S" --now '2026-12-07 11:00' journal --format tsv
that "a cut last entry is reported and skipped, the others load" [ "$RC" -eq 0 ] && grep -q 'journal:4: a damaged entry was skipped (the last one, cut short)' "$TMP/err" && [ "$(wc -l < "$TMP/out")" -eq 2 ]
run --session "$S" --now '2026-12-07 11:00' log swelling=0
run --session "$S" --now '2026-12-07 12:00' journal --format tsv
that "the next check-in does not join the cut one" [ "$(wc -l < "$TMP/out")" -eq 3 ]
rm -f "$J"
run --session "$S" --now '2026-12-05 11:00' today
that "today says when a check-in is due" grep -q '^Check-in due: 72-hour check-in' "$TMP/out"
run --session "$S" --now '2026-12-05 11:30' log redness=1
run --session "$S" --now '2026-12-05 12:00' today
that "and no longer once it is done" bash -c "! grep -q '^Check-in due' '$TMP/out'"
rm -f "$J"

# --- warning signs, day by day: each case on a journal of its own
# golden_log NAME PROTOCOL NOW WORDS...: a check-in logged on a fresh
# journal (after the check-ins of $BEFORE, "NOW WORDS..." a line), its
# output compared with expected/NAME.
golden_log() {
	local name=$1 proto=$2 now=$3
	shift 3
	rm -f "$J"
	if [ -n "${BEFORE:-}" ]; then
		local when words
		while IFS='|' read -r when words; do
			# shellcheck disable=SC2086 # the words are separate on purpose
			"$NC" --protocol "$proto" --session "$S" --now "$when" log $words >/dev/null 2>&1
		done <<<"$BEFORE"
	fi
	golden "$name" --protocol "$proto" --session "$S" --now "$now" log "$@"
}
golden_log log-day0-breathing.txt microneedling '2026-12-02 13:00' breathing=yes
that "an emergency says what to do in its first words" grep -q '^EMERGENCY: Call emergency services now' "$EXP/log-day0-breathing.txt"
golden_log log-day1-normal.txt microneedling '2026-12-03 12:00' redness=3 swelling=2 pain=1
that "marked redness on day 1 is normal healing" bash -c "! grep -qE 'WARNING|NOTE|EMERGENCY' '$EXP/log-day1-normal.txt'"
golden_log log-day2-above.txt microneedling '2026-12-04 12:00' redness=3 swelling=3 pain=2
that "clearly above normal on day 2: routine notes, no alarm" \
	bash -c "[ \$(grep -c '^NOTE: ' '$EXP/log-day2-above.txt') -eq 3 ] && ! grep -q '^WARNING' '$EXP/log-day2-above.txt'"
BEFORE='2026-12-04 12:00|redness=0 pain=0' \
golden_log log-day3-inside-normal.txt microneedling '2026-12-05 12:00' redness=1 pain=1
that "rising inside the normal range raises nothing" bash -c "! grep -qE 'WARNING|NOTE' '$EXP/log-day3-inside-normal.txt'"
golden_log log-day4-at-home.txt at-home '2026-12-06 12:00' fever=yes pus=yes hives=yes blisters=yes redness=3 swelling=3 dryness=3 pain=3
that "at home, every sign is a warning, and the advice is a doctor" \
	bash -c "[ \$(grep -c '^WARNING: ' '$EXP/log-day4-at-home.txt') -ge 4 ] && grep -q 'Stop home needling' '$EXP/log-day4-at-home.txt'"
golden_log log-day4-rf.txt rf '2026-12-06 12:00' redness=2 swelling=2
that "after RF, moderate redness on day 4 is expected" bash -c "! grep -qE 'WARNING|NOTE' '$EXP/log-day4-rf.txt'"
golden_log log-day4-mn.txt microneedling '2026-12-06 12:00' redness=2 swelling=2
that "after light needling it is not" grep -q '^WARNING: Redness is not settling' "$EXP/log-day4-mn.txt"
golden_log log-day7-lines.txt microneedling '2026-12-09 18:00' redness=0 lines=yes raised-scars=yes
# Unread warnings come first in today, until log --ack; a pretend session
# says nothing of them.
golden_log log-day4-fever.txt microneedling '2026-12-06 10:00' fever=yes
run --session "$S" --now '2026-12-06 11:00' today
that "with --session, today says nothing of the real journal's warnings" bash -c "! grep -q 'not yet read' '$TMP/out'"
printf '[session.1]\nstart = 2026-12-02 10:30\nzone = Europe/Berlin\n' > "$TMP/ack.ini"
run --config "$TMP/ack.ini" --now '2026-12-06 11:00' today
that "today prints an unread warning first" \
	bash -c "head -n2 '$TMP/out' | grep -q '^WARNING: Fever or chills' && grep -q 'needlecare log --ack' '$TMP/out'"
run --config "$TMP/ack.ini" --now '2026-12-06 11:00' log --ack
that "log --ack acknowledges it" [ "$RC" -eq 0 ] && grep -qx 'Acknowledged: Fever or chills.' "$TMP/out"
run --config "$TMP/ack.ini" --now '2026-12-06 11:00' today
that "after which today no longer shows it" bash -c "! grep -q 'not yet read' '$TMP/out'"
run --config "$TMP/ack.ini" --now '2026-12-06 11:00' log --ack
that "a second --ack has nothing to do" grep -qx 'No warning is waiting to be read.' "$TMP/out"
status "--ack takes no ratings" 2 "log --ack takes no NAME=VALUE" --config "$TMP/ack.ini" log --ack redness=1
# A check-in not logged is due for two days more, said once as missed,
# then never again.
run --config "$TMP/ack.ini" --now '2026-12-11 09:00' today
that "a check-in is due for its two days after" grep -q '^Check-in due: One-week check-in and photo' "$TMP/out"
run --config "$TMP/ack.ini" --now '2026-12-12 09:00' today
that "then it is missed, said once" bash -c "grep -q '^Missed check-in: One-week check-in and photo' '$TMP/out' && ! grep -q '^Check-in due' '$TMP/out'"
run --config "$TMP/ack.ini" --now '2027-01-01 09:00' today
that "a month on, neither due nor missed" bash -c "! grep -qE '^(Check-in due|Missed check-in)' '$TMP/out'"
golden_log log-before.txt microneedling '2026-11-27 12:00' note=nervous
that "a check-in before the session counts the days to it" grep -q '^Check-in saved: 5 days before session 1.$' "$EXP/log-before.txt"
rm -f "$J"

# --- check
run check
that "check passes on the defaults" [ "$RC" -eq 0 ] && grep -q 'ok' "$TMP/out"
status "check names every problem of a protocol" 3 "many-problems.ini:13" --protocol "$FIX/protocols/many-problems.ini" check
that "check reports all four problems" [ "$(grep -c 'many-problems.ini:' "$TMP/err")" -eq 4 ]
status "check names the problems of a configuration" 3 "bad-many.ini:30" --config "$FIX/config/bad-many.ini" check
that "check reports every configuration problem" [ "$(grep -c 'bad-many.ini:' "$TMP/err")" -eq 10 ]
status "check validates a practitioner's override" 0 "" --protocol "$FIX/protocols/override.ini" check
status "a window ending before its start is named" 3 "end-before-start.ini:3: end = -7d comes before start = +7d" --protocol "$FIX/protocols/end-before-start.ini" check
status "a binary protocol file" 3 "NUL byte" --protocol "$FIX/protocols/nul.ini" check
status "a folder as protocol" 3 "is a folder" --protocol /tmp/ check
status "a missing protocol file" 3 "does not exist" --protocol /nonexistent.ini check
status "other commands stop on a bad configuration" 3 "bad-many.ini:6" --config "$FIX/config/bad-many.ini" today
run --protocol "$FIX/protocols/clinic-typo.ini" check
that "a typo in a clinic's file is reported at its own line, not in the protocol it extends" \
	bash -c "[ $RC -eq 3 ] && grep -q 'clinic-typo.ini:7: end: unknown unit' '$TMP/err' && ! grep -q 'built in' '$TMP/err'"
run --protocol "$FIX/protocols/lint.ini" check
that "check fails on check-ins with no normal ranges" [ "$RC" -eq 3 ] && grep -q 'lint.ini: offers check-ins but has no \[normal\] ranges' "$TMP/err"
that "check warns on a critical milestone, at its line" grep -q 'lint.ini:12: warning: \[alarm\] has urgency = critical' "$TMP/err"
that "check warns on an hour offset that lands at night" grep -q 'lint.ini:19: warning: \[wash\] start = +8h falls in the night' "$TMP/err"
for p in microneedling prp rf at-home; do
	run --protocol "$p" check
	that "the shipped $p protocol is clean" [ "$RC" -eq 0 ] && [ ! -s "$TMP/err" ] && grep -q "warning-sign rules, ok" "$TMP/out"
done

# --- the command line itself
status "no session booked" 4 "no session is booked" --now '2026-11-25 10:00' today
status "unknown command" 2 'unknown command "tomorow"' tomorow
status "unknown option" 2 "unknown option --colour" --colour today
status "a bad time is quoted alone, not with its date" 2 'expected a time as HH:MM, such as 10:30, but found "9:00"' --config "$TMP/none.ini" book 2027-03-01 9:00
status "an unknown command suggests the nearest" 2 'unknown command "todya" (did you mean "today"?)' todya
status "an unknown option suggests the nearest" 2 'unknown option --sesion=x (did you mean "--session"?)' --sesion=x today
status "option without its value" 2 "--now needs a value" today --now
status "bad --format" 2 "expected text, tsv or json" --format xml timeline
status "--format where it means nothing" 2 "book does not take --format" --format tsv book 2026-12-02 10:30
status "bad --now" 2 "--now: " --now '2026-12-02' today
status "bad --session" 2 "--session: " --session '2026-12-02 10:30:00' today
status "a command that takes no arguments" 2 "takes no arguments" --session "$S" today extra
run --help
that "--help prints the usage and the practitioner line" [ "$RC" -eq 0 ] && grep -q '^usage: needlecare' "$TMP/out" && grep -q "practitioner" "$TMP/out"
run -V
that "--version" [ "$RC" -eq 0 ] && grep -q '^needlecare [0-9]' "$TMP/out"

summary
