#!/usr/bin/env bash
# make install, make uninstall and make dist, tried for real: install into
# a temporary DESTDIR, check the tree and run the installed program from
# it, uninstall and find nothing left; build the release tarball, unpack
# it elsewhere, build it there and run its unit tests.
# usage: tests/install/run.sh BUILD-FOLDER   (such as build/gcc)
set -u
B=$1
cd "$(dirname "$0")/../.."
ROOT=$PWD
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. tests/lib.sh

# The installs below build again what a prefix changes (the catalogues'
# folder compiled into the program): in a copy of the build, which other
# suites are running meanwhile.
cp -a "$B" "$TMP/build"
B=$TMP/build

# --- a packager's install: PREFIX=/usr, into DESTDIR --------------------
D="$TMP/dest"
make -s B="$B" PREFIX=/usr DESTDIR="$D" install >"$TMP/install.log" 2>&1
that "make install succeeds" [ $? -eq 0 ]
want="usr/bin/needlecare 755
usr/share/man/man1/needlecare.1 644
usr/share/man/man5/needlecare.5 644
usr/share/needlecare/needlecare.ini 644
usr/share/needlecare/warning-signs.ini 644
usr/share/applications/needlecare.desktop 644
usr/share/icons/hicolor/scalable/apps/needlecare.svg 644
etc/xdg/autostart/needlecare-daemon.desktop 644
usr/lib/systemd/user/needlecare.service 644
usr/share/bash-completion/completions/needlecare 644
usr/share/zsh/site-functions/_needlecare 644
usr/share/fish/vendor_completions.d/needlecare.fish 644"
for l in $(cat po/LINGUAS); do want+=$'\n'"usr/share/locale/$l/LC_MESSAGES/needlecare.mo 644"; done
for p in data/protocols/*.ini; do want+=$'\n'"usr/share/needlecare/protocols/$(basename "$p") 644"; done
while read -r f mode; do
	that "installed: $f, mode $mode" [ "$(stat -c %a "$D/$f" 2>/dev/null)" = "$mode" ]
done <<<"$want"
got=$(cd "$D" && find . -type f | sed 's|^\./||' | sort)
that "nothing else is installed" [ "$got" = "$(cut -d' ' -f1 <<<"$want" | sort)" ]
that "the unit runs the installed program" \
	grep -qx 'ExecStart=/usr/bin/needlecare daemon' "$D/usr/lib/systemd/user/needlecare.service"
that "the desktop entry opens in a terminal" grep -qx 'Terminal=true' "$D/usr/share/applications/needlecare.desktop"
if command -v desktop-file-validate >/dev/null; then
	that "the desktop entries are valid" desktop-file-validate \
		"$D/usr/share/applications/needlecare.desktop" "$D/etc/xdg/autostart/needlecare-daemon.desktop"
fi
# The installed program works from there, alone.
private_home "$TMP"
that "the installed program runs" [ "$("$D/usr/bin/needlecare" --version)" = "needlecare $(sed -n 's/^VERSION *= *//p' Makefile)" ]
out=$("$D/usr/bin/needlecare" --session '2026-12-02 10:30' --now '2026-12-05 09:00' today 2>&1)
that "and shows a day of the course" grep -q '^Day 3 after session 1 of 1' <<<"$out"
# It looks for its catalogues under PREFIX, where they were installed
# (here below DESTDIR, which the program cannot know: the variable says it).
that "the installed program looks for its catalogues in /usr/share/locale" \
	grep -q /usr/share/locale "$D/usr/bin/needlecare"
if spanish "$D/usr/bin/needlecare"; then
	ES_ENV+=(NEEDLECARE_LOCALEDIR="$D/usr/share/locale")
	out=$(env "${ES_ENV[@]}" "$D/usr/bin/needlecare" --session '2026-12-02 10:30' --now '2026-12-05 09:00' today 2>&1)
	that "and speaks Spanish from the installed catalogue" grep -q '^Día 3 ' <<<"$out"
