#!/usr/bin/env bash
# Command-line tests: every scenario of tests/cli/cases/ (each runs alone
# too, and shares its set-up through tests/cli/setup.sh), CASE_JOBS (2) at
# a time, with one closing line over all: output compared with expected
# text for fixed --now values, exit statuses and messages, and what book
# writes.
# usage: tests/cli/run.sh path/to/needlecare [CASE...]
#        (UPDATE=1 rewrites expected/; NC_WRAP="valgrind ..." or
#        "strace ..." runs needlecare under that prefix)
set -u
NC=$(realpath "$1")
shift
cd "$(dirname "$0")/../.."
. tests/lib.sh
run_cases tests/cli/cases "$NC" "$@"
summary
