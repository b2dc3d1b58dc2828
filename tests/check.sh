#!/usr/bin/env bash
# Every test of needlecare, run by `make check` (and so by .ci/run). Builds
# with gcc, clang and the sanitizers (warnings are errors), lints the man
# pages, runs each suite, and ends with one line over all of them:
# "N passed, N failed".
#
# usage: tests/check.sh [T]   (make check T=...)
#   T=tui/NAME or T=cli/NAME  one scenario of tests/tui/cases or
#                             tests/cli/cases, and only the build it needs
#   T=SUITE                   one suite (unit, cli, ics, cache, tui,
#                             notify, bad-input, faults, clock, privacy,
#                             concurrency, memcheck, install, completion,
#                             i18n)
#   JOBS=N                    jobs side by side (3); CASE_JOBS=N, the
#                             scenarios of one suite side by side (2)
#
# Each runtime suite runs once, against the sanitizer build, which sees
# everything the plain build would and more; the plain gcc build is tested
# only where it must be: what the sanitizers cannot run (valgrind, a
# preloaded allocator), what depends on speed (the concurrency suite's
# rounds; the clock suite's races, run against both), and what is about
# the binary shipped (hardening, linking, install, completion, make
# bench). The unit tests run once too: ASan and UBSan catch all that
# _FORTIFY_SOURCE would in them, and more.
#
# After the builds, jobs run side by side, JOBS at a time (most of their
# time is spent waiting for a terminal, a bus, a clock or a lock: two cores
# stay busy with three). Each job writes its own log; the reports come in
# the order the jobs were started, whatever order they end in, so the
# output reads the same from run to run but for the times.
set -u
cd "$(dirname "$0")/.."

JOBS=${JOBS:-3}
MAKE_JOBS=${MAKE_JOBS:-2}
T=${1:-${T:-}}
passed=0
failed=0
cpu_all=0
started=${EPOCHREALTIME/./}
failures=()

pass() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAILED: $1"; }

