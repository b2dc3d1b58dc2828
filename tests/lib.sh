# What the test scripts share, sourced after they cd to the top folder:
# a private home, the counters, the checks, and the closing line that
# tests/check.sh adds up. Scripts may redefine bad() to say more.

# private_home DIR: HOME and the XDG folders under DIR, with a fixed time
# zone and locale, so that a run depends on nothing of the tester's.
private_home() {
	export TZ=Europe/Berlin LC_ALL=C.UTF-8 HOME="$1/home"
	export XDG_CONFIG_HOME="$1/config" XDG_DATA_HOME="$1/data"
	export XDG_STATE_HOME="$1/state" XDG_CACHE_HOME="$1/cache"
}

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
