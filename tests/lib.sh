# What the test scripts share, sourced after they cd to the top folder:
# a private home, a private tmux server, a private D-Bus session, the
# counters, the checks, and the closing line that tests/check.sh adds up.
# Scripts may redefine bad() to say more. Suites run side by side in
# make check: nothing here may be named the same in two of them (homes
# are below each script's own mktemp folder, servers carry its pid, buses
# pick a free address).

# private_home DIR [lang]: HOME and the XDG folders under DIR, with a fixed
# time zone and locale, so that a run depends on nothing of the tester's.
# With "lang" the locale is LANG=C.UTF-8 alone (LC_* unset), so that a
# case can try another one by setting LANG.
private_home() {
	export TZ=Europe/Berlin HOME="$1/home"
	export XDG_CONFIG_HOME="$1/config" XDG_DATA_HOME="$1/data"
	export XDG_STATE_HOME="$1/state" XDG_CACHE_HOME="$1/cache"
	if [ "${2:-}" = lang ]; then
		unset LC_ALL LC_CTYPE LC_MESSAGES
		export LANG=C.UTF-8
	else
		export LC_ALL=C.UTF-8
	fi
}

# locale_env LOCALE BIN: sets LOCALE_ENV, the environment of a patient
# whose locale is LOCALE (such as es_ES.UTF-8), for `env "${LOCALE_ENV[@]}"
# ...`: the locale generated into build/locales (no root needed: LOCPATH
# points there; made once, under a lock, as suites run side by side),
# LC_ALL and LANGUAGE emptied, and the catalogues built beside BIN.
# spanish BIN: the same for es_ES.UTF-8, as ES_ENV.
locale_env() {
	local loc=$PWD/build/locales
	mkdir -p "$loc"
	flock "$loc.lock" sh -c '[ -e "$1/$2/LC_MESSAGES" ] ||
		localedef -i "${2%%.*}" -f UTF-8 "$1/$2" 2>/dev/null ||
		[ -e "$1/$2/LC_MESSAGES" ]' sh "$loc" "$1" ||
		{ echo "locale_env: localedef could not make $1 (package locales?)"; return 1; }
	LOCALE_ENV=(LOCPATH="$loc" LANG="$1" LC_ALL= LC_MESSAGES= LC_TIME= LC_CTYPE=
		LANGUAGE= NEEDLECARE_LOCALEDIR="$(dirname "$(realpath "$2")")/locale")
}
spanish() { locale_env es_ES.UTF-8 "$1" && ES_ENV=("${LOCALE_ENV[@]}"); }

# private_tmux NAME: tm talks to a tmux server of this script's own
# (NAME-PID, no configuration file read); tmux_stop ends it and so every
# program in its panes.
private_tmux() { SRV=$1-$$; unset TMUX; }
tm() { tmux -L "$SRV" -f /dev/null "$@"; }
tmux_stop() { tm kill-server 2>/dev/null; }

# reap_needlecare PID...: each a needlecare whose terminal a test closed,
# which must then end by itself. One still running a few seconds later is
# killed with its children, and named: a sanitizer build was seen spinning
# at exit for half an hour, LeakSanitizer waiting for its tracer, deaf to
# TERM.
reap_needlecare() {
	local p c end=$(( ${EPOCHREALTIME/./} + 3000000 ))
	# The program itself, not a shell whose command line names it.
	running() { [ "$(cat "/proc/$1/comm" 2>/dev/null)" = needlecare ]; }
	for p in "$@"; do
		while running "$p" && (( ${EPOCHREALTIME/./} < end )); do sleep 0.05; done
		running "$p" || continue
		echo "note: needlecare ($p) still ran after its terminal closed: killed"
		for c in $(pgrep -P "$p"); do kill -KILL "$c" 2>/dev/null; done
		kill -KILL "$p" 2>/dev/null
	done
}

# in_test_bus SCRIPT ARGS...: runs SCRIPT (from the top folder) again
# inside a private D-Bus session, unless this is that run. The session
# starts no service by itself (tests/notify/session.conf): the system's
# would start dunst, and a test of "no server" would meet one.
TEST_BUS_CONF=tests/notify/session.conf
in_test_bus() {
	[ -n "${IN_TEST_BUS:-}" ] && return 0
	IN_TEST_BUS=1 exec dbus-run-session --config-file="$TEST_BUS_CONF" -- \
		bash "$@" 2> >(grep -v 'Failed to set fd limit' >&2)
}
# has_notifier: something owns the notification name on the session bus.
has_notifier() {
	dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null |
		grep -q 'boolean true'
}
# notes: the Notify lines of the mock server's $LOG, one a notification
# (a body may span lines: joined).
notes() { awk '/ Notify /{ if (n) print n; n = $0; next } { n = n "\\n" $0 } END { if (n) print n }' "$LOG" 2>/dev/null; }

pass=0
fail=0
ok() { pass=$((pass + 1)); }
# bad NAME [DETAIL...]: a failed check, with what may explain it.
bad() {
	fail=$((fail + 1))
	echo "FAIL: $1"
	shift
	[ $# -gt 0 ] && printf '  %s\n' "$@"
}
# that NAME COMMAND...: a check that is a command.
that() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else bad "$name" "$*"; fi
}
# The closing line, and the status: failed when any check failed.
summary() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}

# run_cases DIR NC [NAME...]: the scenarios DIR/NAME.sh (all of DIR/*.sh
# when no NAME is given), each a script of its own run against NC, CASE_JOBS
# (2) at a time: most of their time is spent waiting for a terminal, a
# bus or a clock, not computing. Their output comes in the order of the
# names whatever order they end in, a line a case with its counts and
# time, then the closing line over all of them. A case that ends without
# its closing line, or fails without counting it, counts as one failure.
run_cases() {
	local dir=$1 nc=$2 name out p f t rc
	shift 2
	local names=("$@")
	if [ ${#names[@]} -eq 0 ]; then
		for name in "$dir"/*.sh; do names+=("$(basename "$name" .sh)"); done
	fi
	out=$(mktemp -d)
	# Interrupted: the cases end too (each cleans up after itself).
	trap 'cat "$out"/*.pid 2>/dev/null | xargs -r kill 2>/dev/null; wait; rm -rf "$out"; exit 130' INT TERM
	for name in "${names[@]}"; do
		while [ "$(jobs -pr | wc -l)" -ge "${CASE_JOBS:-2}" ]; do wait -n; done
		(
			t=${EPOCHREALTIME/./}
			bash "$dir/$name.sh" "$nc" >"$out/$name.log" 2>&1 &
			echo $! >"$out/$name.pid"
			wait $!
			echo "$? $(( (${EPOCHREALTIME/./} - t + 500000) / 1000000 ))" >"$out/$name.end"
		) &
	done
	wait
	trap - INT TERM
	for name in "${names[@]}"; do
		read -r rc t <"$out/$name.end"
		read -r p f < <(awk '/^[0-9]+ passed, [0-9]+ failed$/ { p = $1; f = $3; n = 1 }
			END { print p + 0, (n ? f : 1) + 0 }' "$out/$name.log")
		[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
		grep -vE '^[0-9]+ passed, [0-9]+ failed$' "$out/$name.log"
		echo "case $name: $p passed, $f failed ($t s)"
		pass=$((pass + p))
		fail=$((fail + f))
	done
	rm -rf "$out"
}