# --- jobs ---------------------------------------------------------------
RUN=$(mktemp -d)
njobs=0
reported=0
# Interrupted: end the jobs still running (each suite cleans up after
# itself on TERM), then the logs.
cleanup() {
	local p
	for p in "$RUN"/*.pid; do
		[ -e "$p" ] && [ ! -e "${p%.pid}.end" ] && kill "$(cat "$p")" 2>/dev/null
	done
	wait
	rm -rf "$RUN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# job KIND NAME COMMAND...: starts COMMAND in the background once fewer
# than JOBS run; KIND is step (one test: its exit status) or suite (counts
# its own tests). Its report waits for collect.
job() {
	local kind=$1 name=$2 id=$njobs
	shift 2
	while [ "$(jobs -pr | wc -l)" -ge "$JOBS" ]; do wait -n; done
	njobs=$((njobs + 1))
	printf '%s\n%s\n' "$kind" "$name" >"$RUN/$id.what"
	(
		t=${EPOCHREALTIME/./}
		"$@" >"$RUN/$id.log" 2>&1 </dev/null &
		echo $! >"$RUN/$id.pid"
		wait $!
		rc=$?
		# The CPU time of the job and all it waited for, from the
		# shell's own account: "user system" of its children.
		# (times in a pipe would report the pipe's own process.)
		times >"$RUN/$id.times"
		cpu=$(awk 'NR == 2 { n = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); n += a[1] * 60 + a[2] } printf "%d", n + 0.5 }' "$RUN/$id.times")
		echo "$rc $(( (${EPOCHREALTIME/./} - t + 500000) / 1000000 )) $cpu" >"$RUN/$id.tmp"
		mv "$RUN/$id.tmp" "$RUN/$id.end"
	) &
}
step() { job step "$@"; }
suite() { job suite "$@"; }

# collect: the reports of the jobs started so far, in the order they were
# started, each as soon as it and those before it have ended.
collect() {
	local kind name rc secs cpu
	while [ "$reported" -lt "$njobs" ]; do
		until [ -e "$RUN/$reported.end" ]; do sleep 0.2; done
		{ read -r kind; read -r name; } <"$RUN/$reported.what"
		read -r rc secs cpu <"$RUN/$reported.end"
		"report_$kind" "$name" "$rc" "$secs s, $cpu s CPU" "$RUN/$reported.log"
		cpu_all=$((cpu_all + cpu))
		reported=$((reported + 1))
	done
	wait
}

# A step is one test: its exit status.
report_step() {
	local name=$1 rc=$2 took=$3 log=$4
	if [ "$rc" -eq 0 ]; then
		pass "$name ($took)"
	else
		cat "$log"
		fail "$name ($took)"
	fi
}

# A suite counts its own tests; cmocka closes with "[  PASSED  ] N
# test(s)." and "[  FAILED  ] N test(s)" on stderr, our scripts with
# "N passed, N failed".
report_suite() {
	local name=$1 rc=$2 took=$3 log=$4 p f
	# A cmocka binary may run several groups: their counts add up.
	read -r p f < <(awk '
		/^\[  PASSED  \] [0-9]+ test/ { p += $4 }
		/^\[  FAILED  \] [0-9]+ test/ { f += $4 }
		/^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3 }
		END { print p + 0, f + 0 }' "$log")
	# A crash (a sanitizer report, a signal) counts even when nothing was
	# counted.
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	if [ "$f" -ne 0 ]; then
		cat "$log"
		failures+=("$name")
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	echo "$name: $p passed, $f failed ($took)"
	# The concurrency suite's figure: "N rounds, N lost".
	grep -E '^[0-9]+ rounds, [0-9]+ lost' "$log" | sed 's/^/  /'
}

finish() {
	collect
	echo
	if [ ${#failures[@]} -gt 0 ]; then
		echo "failed:"
		printf '  %s\n' "${failures[@]}"
	fi
	# What the run cost, to weigh a new suite against.
	echo "$(( (${EPOCHREALTIME/./} - started) / 1000000 )) s, $cpu_all s of CPU over all jobs"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

build() {
	case $1 in
	gcc) step "build with gcc, warnings as errors" \
		make -j"$MAKE_JOBS" B=build/gcc CC=gcc WERROR=-Werror all unit ;;
	clang) step "build with clang, warnings as errors" \
		make -j"$MAKE_JOBS" B=build/clang CC=clang WERROR=-Werror all unit ;;
	san) step "build with AddressSanitizer and UndefinedBehaviorSanitizer" \
		make -j"$MAKE_JOBS" B=build/san CC=gcc SAN=1 WERROR=-Werror all unit ;;
	esac
}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
# The scenarios of the interface that only the plain build can run: a
# preloaded allocator does not combine with AddressSanitizer.
PLAIN_TUI_CASES="out-of-memory"

# --- one scenario: make check T=tui/NAME or T=cli/NAME --------------------
case $T in
tui/* | cli/*)
	dir=tests/${T%%/*}/cases name=${T#*/}
	if [ ! -f "$dir/$name.sh" ]; then
		echo "no scenario $dir/$name.sh; there are:"
		(cd "$dir" && ls *.sh | sed 's/\.sh$//' | column -c 78)
		exit 2
	fi
	b=san
	[ "${T%%/*}" = tui ] && [[ " $PLAIN_TUI_CASES " = *" $name "* ]] && b=gcc
	build "$b"
	collect
	suite "$T ($b)" bash "tests/${T%%/*}/run.sh" "build/$b/needlecare" "$name"
	finish ;;
esac
case $T in
'' | unit | cli | ics | cache | tui | notify | bad-input | faults | clock | privacy | concurrency | memcheck | install | completion | i18n) ;;
*) echo "T=$T: expected tui/NAME, cli/NAME or a suite (see tests/check.sh)"; exit 2 ;;
esac
# want KEY: the suite KEY is run (all of them unless T names one).
want() { [ -z "$T" ] || [ "$T" = "$1" ]; }

# --- the builds the tests run against, one after the other ---------------
build gcc
build san
# The Spanish locale the translated scenarios run under, made once here
# rather than by the first suites that would race for it.
es_locale() { . tests/lib.sh && spanish build/san/needlecare; }
step "the es_ES.UTF-8 locale for the tests (localedef)" es_locale
collect

