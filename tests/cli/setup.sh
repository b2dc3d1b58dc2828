# What every case of the command-line tests shares, sourced by each file
# in tests/cli/cases/ (its first argument is the needlecare to test): a
# private home, and the checks that compare output with expected text
# (tests/cli/expected/) for fixed --now values, exit statuses and
# messages. UPDATE=1 rewrites expected/; NC_WRAP="valgrind ..." or
# "strace ..." runs needlecare under that prefix.
set -u
NC=$(realpath "$1")
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
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
J="$XDG_STATE_HOME/needlecare/journal"

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
