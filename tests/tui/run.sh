#!/usr/bin/env bash
# The interface, tested for real in a terminal: every scenario of
# tests/tui/cases/ (each runs alone too, and shares its set-up through
# tests/tui/setup.sh), CASE_JOBS (2) at a time, with one closing line over all.
#
# usage: tests/tui/run.sh path/to/needlecare [CASE...]
#        UPDATE=1 tests/tui/run.sh ...   rewrites the expected screens:
#        review every one of them by eye before keeping it.
set -u
NC=$(realpath "$1")
shift
cd "$(dirname "$0")/../.."
. tests/lib.sh
run_cases tests/tui/cases "$NC" "$@"
summary
