#!/usr/bin/env bash
# The first frame comes from the plan cache that `next` wrote.
# usage: tests/tui/cases/plan-cache.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

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

summary