fi
that "the installed man page renders" bash -c "mandoc -Tutf8 ${D@Q}/usr/share/man/man1/needlecare.1 | col -b | grep -q 'export --ics'"
# bash finds the completion where bash-completion looks for it.
if [ -f /usr/share/bash-completion/bash_completion ]; then
	comp=$(BASH_COMPLETION_USER_DIR="$D/usr/share/bash-completion" bash -c '
		source /usr/share/bash-completion/bash_completion
		__load_completion needlecare && complete -p needlecare' 2>&1)
	that "bash loads the installed completion ($comp)" grep -q 'needlecare$' <<<"$comp"
fi

# --- uninstall leaves nothing behind ------------------------------------
make -s B="$B" PREFIX=/usr DESTDIR="$D" uninstall >"$TMP/uninstall.log" 2>&1
that "make uninstall succeeds" [ $? -eq 0 ]
left=$(cd "$D" && find . -type f)
that "make uninstall removes every file ($left)" [ -z "$left" ]
that "and the program's own folder" [ ! -e "$D/usr/share/needlecare" ]

# --- other folders: PREFIX and each folder variable ---------------------
D2="$TMP/dest2"
make -s B="$B" PREFIX=/opt/nc BINDIR=/opt/bin MANDIR=/opt/man DATADIR=/opt/data \
	SYSCONFDIR=/opt/etc DESTDIR="$D2" install >/dev/null 2>&1
for f in opt/bin/needlecare opt/man/man1/needlecare.1 opt/data/protocols/microneedling.ini \
	opt/etc/xdg/autostart/needlecare-daemon.desktop opt/nc/lib/systemd/user/needlecare.service \
	opt/nc/share/bash-completion/completions/needlecare; do
	that "BINDIR, MANDIR, DATADIR, SYSCONFDIR, PREFIX: $f" [ -f "$D2/$f" ]
done
that "the unit follows BINDIR" grep -qx 'ExecStart=/opt/bin/needlecare daemon' "$D2/opt/nc/lib/systemd/user/needlecare.service"
D3="$TMP/dest3"
make -s B="$B" DESTDIR="$D3" install >/dev/null 2>&1
that "PREFIX is /usr/local by default" [ -f "$D3/usr/local/bin/needlecare" ]
that "the autostart entry lands where the XDG autostart spec looks, /etc/xdg/autostart" \
	[ -f "$D3/etc/xdg/autostart/needlecare-daemon.desktop" ]
that "and nowhere desktops do not look" [ ! -e "$D3/usr/local/etc/xdg/autostart" ]
make -s B="$B" DESTDIR="$D3" uninstall >/dev/null 2>&1
that "uninstall removes it from there" [ ! -e "$D3/etc/xdg/autostart/needlecare-daemon.desktop" ]
make -s B="$B" PREFIX=/opt/nc DESTDIR="$TMP/dest4" install >"$TMP/install4.log" 2>&1
that "another prefix: make install says how to start it at login" \
	grep -q 'copy /opt/nc/etc/xdg/autostart/needlecare-daemon.desktop to ~/.config/autostart/' "$TMP/install4.log"

# --- make dist: the tarball builds and tests on its own -----------------
if git rev-parse --git-dir >/dev/null 2>&1; then
	make -s dist >"$TMP/dist.log" 2>&1
	that "make dist succeeds" [ $? -eq 0 ]
	ver=$(sed -n 's/^VERSION *= *//p' Makefile)
	tarball="needlecare-$ver.tar.gz"
	mkdir -p "$TMP/unpacked" && mv "$tarball" "$TMP/" &&
		tar -xzf "$TMP/$tarball" -C "$TMP/unpacked"
	src="$TMP/unpacked/needlecare-$ver"
	that "the tarball unpacks into needlecare-$ver/" [ -f "$src/Makefile" ]
	for f in README.md LICENSE man/needlecare.1 tui/cmd/main.c tests/check.sh data/completions/needlecare.bash; do
		that "the tarball holds $f" [ -f "$src/$f" ]
	done
	that "the tarball holds no build output" [ ! -e "$src/build" ]
	(cd "$src" && make -s -j"${JOBS:-2}" all unit) >"$TMP/dist-build.log" 2>&1
	that "the unpacked tarball builds" [ $? -eq 0 ] || tail -20 "$TMP/dist-build.log"
	ran=0 bad=0
	for t in "$src"/build/tests/test_*; do
		[ -x "$t" ] || continue
		ran=$((ran + 1))
		(cd "$src" && "$t") >/dev/null 2>&1 || { bad=$((bad + 1)); echo "FAIL: $t"; }
	done
	that "its unit tests pass ($ran binaries, $bad failed)" [ $((ran > 5 && bad == 0)) = 1 ]
else
	echo "skip: make dist (not a git checkout)"
fi

summary
