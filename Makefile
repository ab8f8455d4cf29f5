# caiji - 党组织和党员基本信息采集
#
#   make           deps + build ./caiji (also `make caiji`)
#   make deps      install missing Debian packages (apt-get; sudo when not root; a dpkg-query
#                  check only when nothing is missing)
#   make run       deps + build + open the TUI on the demo database (build/demo-db)
#   make check     deps + build + every test: Criterion units plainly and with ASan/UBSan, then the
#                  end-to-end scripts against ./caiji and again against build/caiji-asan; ends
#                  with "check: N passed, N failed, N skipped" (a skip is never a pass)
#   make check-stress  the whole `make check` while two CPU hogs run, with the clock a year
#                  ahead (libfaketime, FAKETIME=+365d, reaching every caiji the tests start);
#                  the tests pin CAIJI_TODAY, so it must pass as plain check does
#   make bench     benchmarks, written to bench/RESULTS.md (BENCH="store export" runs only those)
#   make fuzz      fuzz harnesses (clang libFuzzer), bounded time
#   make install   PREFIX=/usr/local DESTDIR=  (SHARED=1: setgid caiji, see README 管理员)
#   CONF=/etc/caiji.conf  the shared-mode configuration file, fixed at build time

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DESTDIR ?=

CC      ?= cc
OPT     ?= -O2 -g
W        = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings
ifneq ($(CI),)
W       += -Werror
endif
PKGS     = ncursesw formw lmdb xlsxwriter pangocairo libcrypto
# pkg-config runs once, when a recipe first needs it: after `deps`, which every
# build runs first, has installed what was missing (pkg-config itself too).
once     = $(eval $1 := $$(shell $2))$($1)
PKG_CFLAGS  = $(call once,PKG_CFLAGS,pkg-config --cflags $(PKGS) 2>/dev/null)
CRIT_CFLAGS = $(call once,CRIT_CFLAGS,pkg-config --cflags criterion 2>/dev/null)
CRIT_LIBS   = $(call once,CRIT_LIBS,pkg-config --libs criterion 2>/dev/null)
CONF    ?= /etc/caiji.conf
CPPFLAGS_ALL = -std=c11 -D_GNU_SOURCE -Iinclude -I$(B)/gen $(PKG_CFLAGS) \
           -DCAIJI_CONF='"$(CONF)"'
# The e2e tests of shared mode (run as root) install this build setgid: its
# configuration file is in a root-only directory instead of /etc.
SYSTEST_CONF = /run/caiji-e2e/caiji.conf
SYSTEST_SRC  = src/app.c src/cmd.c src/cmd-setup.c
CFLAGS  ?=
# libxlsxwriter, pango/cairo and libcrypto are not linked: src/xlsx.c,
# src/pdf.c and src/digest.c load them when an xlsx file or a PDF is first
# written or a first hash is asked for (include/xlsx.h, pdf.h and digest.h
# say why).
LINK_PKGS   = ncursesw formw lmdb
PKG_LINK    = $(call once,PKG_LINK,pkg-config --libs $(LINK_PKGS) 2>/dev/null)
XLSX_SONAME = $(shell objdump -p "$(shell $(CC) -print-file-name=libxlsxwriter.so)" 2>/dev/null | sed -n 's/^ *SONAME *//p')
CRYPTO_SONAME = $(shell objdump -p "$(shell $(CC) -print-file-name=libcrypto.so)" 2>/dev/null | sed -n 's/^ *SONAME *//p')
# LINK=static (the default): the five small C libraries every start needs
# (libformw, libncursesw, libtinfo, liblmdb, libcsv; ~1 MiB in all) are
# linked into the binary from Debian's -dev packages' archives, so a start
# maps and relocates libc alone: a whole-ID `caiji find` and the TUI's start
# spend their time in the kernel's exec and the dynamic loader (README,
# "Start-up").  They are linked in the order the static archives need.
# LINK=shared links them as shared libraries instead (a distribution that
# wants its security updates of ncurses or LMDB to reach caiji unrebuilt).
LINK    ?= static
ifeq ($(LINK),static)
LIBS     = -Wl,-Bstatic -lformw -lncursesw -ltinfo -llmdb -lcsv -Wl,-Bdynamic -lm
else
LIBS     = $(PKG_LINK) -lcsv -lm
endif