# --- then everything else, side by side ----------------------------------
# The longest first, so that none starts last; the quick ones fill in.
want tui && suite "tui (san)" bash tests/tui/run.sh build/san/needlecare
# The command-line scenarios under valgrind memcheck, which cannot run
# under ASan: the plain build.
want memcheck && suite "cli under valgrind (gcc)" bash tests/memcheck/run.sh build/gcc/needlecare
# Pairs of writers started together, round after round: against the gcc
# build, whose faster start buys rounds (tests/concurrency/run.sh says
# why that is enough).
want concurrency && suite "concurrency: nothing saved is lost (gcc)" bash tests/concurrency/run.sh build/gcc/needlecare
if [ -z "$T" ]; then
	# The long checks that compute, started among the long suites that
	# mostly wait. clang-tidy reads .clang-tidy; any warning fails.
	tidy_all() {
		FLAGS="-std=c17 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 -DVERSION=\"0\" -Itui \
			-I/usr/include/iniparser $(pkg-config --cflags ncursesw libnotify)" \
		xargs -P"$MAKE_JOBS" -n6 sh -c 'clang-tidy --quiet "$@" -- $FLAGS' sh < <(printf '%s\n' tui/*/*.c tests/fuzz/*.c)
	}
	step "clang-tidy: no warning (.clang-tidy)" tidy_all
	# Every parser fuzzed for a few seconds, after the inputs of the crashes
	# found before (make fuzz runs longer). One job: the run needs the build.
	fuzz_smoke() {
		make -s fuzz-build WERROR=-Werror || { echo "the harnesses do not build"; echo "0 passed, 1 failed"; return 1; }
		echo "1 passed, 0 failed" # the build is a test of its own
		bash tests/fuzz/run.sh build/fuzz "${FUZZ_SMOKE:-5}"
	}
	suite "fuzz: harnesses build (clang, libFuzzer, ASan, UBSan), each run ${FUZZ_SMOKE:-5} s" fuzz_smoke
	# The clang build is a check of its own: no test runs against it.
	build clang
fi
want bad-input && suite "bad input (san)" bash tests/bad-input/run.sh build/san/needlecare
# Notify passes and a daemon started together race for each milestone:
# the plain build's faster start makes other interleavings than the
# sanitizer build's, and the suite mostly waits; both run.
want clock && suite "clock and concurrency (gcc)" bash tests/faults/clock.sh build/gcc/needlecare
want clock && suite "clock and concurrency (san)" bash tests/faults/clock.sh build/san/needlecare
want notify && suite "notify (san)" bash tests/notify/run.sh build/san/needlecare
want faults && suite "faults (san)" bash tests/faults/run.sh build/san/needlecare
want privacy && suite "privacy (san)" bash tests/privacy/run.sh build/san/needlecare
want cache && suite "cache (san)" bash tests/perf/cache.sh build/san/needlecare
want cli && suite "cli (san)" bash tests/cli/run.sh build/san/needlecare
want ics && suite "calendar export (san)" bash tests/ics/run.sh build/san/needlecare
want i18n && suite "translations: complete, and compiled clean (san)" bash tests/i18n/run.sh build/san/needlecare
if want tui; then
	for c in $PLAIN_TUI_CASES; do
		suite "tui: $c (gcc)" bash tests/tui/run.sh build/gcc/needlecare "$c"
	done
fi
if want unit; then
	for t in build/san/tests/test_*; do
		[ -x "$t" ] || continue
		suite "unit $(basename "$t") (san)" "$t"
	done
fi
# make install/uninstall into a temporary DESTDIR, and make dist unpacked,
# built and unit-tested elsewhere.
want install && suite "install, uninstall and dist" bash tests/install/run.sh build/gcc
want completion && suite "shell completion (bash, zsh, fish)" bash tests/completion/run.sh build/gcc/needlecare
[ -n "$T" ] && finish

lint_man() {
	local out
	out=$(mandoc -Tlint -Wwarning man/*.[1-8] 2>&1; groff -mandoc -ww -z man/*.[1-8] 2>&1)
	[ -z "$out" ] || { printf '%s\n' "$out"; return 1; }
}
step "man pages: mandoc -Tlint -Wwarning and groff -ww" lint_man

# Every command, screening question, configuration key and protocol key is
# in the man pages: a feature nobody can read about is not finished.
documented() {
	local missing= w
	for w in $(sed -n 's/^\t{"\([a-z]*\)", cli_[a-z]*,.*/\1/p' tui/cmd/main.c); do
		grep -q "^\.It Cm $w\b" man/needlecare.1 || missing+=" command:$w"
	done
	for w in $(sed -n 's/^\t{"\([a-z0-9-]*\)", "[A-Z].*/\1/p' tui/care/screening.c); do
		grep -q "^\.It Cm $w No" man/needlecare.5 || missing+=" screening:$w"
	done
	for w in $(sed -n 's/^\t{"[a-z]*", "\([a-z-]*\)", ".*/\1/p' tui/care/config.c); do
		grep -q "^\.It Cm $w No" man/needlecare.5 || missing+=" key:$w"
	done
	# The protocol keys: from protocol.c's field lists, which the parser
	# and the plan cache use too; the unit test reads needlecare.5.
	local out
	out=$(build/gcc/tests/test_protocol_keys 2>&1) ||
		missing+=" $(printf '%s\n' "$out" | sed -n 's/.*protocol keys not in [^:]*: *//p')"
	[ -z "$missing" ] || { echo "not in the man pages:$missing"; return 1; }
}
step "man pages describe every command, question and key" documented

# Only term/ includes curses, only send/notifier.c libnotify, only
# base/inifile.c iniparser.
layering() {
	local bad
	bad=$(grep -lE '#include *<(n?curses|ncursesw/curses)\.h>' tui/*/*.[ch] | grep -v '^tui/term/')
	bad+=$(grep -lE '#include *<libnotify' tui/*/*.[ch] | grep -v '^tui/send/notifier\.c$')
	bad+=$(grep -lE '#include *<iniparser\.h>' tui/*/*.[ch] | grep -v '^tui/base/inifile\.c$')
	[ -z "$bad" ] || { echo "layering broken in: $bad"; return 1; }
}
step "only term/ includes curses, only the notifier libnotify, only inifile iniparser" layering

# The README's architecture table is `ls tui/`: a row for each folder and
# no other, each row naming every module of its folder.
readme_layout() {
	local bad= d f rows
	rows=$(grep -oE '^\| `tui/[a-z]+/` \|.*' README.md)
	for d in tui/*/; do
		row=$(grep -F "| \`$d\` |" <<<"$rows") || { bad+=" $d(no row)"; continue; }
		for f in "$d"*.[ch]; do
			f=$(basename "${f%.[ch]}")
			grep -qF "\`$f" <<<"$row" || bad+=" $d$f"
		done
	done
	for d in $(grep -oE '^\| `tui/[a-z]+/`' <<<"$rows" | tr -d '|` '); do
		[ -d "$d" ] || bad+=" $d(no folder)"
	done
	[ -z "$bad" ] || { echo "README architecture table misses:$bad"; return 1; }
}
step "the README's architecture table matches ls tui/" readme_layout

# The layering, read from the objects with nm (tests/layering).
suite "layering: objects" bash tests/layering/run.sh build/gcc

# make bench is figures, not tests: only a short run that shows it works.
bench_smoke() {
	make -s B=build/gcc CC=gcc build/gcc/floor build/gcc/frame-floor >/dev/null &&
	bash tests/perf/bench.sh --smoke build/gcc/needlecare build/gcc/floor build/gcc/frame-floor > build/gcc/bench.txt 2>&1 &&
	grep -qE '^\| next: instructions / peak memory \| [0-9.]+ M' build/gcc/bench.txt &&
	grep -qE '^\| frame floor: [^|]*\| [0-9.]+×' build/gcc/bench.txt ||
	{ cat build/gcc/bench.txt; return 1; }
}
step "make bench works (a smoke run; its figures are not checked)" bench_smoke

# The program that shows milestones must not link libnotify or GLib: they
# would slow every start.
no_glib() { ! ldd build/gcc/needlecare | grep -qE 'libnotify|libglib'; }
step "needlecare links neither libnotify nor GLib" no_glib

# Debian's hardening, seen in the binary: PIE, full RELRO, the stack
# protector and the fortified string functions.
hardened() {
	local f=build/gcc/needlecare
	readelf -h "$f" | grep -q 'DYN (Position-Independent' &&
	readelf -d "$f" | grep -q 'FLAGS_1.*NOW' &&
	readelf -lW "$f" | grep -q GNU_RELRO &&
	nm -D "$f" | grep -q '__stack_chk_fail' &&
	nm -D "$f" | grep -q '__snprintf_chk'
}
step "needlecare is built hardened (PIE, full RELRO, stack protector, fortify)" hardened

# Static analysis: any warning fails. cppcheck 2.10 does not know C11's
# _Noreturn (die() would seem to return).
cppcheck_all() {
	cppcheck --enable=warning,portability,performance --std=c11 --inline-suppr \
		--suppressions-list=tests/cppcheck.supp -Itui -D_DEFAULT_SOURCE -DVERSION='"0"' \
		'-D_Noreturn=__attribute__((noreturn))' --error-exitcode=1 --quiet \
		--template='{file}:{line}: {severity} ({id}): {message}' tui tests/fuzz
}
step "cppcheck: no warning (tests/cppcheck.supp)" cppcheck_all

finish
