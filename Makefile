# nanbyo-survey build. Sources are found by folder so that adding a module
# needs no Makefile edit: every src/**/*.c except src/cli/main.c goes into
# build/libnanbyo.a; every tests/unit/test_*.c becomes one cmocka program.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build

# libcups ships no .pc file on Debian 12: cups-config gives its flags.
PKGS := ncursesw libutf8proc yaml-0.1 libcjson xlsxwriter libcurl cairo pangocairo
TEST_PKGS := cmocka

CC      ?= cc
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -D_XOPEN_SOURCE_EXTENDED
WARN    := -Wall -Wextra -Werror
OPT     ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS)) $(shell cups-config --cflags 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) $(shell cups-config --libs 2>/dev/null) -lpthread -lm
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(SAN) -Iinclude $(PKG_CFLAGS) \
             -DNB_DATADIR='"$(PREFIX)/share/nanbyo-survey"' $(CFLAGS)
LDFLAGS_ALL = $(SAN) $(LDFLAGS)

LIB_SRC  := $(shell find src -name '*.c' ! -path 'src/cli/main.c' | sort)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

.PHONY: all deps run check unit bench fuzz install clean asan fuzz-bins fuzz-replay san-aux

all: $(BUILD)/nanbyo-survey

deps:
	@scripts/install-deps.sh build

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/libnanbyo.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/nanbyo-survey: $(BUILD)/obj/src/cli/main.o $(BUILD)/libnanbyo.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libnanbyo.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(shell pkg-config --cflags $(TEST_PKGS)) -o $@ $< \
	    $(LDFLAGS_ALL) $(BUILD)/libnanbyo.a $(PKG_LIBS) $(shell pkg-config --libs $(TEST_PKGS))

unit: $(UNIT_BIN)

# The two commands a user needs. Both install missing Debian packages first.
run:
	@scripts/install-deps.sh build
	@$(MAKE) --no-print-directory all
	@$(BUILD)/nanbyo-survey $(ARGS)

check:
	@scripts/install-deps.sh build check
	@$(MAKE) --no-print-directory all unit
	@tests/run.sh $(BUILD)

bench:
	@scripts/install-deps.sh build check bench
	@$(MAKE) --no-print-directory all
	@bench/run.sh $(BUILD)

fuzz:
	@scripts/install-deps.sh build fuzz
	@tests/fuzz/run.sh $(FUZZ_TARGETS)

install: $(BUILD)/nanbyo-survey
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/nanbyo-survey/forms \
	           $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 $(BUILD)/nanbyo-survey $(DESTDIR)$(PREFIX)/bin/nanbyo-survey
	install -m 0644 forms/*.yaml $(DESTDIR)$(PREFIX)/share/nanbyo-survey/forms/
	install -m 0644 man/nanbyo-survey.1 $(DESTDIR)$(PREFIX)/share/man/man1/nanbyo-survey.1

clean:
	rm -rf $(BUILD)

# --- Hardening (docs/harden.md) -------------------------------------------
# The same sources built again with sanitizers into their own BUILD folder,
# so the normal build is never touched:
#   make asan          AddressSanitizer + UBSan build in build-asan (clang:
#                      gcc 12's UBSan ignores log_path, and the tests need
#                      every report in a file): program, unit tests, fuzz
#                      replayers, crash-test helpers
#   make fuzz          libFuzzer targets (clang) run for FUZZ_SECONDS each
ASAN_CC    ?= $(firstword $(shell command -v clang clang-14 2>/dev/null) clang)
ASAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_FLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer
FUZZ_BIN   := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
REPLAY_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz-replay/%)
SAN_AUX    := $(BUILD)/san/crash_saver $(BUILD)/san/failwrite.so

asan:
	@$(MAKE) --no-print-directory BUILD=build-asan CC=$(ASAN_CC) SAN='$(ASAN_FLAGS)' OPT='-O1 -g' \
	    all unit fuzz-replay san-aux

# Built with CC=clang and SAN=$(FUZZ_FLAGS) by tests/fuzz/run.sh.
fuzz-bins: $(FUZZ_BIN)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(BUILD)/libnanbyo.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -DNB_SOURCE_ROOT='"$(CURDIR)"' -o $@ $< \
	    $(LDFLAGS_ALL) -fsanitize=fuzzer $(BUILD)/libnanbyo.a $(PKG_LIBS)

# The fuzz targets with a plain main() that replays files: runs the seed and
# regression corpora in make check without needing clang.
fuzz-replay: $(REPLAY_BIN)

$(BUILD)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/replay_main.c $(BUILD)/libnanbyo.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -DNB_SOURCE_ROOT='"$(CURDIR)"' -o $@ $< tests/fuzz/replay_main.c \
	    $(LDFLAGS_ALL) $(BUILD)/libnanbyo.a $(PKG_LIBS)

san-aux: $(SAN_AUX)

$(BUILD)/san/crash_saver: tests/san/crash_saver.c $(BUILD)/libnanbyo.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LDFLAGS_ALL) $(BUILD)/libnanbyo.a $(PKG_LIBS)

# LD_PRELOAD shim that makes writes fail with ENOSPC (no sanitizer: it is
# preloaded into programs that may not carry the ASan runtime).
$(BUILD)/san/failwrite.so: tests/san/failwrite.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O2 -fPIC -shared -o $@ $< -ldl

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