B        = build
SRC      = $(wildcard src/*.c) $(wildcard screens/*.c)
LIBSRC   = $(filter-out src/main.c,$(SRC))
OBJ      = $(patsubst %.c,$(B)/obj/%.o,$(SRC)) $(B)/obj/gen/codelist_data.o
LIBOBJ   = $(patsubst %.c,$(B)/obj/%.o,$(LIBSRC)) $(B)/obj/gen/codelist_data.o
ASANOBJ  = $(patsubst %.c,$(B)/asan/%.o,$(LIBSRC)) $(B)/asan/gen/codelist_data.o
ASANMAIN = $(B)/asan/src/main.o
DATA     = $(sort $(wildcard src/data/*.tsv))
UNITSRC  = $(wildcard tests/unit/test_*.c)
UNITBIN  = $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNITSRC))
ASANBIN  = $(patsubst tests/unit/%.c,$(B)/tests-asan/%,$(UNITSRC))
SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# Debian packages: what `make deps` installs when missing.
DEBS     = libncurses-dev liblmdb-dev lmdb-utils libcsv-dev libcriterion-dev \
           libxlsxwriter-dev libssl-dev tmux pkg-config unzip \
           libcairo2-dev libpango1.0-dev fonts-noto-cjk poppler-utils
# ncurses-base: the terminfo of the five TERM types bench_ui.sh drives
BENCH_DEBS = sqlite3 time dialog ncurses-base
# make check only: the XLSX print layout is checked through LibreOffice's PDF
CHECK_DEBS = libreoffice-calc-nogui poppler-utils
STRESS_DEBS = faketime
FUZZ_DEBS  = clang libclang-rt-14-dev

all: caiji

caiji: $(OBJ) | deps
	$(CC) $(OPT) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(LIBS)

SYSTEST_OBJ = $(patsubst %.c,$(B)/systest/%.o,$(SYSTEST_SRC)) \
              $(filter-out $(patsubst %.c,$(B)/obj/%.o,$(SYSTEST_SRC)),$(OBJ))
$(B)/caiji-systest: $(SYSTEST_OBJ)
	$(CC) $(OPT) $(CFLAGS) $(LDFLAGS) -o $@ $(SYSTEST_OBJ) $(LIBS)
$(B)/systest/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) -UCAIJI_CONF -DCAIJI_CONF='"$(SYSTEST_CONF)"' $(CPPFLAGS) \
	  $(OPT) $(W) $(CFLAGS) -MMD -MP -c -o $@ $<

# The program built with ASan + UBSan, for the second end-to-end run of check.
$(B)/caiji-asan: $(ASANOBJ) $(ASANMAIN) | deps
	$(CC) -O1 -g $(SAN) $(CFLAGS) $(LDFLAGS) -o $@ $(ASANOBJ) $(ASANMAIN) $(LIBS)

# Every object waits for deps (order-only: an installed package rebuilds
# nothing).  Naming them as targets here also keeps make from taking the
# objects only pattern rules need (the unit tests' ASan objects) for
# intermediate files to delete; so no .SECONDARY is needed.
$(OBJ) $(ASANOBJ) $(ASANMAIN) $(UNITBIN) $(ASANBIN): | deps

$(B)/obj/src/xlsx.o $(B)/asan/src/xlsx.o: CPPFLAGS += -DXLSX_SONAME='"$(XLSX_SONAME)"'
$(B)/obj/src/digest.o $(B)/asan/src/digest.o: CPPFLAGS += -DCRYPTO_SONAME='"$(CRYPTO_SONAME)"'

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CPPFLAGS) $(OPT) $(W) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CPPFLAGS) -O1 -g $(SAN) $(W) $(CFLAGS) -MMD -MP -c -o $@ $<

# The code lists: every src/data/*.tsv as one C string, from one place.
$(B)/gen/codelist_data.c: $(DATA) Makefile
	@mkdir -p $(dir $@)
	@{ echo '/* generated from the src/data TSV files by the Makefile: do not edit */'; \
	   echo '#include <stddef.h>'; \
	   echo '#include "codelist_data.h"'; \
	   echo 'const struct cl_blob cl_blobs[] = {'; \
	   for f in $(DATA); do \
	     n=$$(basename $$f .tsv); \
	     printf '{ "%s",\n' "$$n"; \
	     sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $$f; \
	     printf ', %s },\n' "$$(wc -c < $$f)"; \
	   done; \
	   echo '};'; \
	   echo 'const size_t cl_nblobs = sizeof cl_blobs / sizeof cl_blobs[0];'; } > $@.tmp && mv $@.tmp $@

