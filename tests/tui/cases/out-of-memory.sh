#!/usr/bin/env bash
# A fatal error: out of memory, reported after the terminal is restored.
# Only the plain build can run it (see below).
# usage: tests/tui/cases/out-of-memory.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

# A fatal error: out of memory. A small preloaded library makes every
# allocation fail once the program gets SIGUSR1; the redraw that follows
# needs memory. The terminal must be restored first, then the message printed -
# on the normal screen, where it stays visible. (AddressSanitizer does not
# combine with a preloaded allocator: skipped for the sanitizer build.)
if ! grep -q __asan_init "$NC" && command -v "${CC:-cc}" >/dev/null; then
	cat >"$TMP/nomem.c" <<'SHIM'
#include <signal.h>
#include <stddef.h>
void *__libc_malloc(size_t), *__libc_calloc(size_t, size_t), *__libc_realloc(void *, size_t);
static volatile sig_atomic_t fail;
static void on_usr1(int sig) { (void)sig; fail = 1; }
__attribute__((constructor)) static void init(void) { signal(SIGUSR1, on_usr1); }
void *malloc(size_t n) { return fail ? NULL : __libc_malloc(n); }
void *calloc(size_t n, size_t s) { return fail ? NULL : __libc_calloc(n, s); }
void *realloc(void *p, size_t n) { return fail ? NULL : __libc_realloc(p, n); }
SHIM
	"${CC:-cc}" -shared -fPIC -o "$TMP/nomem.so" "$TMP/nomem.c"
	ERR=pane launch die 80 24 LD_PRELOAD="$TMP/nomem.so" -- --session "$S" --now "$DAY3"
	shown die "Day 3"
	kill -USR1 "$(nc_pid die)" # it also ends the wait for a key: a redraw
	ended die 1
	expect die "needlecare: out of memory" "the fatal error is printed after the screen is restored"
	finish die
else
	echo "skip: the fatal-error test (sanitizer build)"
fi

summary
