# needlecare: plain GNU make. `make` builds, `make run` installs what is
# missing and starts it, `make check` runs every test, `make install` and
# `make uninstall` honour PREFIX, DESTDIR and the folders below, `make dist`
# builds a release tarball.

VERSION    = 0.1
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share/needlecare
LOCALEDIR ?= $(PREFIX)/share/locale
# /etc for a /usr install, as packages have it; $(PREFIX)/etc otherwise.
SYSCONFDIR ?= $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)
DESTDIR   ?=

CC        ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS    ?= -O2 -g
# Debian's hardening flags; the sanitizer build (SAN=1) drops FORTIFY,
# which AddressSanitizer does not combine with.
HARDEN     = -fstack-protector-strong -Wformat -Werror=format-security -fPIE
HARDEN_LD  = -pie -Wl,-z,relro,-z,now
ifeq ($(SAN),1)
SANFLAGS   = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
HARDEN    += -D_FORTIFY_SOURCE=2
endif
WARN       = -std=c17 -Wall -Wextra -Wpedantic $(WERROR)

# iniparser ships no .pc file on Debian: fall back to its header folder.
INI_CFLAGS = $(shell $(PKG_CONFIG) --cflags iniparser 2>/dev/null || echo -I/usr/include/iniparser)
INI_LIBS   = $(shell $(PKG_CONFIG) --libs iniparser 2>/dev/null || echo -liniparser)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
NC_CFLAGS  = $(shell $(PKG_CONFIG) --cflags ncursesw)
NC_LIBS    = $(shell $(PKG_CONFIG) --libs ncursesw)

