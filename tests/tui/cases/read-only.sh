#!/usr/bin/env bash
# A state folder that cannot be written: usable, and says so.
# usage: tests/tui/cases/read-only.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

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

summary
