#!/usr/bin/env bash
# Every test of needlecare, run by `make check` (and so by .ci/run). Builds
# with gcc, clang and the sanitizers (warnings are errors), lints the man
# pages, runs each suite, and ends with one line over all of them:
# "N passed, N failed".
set -u
cd "$(dirname "$0")/.."

JOBS=${JOBS:-2}
passed=0
failed=0
failures=()

pass() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAILED: $1"; }

# A step that is one test: its name, then the command.
step() {
	local name=$1 log
	shift
	log=$(mktemp)
	if "$@" >"$log" 2>&1; then
		pass "$name"
	else
		cat "$log"
		fail "$name"
	fi
	rm -f "$log"
}

# A suite that counts its own tests; cmocka closes with "[  PASSED  ] N
# test(s)." and "[  FAILED  ] N test(s)" on stderr, our scripts with
# "N passed, N failed".
suite() {
	local name=$1 out rc p f
	shift
	out=$("$@" 2>&1)
	rc=$?
	# A cmocka binary may run several groups: their counts add up.
	read -r p f < <(printf '%s\n' "$out" | awk '
		/^\[  PASSED  \] [0-9]+ test/ { p += $4 }
		/^\[  FAILED  \] [0-9]+ test/ { f += $4 }
		/^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3 }
		END { print p + 0, f + 0 }')
	# A crash (a sanitizer report, a signal) counts even when nothing was
	# counted.
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	if [ "$f" -ne 0 ]; then
		printf '%s\n' "$out"
		failures+=("$name")
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	echo "$name: $p passed, $f failed"
	# The concurrency suite's figure: "N rounds, N lost".
	printf '%s\n' "$out" | grep -E '^[0-9]+ rounds, [0-9]+ lost' | sed 's/^/  /'
}

step "build with gcc, warnings as errors" \
	make -j"$JOBS" B=build/gcc CC=gcc WERROR=-Werror all unit
step "build with clang, warnings as errors" \
	make -j"$JOBS" B=build/clang CC=clang WERROR=-Werror all unit
step "build with AddressSanitizer and UndefinedBehaviorSanitizer" \
	make -j"$JOBS" B=build/san CC=gcc SAN=1 WERROR=-Werror all unit

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

# make install/uninstall into a temporary DESTDIR, and make dist unpacked,
# built and unit-tested elsewhere.
suite "install, uninstall and dist" bash tests/install/run.sh build/gcc
suite "shell completion (bash, zsh, fish)" bash tests/completion/run.sh build/gcc/needlecare

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
# _Noreturn (die() would seem to return); clang-tidy reads .clang-tidy.
cppcheck_all() {
	cppcheck --enable=warning,portability,performance --std=c11 --inline-suppr \
		--suppressions-list=tests/cppcheck.supp -Itui -D_DEFAULT_SOURCE -DVERSION='"0"' \
		'-D_Noreturn=__attribute__((noreturn))' --error-exitcode=1 --quiet \
		--template='{file}:{line}: {severity} ({id}): {message}' tui tests/fuzz
}
step "cppcheck: no warning (tests/cppcheck.supp)" cppcheck_all
tidy_all() {
	FLAGS="-std=c17 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 -DVERSION=\"0\" -Itui \
		-I/usr/include/iniparser $(pkg-config --cflags ncursesw libnotify)" \
	xargs -P"$JOBS" -n6 sh -c 'clang-tidy --quiet "$@" -- $FLAGS' sh < <(printf '%s\n' tui/*/*.c tests/fuzz/*.c)
}
step "clang-tidy: no warning (.clang-tidy)" tidy_all

# Every parser fuzzed for a few seconds, after the inputs of the crashes
# found before (make fuzz runs longer).
step "fuzz harnesses build (clang, libFuzzer, ASan, UBSan)" make -s fuzz-build WERROR=-Werror
suite "fuzz: each harness ${FUZZ_SMOKE:-5} s" bash tests/fuzz/run.sh build/fuzz "${FUZZ_SMOKE:-5}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
for build in gcc san; do
	for t in build/$build/tests/test_*; do
		[ -x "$t" ] || continue
		suite "unit $(basename "$t") ($build)" "$t"
	done
	suite "cli ($build)" bash tests/cli/run.sh "build/$build/needlecare"
	suite "calendar export ($build)" bash tests/ics/run.sh "build/$build/needlecare"
	suite "cache ($build)" bash tests/perf/cache.sh "build/$build/needlecare"
	suite "tui ($build)" bash tests/tui/run.sh "build/$build/needlecare"
	suite "notify ($build)" bash tests/notify/run.sh "build/$build/needlecare"
	suite "bad input ($build)" bash tests/bad-input/run.sh "build/$build/needlecare"
	suite "faults ($build)" bash tests/faults/run.sh "build/$build/needlecare"
	suite "clock and concurrency ($build)" bash tests/faults/clock.sh "build/$build/needlecare"
	suite "privacy ($build)" bash tests/privacy/run.sh "build/$build/needlecare"
done
# Pairs of writers started together, round after round: once, against the
# gcc build, whose faster start buys rounds (tests/concurrency/run.sh says
# why that is enough).
suite "concurrency: nothing saved is lost (gcc)" bash tests/concurrency/run.sh build/gcc/needlecare
suite "cli under valgrind (gcc)" bash tests/memcheck/run.sh build/gcc/needlecare

echo
if [ ${#failures[@]} -gt 0 ]; then
	echo "failed:"
	printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