$(B)/obj/gen/codelist_data.o: $(B)/gen/codelist_data.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(OPT) -c -o $@ $<
$(B)/asan/gen/codelist_data.o: $(B)/gen/codelist_data.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) -O1 -g $(SAN) -c -o $@ $<

# Unit tests: one Criterion binary per tests/unit/test_*.c, linked with
# every module but main.c; once plainly and once with ASan + UBSan.
$(B)/tests/%: tests/unit/%.c $(LIBOBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CRIT_CFLAGS) $(OPT) $(W) -Wno-missing-prototypes $(CFLAGS) -o $@ $< $(LIBOBJ) $(CRIT_LIBS) $(LIBS)
$(B)/tests-asan/%: tests/unit/%.c $(ASANOBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CRIT_CFLAGS) -O1 -g $(SAN) $(W) -Wno-missing-prototypes $(CFLAGS) -o $@ $< $(ASANOBJ) $(CRIT_LIBS) $(LIBS)

deps:
	@sh tests/deps.sh $(DEBS)

run: deps
	@$(MAKE) --no-print-directory caiji
	@test -f $(B)/demo-db/data.mdb || ./caiji demo -d $(B)/demo-db
	./caiji -d $(B)/demo-db

unit: $(UNITBIN)
	@sh tests/run-unit.sh $(UNITBIN)

# The sanitizers' options for the ASan builds.  verify_asan_link_order=0: under
# check-stress libfaketime is preloaded ahead of the ASan runtime.  LSan reads
# tests/lsan.supp (the libraries' own leaks, each one explained there), which
# needs whole allocation stacks: fast_unwind_on_malloc=0.
SAN_ENV  = ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:verify_asan_link_order=0:fast_unwind_on_malloc=0 \
           UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
           LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

unit-asan: $(ASANBIN)
	@$(SAN_ENV) UNIT_TAG=unit-asan sh tests/run-unit.sh $(ASANBIN)

e2e: caiji $(B)/caiji-systest
	@sh tests/run-e2e.sh

# The end-to-end scripts again, against the ASan + UBSan program: a test after
# which any sanitizer report (an error, a leak) was written fails.
e2e-asan: $(B)/caiji-asan
	@$(SAN_ENV) CAIJI=$(B)/caiji-asan E2E_TAG=e2e-asan E2E_SAN=1 sh tests/run-e2e.sh

COUNTS   = unit unit-asan e2e e2e-asan

check: deps
	@sh tests/deps.sh $(CHECK_DEBS)
	@$(MAKE) --no-print-directory caiji $(B)/caiji-asan $(B)/caiji-systest $(UNITBIN) $(ASANBIN)
	@rm -f $(COUNTS:%=build/counts/%)
	@fail=0; \
	for t in $(COUNTS); do $(MAKE) --no-print-directory $$t || fail=1; done; \
	for t in $(COUNTS); do \
	  [ -s build/counts/$$t ] || { echo "check: $$t did not run"; fail=1; }; \
	done; \
	cat $(COUNTS:%=build/counts/%) 2>/dev/null | \
	  awk '{p += $$1; f += $$2; s += $$3} \
	    END {printf "check: %d passed, %d failed, %d skipped\n", p, f, s}'; \
	exit $$fail

# make check under load and a year ahead: see tests/run-stress.sh.
check-stress: deps
	@sh tests/deps.sh $(STRESS_DEBS)
	@sh tests/run-stress.sh $(MAKE) --no-print-directory check

bench: deps
	@sh tests/deps.sh $(BENCH_DEBS)
	@$(MAKE) --no-print-directory caiji
	@sh bench/run.sh $(BENCH)

fuzz: deps
	@sh tests/deps.sh $(FUZZ_DEBS)
	@sh tests/fuzz/run.sh

install: caiji
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
ifneq ($(SHARED),)
	@getent group caiji >/dev/null || { echo "make install SHARED=1: run caiji setup --shared DIR first (it creates the group caiji)"; exit 1; }
	install -m 2755 -g caiji caiji $(DESTDIR)$(BINDIR)/caiji
else
	install -m 755 caiji $(DESTDIR)$(BINDIR)/caiji
endif
	install -m 644 man/caiji.1 $(DESTDIR)$(MANDIR)/man1/caiji.1

clean:
	rm -rf $(B) caiji

.PHONY: all deps run unit unit-asan e2e e2e-asan check check-stress bench fuzz install clean

-include $(shell find $(B) -name '*.d' 2>/dev/null)
