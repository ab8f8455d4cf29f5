# caiji - 党组织和党员基本信息采集
#
#   make           build ./caiji
#   make deps      install missing Debian packages (apt-get; sudo when not root)
#   make run       deps + build + open the TUI on the demo database (build/demo-db)
#   make check     deps + build + every test (Criterion units, ASan/UBSan units, tmux end-to-end)
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
PKGS     = ncursesw formw lmdb xlsxwriter libcrypto
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CRIT_CFLAGS := $(shell pkg-config --cflags criterion 2>/dev/null)
CRIT_LIBS   := $(shell pkg-config --libs criterion 2>/dev/null)
CONF    ?= /etc/caiji.conf
CPPFLAGS_ALL = -std=c11 -D_GNU_SOURCE -Iinclude -Ibuild/gen $(PKG_CFLAGS) \
           -DCAIJI_CONF='"$(CONF)"'
# The e2e tests of shared mode (run as root) install this build setgid: its
# configuration file is in a root-only directory instead of /etc.
SYSTEST_CONF = /run/caiji-e2e/caiji.conf
SYSTEST_SRC  = src/app.c src/cmd.c src/cmd-setup.c
CFLAGS  ?=
LIBS     = $(PKG_LIBS) -lcsv -lm

B        = build
SRC      = $(wildcard src/*.c) $(wildcard screens/*.c)
LIBSRC   = $(filter-out src/main.c,$(SRC))
OBJ      = $(patsubst %.c,$(B)/obj/%.o,$(SRC)) $(B)/obj/gen/codelist_data.o
LIBOBJ   = $(patsubst %.c,$(B)/obj/%.o,$(LIBSRC)) $(B)/obj/gen/codelist_data.o
ASANOBJ  = $(patsubst %.c,$(B)/asan/%.o,$(LIBSRC)) $(B)/asan/gen/codelist_data.o
DATA     = $(sort $(wildcard src/data/*.tsv))
UNITSRC  = $(wildcard tests/unit/test_*.c)
UNITBIN  = $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNITSRC))
ASANBIN  = $(patsubst tests/unit/%.c,$(B)/tests-asan/%,$(UNITSRC))
SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# Debian packages: what `make deps` installs when missing.
DEBS     = libncurses-dev liblmdb-dev lmdb-utils libcsv-dev libcriterion-dev \
           libxlsxwriter-dev libssl-dev tmux pkg-config unzip
BENCH_DEBS = sqlite3 time dialog
FUZZ_DEBS  = clang libclang-rt-14-dev

all: caiji

caiji: $(OBJ)
	$(CC) $(OPT) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(LIBS)

SYSTEST_OBJ = $(patsubst %.c,$(B)/systest/%.o,$(SYSTEST_SRC)) \
              $(filter-out $(patsubst %.c,$(B)/obj/%.o,$(SYSTEST_SRC)),$(OBJ))
$(B)/caiji-systest: $(SYSTEST_OBJ)
	$(CC) $(OPT) $(CFLAGS) $(LDFLAGS) -o $@ $(SYSTEST_OBJ) $(LIBS)
$(B)/systest/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) -UCAIJI_CONF -DCAIJI_CONF='"$(SYSTEST_CONF)"' $(CPPFLAGS) \
	  $(OPT) $(W) $(CFLAGS) -MMD -MP -c -o $@ $<

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

unit-asan: $(ASANBIN)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  UNIT_TAG=unit-asan sh tests/run-unit.sh $(ASANBIN)

e2e: caiji $(B)/caiji-systest
	@sh tests/run-e2e.sh

check: deps
	@$(MAKE) --no-print-directory caiji $(B)/caiji-systest $(UNITBIN) $(ASANBIN)
	@fail=0; \
	$(MAKE) --no-print-directory unit || fail=1; \
	$(MAKE) --no-print-directory unit-asan || fail=1; \
	$(MAKE) --no-print-directory e2e || fail=1; \
	cat build/counts/unit build/counts/unit-asan build/counts/e2e 2>/dev/null | \
	  awk '{p += $$1; f += $$2} END {printf "check: %d passed, %d failed\n", p, f}'; \
	exit $$fail

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

.PHONY: all deps run unit unit-asan e2e check bench fuzz install clean
.SECONDARY:

-include $(shell find $(B) -name '*.d' 2>/dev/null)