ALL_CFLAGS  = $(WARN) $(HARDEN) $(SANFLAGS) -D_DEFAULT_SOURCE \
              -DVERSION='"$(VERSION)"' -Itui $(CPPFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(HARDEN_LD) $(SANFLAGS) $(LDFLAGS)

# Objects go to B, so that the plain, clang and sanitizer builds coexist.
B ?= build

# One folder per layer (README, "Architecture"): each is built with one
# wildcard. base and care are the engine: no curses, and no libnotify
# linked (send/notifier loads it in a child process); the unit tests link
# only base, care and send. term holds the only files that include curses.
LAYERS     = base care send cmd term screens
SRC        = $(foreach l,$(LAYERS),$(wildcard tui/$(l)/*.c))
OBJ_OF     = $(patsubst tui/%.c,$(B)/%.o,$(wildcard tui/$(1)/*.c))
ENGINE_OBJ = $(call OBJ_OF,base) $(call OBJ_OF,care) $(B)/care/builtin.o $(call OBJ_OF,send)
PROGRAM_OBJ = $(ENGINE_OBJ) $(call OBJ_OF,cmd) $(call OBJ_OF,term) $(call OBJ_OF,screens)
$(B)/term/%.o: UI_CFLAGS = $(NC_CFLAGS)
# The catalogues' folder is compiled into i18n.o, which is built again
# when LOCALEDIR (or PREFIX) changes: make install PREFIX=/usr after a
# plain make installs a program that looks where its catalogues are.
$(B)/base/i18n.o: UI_CFLAGS = -DLOCALEDIR='"$(LOCALEDIR)"'
$(B)/base/i18n.o: $(B)/localedir
$(B)/localedir: FORCE
	@mkdir -p $(@D)
	@echo '$(LOCALEDIR)' | cmp -s - $@ || echo '$(LOCALEDIR)' > $@
FORCE:
UNIT = $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))

PROTOCOLS = $(sort $(wildcard data/protocols/*.ini))
# The warning-sign rules every protocol starts from.
RULES     = data/warning-signs.ini
MANPAGES  = man/needlecare.1 man/needlecare.5

# Translations: po/LL.po for each language of po/LINGUAS, compiled to
# $(B)/locale/LL/LC_MESSAGES/needlecare.mo (NEEDLECARE_LOCALEDIR points an
# uninstalled build there). make pot extracts po/needlecare.pot from the
# sources and merges it into every .po.
LINGUAS   = $(shell cat po/LINGUAS)
MO        = $(foreach l,$(LINGUAS),$(B)/locale/$(l)/LC_MESSAGES/needlecare.mo)
XGETTEXT_KEYWORDS = --keyword=_ --keyword=N_ --keyword=P_:1,2

all: $(B)/needlecare $(MO)

$(B)/locale/%/LC_MESSAGES/needlecare.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# POT=FILE writes the template elsewhere and merges nothing (the
# translations test compares it with the committed one).
POT = po/needlecare.pot
pot:
	xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
	  $(XGETTEXT_KEYWORDS) --package-name=needlecare --package-version=$(VERSION) \
	  --msgid-bugs-address="the needlecare issue tracker" --sort-by-file -o $(POT) $(SRC)
	sed -i '/^"POT-Creation-Date:/d' $(POT)
	$(if $(filter po/needlecare.pot,$(POT)),for l in $(LINGUAS); do \
	  msgmerge --quiet --update --backup=none --no-fuzzy-matching po/$$l.po $(POT); done)

# libc first among the libraries: with -z now every imported symbol is
# looked up at start, most are libc's, and the dynamic linker then finds
# them without asking the curses and iniparser libraries first (3 % of a
# status-bar run). Not under the sanitizers, whose runtime must come first.
ifneq ($(SAN),1)
LIBC_FIRST = -Wl,--push-state,--no-as-needed -lc -Wl,--pop-state
endif

$(B)/needlecare: $(PROGRAM_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $(LIBC_FIRST) $^ $(INI_LIBS) $(NC_LIBS)

$(B)/%.o: tui/%.c Makefile
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(INI_CFLAGS) $(UI_CFLAGS) -MMD -MP -c -o $@ $<

# libnotify's headers (GLib's types) for the notifier alone; never its
# library: it is loaded with dlopen when a notification is shown.
NOTIFY_CFLAGS = $(shell $(PKG_CONFIG) --cflags libnotify)
$(B)/send/notifier.o: tui/send/notifier.c Makefile
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(NOTIFY_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/care/builtin.o: $(B)/care/builtin.c
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The shipped files become byte arrays: the program then works from the
# build tree and from any prefix. (String literals would trip -Wpedantic's
# length limit; unsigned, for the bytes of UTF-8 above 0x7f.)
$(B)/care/builtin.c: $(PROTOCOLS) config/needlecare.ini $(RULES) Makefile
	@mkdir -p $(@D)
	@echo "  EMBED $(PROTOCOLS) config/needlecare.ini $(RULES)"
	@{ echo '#include "care/builtin.h"'; \
	  i=0; for f in $(PROTOCOLS) config/needlecare.ini $(RULES); do \
	    echo "static const unsigned char file$$i[] = {"; \
	    od -An -v -tx1 "$$f" | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	    echo '0};'; i=$$((i+1)); \
	  done; \
	  echo 'const struct builtin_file builtin_protocols[] = {'; \
	  i=0; for f in $(PROTOCOLS); do \
	    echo "{\"$$(basename $$f .ini)\", (const char *)file$$i, sizeof file$$i - 1, $$(cksum < $$f | cut -d' ' -f1)u},"; i=$$((i+1)); \
	  done; \
	  echo '};'; \
	  echo 'const size_t builtin_protocols_count = sizeof builtin_protocols / sizeof builtin_protocols[0];'; \
	  echo "const struct builtin_file builtin_config = {\"needlecare\", (const char *)file$$i, sizeof file$$i - 1, $$(cksum < config/needlecare.ini | cut -d' ' -f1)u};"; \
	  i=$$((i+1)); \
	  echo "const struct builtin_file builtin_warning_signs = {\"warning-signs\", (const char *)file$$i, sizeof file$$i - 1, $$(cksum < $(RULES) | cut -d' ' -f1)u};"; \
	} > $@.tmp && mv $@.tmp $@

$(B)/tests/%: tests/unit/%.c tests/unit/unit.h $(ENGINE_OBJ) | $(B)/tests
	$(CC) $(ALL_CFLAGS) $(INI_CFLAGS) -o $@ $< $(ENGINE_OBJ) $(ALL_LDFLAGS) $(CMOCKA_LIBS) $(INI_LIBS)

$(B) $(B)/tests:
	mkdir -p $@

unit: $(UNIT)

# libFuzzer harnesses, one a parser (tests/fuzz/fuzz_NAME.c, seeds in
# tests/fuzz/NAME/), built with clang and the sanitizers in build/fuzz.
# make fuzz runs each for FUZZ_SECONDS; make check runs a short round.
FUZZ_SECONDS ?= 60
FUZZ_B = build/fuzz
FUZZERS = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SAN = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer

$(B)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(ENGINE_OBJ)
	$(CC) $(ALL_CFLAGS) $(INI_CFLAGS) -fsanitize=fuzzer -o $@ $< $(ENGINE_OBJ) \
	  $(ALL_LDFLAGS) $(INI_LIBS)

fuzz-build:
	$(MAKE) B=$(FUZZ_B) CC=clang SAN=1 SANFLAGS='$(FUZZ_SAN)' \
	  $(addprefix $(FUZZ_B)/fuzz_,$(FUZZERS))

fuzz: fuzz-build
	bash tests/fuzz/run.sh $(FUZZ_B) $(FUZZ_SECONDS)

# make bench: needlecare beside calcurse, remind and the floor programs (a
# main() that only calls setlocale, and ncurses' start-up replaying
# needlecare's first frame, both linked like needlecare), one table of
# figures (tests/perf/bench.sh). Not a test: it exits 0 whatever they are.
BENCH_DEBS = calcurse remind hyperfine valgrind time tmux strace dbus python3-dbusmock locales

$(B)/floor: tests/perf/floor.c Makefile | $(B)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) -Wl,--no-as-needed $(INI_LIBS) $(NC_LIBS)

$(B)/frame-floor: tests/perf/frame-floor.c Makefile | $(B)
	$(CC) $(ALL_CFLAGS) $(NC_CFLAGS) -o $@ $< $(ALL_LDFLAGS) -Wl,--no-as-needed $(INI_LIBS) $(NC_LIBS)

bench: deps
	$(call install_missing,$(BENCH_DEBS))
	$(MAKE) $(B)/needlecare $(B)/floor $(B)/frame-floor
	bash tests/perf/bench.sh $(B)/needlecare $(B)/floor $(B)/frame-floor

# Debian packages: to build, and to run every test.
BUILD_DEBS = gcc make pkg-config libncurses-dev libnotify-dev libiniparser-dev gettext
CHECK_DEBS = $(BUILD_DEBS) clang libcmocka-dev mandoc groff-base tzdata tmux strace \
             xvfb dbus dbus-x11 dunst libnotify-bin jq python3-dbusmock python3-dbus \
             libclang-rt-14-dev valgrind cppcheck clang-tidy util-linux locales \
             libical-dev python3-icalendar bash-completion zsh fish desktop-file-utils bsdextrautils
define install_missing
	@missing=$$(for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
	  sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  echo "installing:" $$missing; \
	  $$sudo apt-get -o DPkg::Lock::Timeout=300 update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq $$missing; \
	fi
endef

deps:
	$(call install_missing,$(BUILD_DEBS))

deps-check:
	$(call install_missing,$(CHECK_DEBS))

run: deps
	$(MAKE) all
	NEEDLECARE_LOCALEDIR=$(B)/locale $(B)/needlecare $(ARGS)

# make check T=tui/NAME (or cli/NAME, or a suite's name) runs only that,
# against only the build it needs: tests/check.sh says more.
check: deps-check
	bash tests/check.sh $(T)

USERUNITDIR ?= $(PREFIX)/lib/systemd/user
APPSDIR     ?= $(PREFIX)/share/applications
ICONDIR     ?= $(PREFIX)/share/icons/hicolor/scalable/apps
# Desktops read autostart entries from $XDG_CONFIG_DIRS/autostart, which is
# /etc/xdg/autostart unless a session sets it: a /usr/local install puts
# its entry there too, where it is read; other prefixes keep theirs and
# make install says what to do.
XDG_AUTOSTART = /etc/xdg/autostart
AUTOSTARTDIR ?= $(if $(filter /usr /usr/local,$(PREFIX)),$(XDG_AUTOSTART),$(SYSCONFDIR)/xdg/autostart)
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d

# Every file make install writes, as DESTINATION:SOURCE:MODE; make
# uninstall removes the same list. The unit gets BINDIR where its .in
# says @BINDIR@.
INSTALLED = $(BINDIR)/needlecare:$(B)/needlecare:755 \
	$(MANDIR)/man1/needlecare.1:man/needlecare.1:644 \
	$(MANDIR)/man5/needlecare.5:man/needlecare.5:644 \
	$(foreach f,$(PROTOCOLS),$(DATADIR)/protocols/$(notdir $(f)):$(f):644) \
	$(DATADIR)/needlecare.ini:config/needlecare.ini:644 \
	$(DATADIR)/warning-signs.ini:$(RULES):644 \
	$(APPSDIR)/needlecare.desktop:data/needlecare.desktop:644 \
	$(ICONDIR)/needlecare.svg:data/needlecare.svg:644 \
	$(AUTOSTARTDIR)/needlecare-daemon.desktop:data/needlecare-daemon.desktop:644 \
	$(USERUNITDIR)/needlecare.service:data/needlecare.service.in:644 \
	$(BASHCOMPDIR)/needlecare:data/completions/needlecare.bash:644 \
	$(ZSHCOMPDIR)/_needlecare:data/completions/_needlecare:644 \
	$(FISHCOMPDIR)/needlecare.fish:data/completions/needlecare.fish:644 \
	$(foreach l,$(LINGUAS),$(LOCALEDIR)/$(l)/LC_MESSAGES/needlecare.mo:$(B)/locale/$(l)/LC_MESSAGES/needlecare.mo:644)

install: $(B)/needlecare $(MO)
	@set -e; for i in $(INSTALLED); do \
	  dest=$${i%%:*}; rest=$${i#*:}; src=$${rest%%:*}; mode=$${rest#*:}; \
	  echo "  INSTALL $(DESTDIR)$$dest"; \
	  install -D -m $$mode "$$src" "$(DESTDIR)$$dest"; \
	done
	sed -i 's|@BINDIR@|$(BINDIR)|' "$(DESTDIR)$(USERUNITDIR)/needlecare.service"
	@case "$(AUTOSTARTDIR)" in $(XDG_AUTOSTART)) ;; *) \
	  echo "note: desktops do not read $(AUTOSTARTDIR): to start the notifier at login,"; \
	  echo "  copy $(AUTOSTARTDIR)/needlecare-daemon.desktop to ~/.config/autostart/,"; \
	  echo "  or run: systemctl --user enable --now needlecare.service" ;; esac

uninstall:
	@for i in $(INSTALLED); do rm -f "$(DESTDIR)$${i%%:*}"; done
	-rmdir "$(DESTDIR)$(DATADIR)/protocols" "$(DESTDIR)$(DATADIR)" 2>/dev/null

# make dist: a release tarball of what the repository tracks, named after
# the version, that builds and tests on its own.
DIST = needlecare-$(VERSION)
dist:
	@test -z "$$(git status --porcelain 2>/dev/null)" || \
	  echo "dist: note: uncommitted changes are not in the tarball" >&2
	git archive --format=tar.gz --prefix=$(DIST)/ -o $(DIST).tar.gz HEAD
	@echo "  DIST $(DIST).tar.gz"

clean:
	rm -rf build needlecare-*.tar.gz

.PHONY: all unit deps deps-check run check install uninstall dist clean fuzz fuzz-build bench pot
.DELETE_ON_ERROR:

-include $(wildcard $(B)/*/*.d)
