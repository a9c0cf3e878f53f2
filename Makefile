# nanbyo-survey build. Sources are found by folder so that adding a module
# needs no Makefile edit: every src/**/*.c except src/cli/main.c and the
# loader (src/ioload) goes into build/libnanbyo.a, which unit tests and
# fuzzers link; every tests/unit/test_*.c becomes one cmocka program.
#
# The program itself is one small program and parts loaded on first use,
# by need (docs/core.md, "部品"; the lists are below, "What goes where"):
#   build/nanbyo-survey            the questionnaire and the quick commands,
#                                  linked only with the light libraries
#   build/nanbyo-survey-io.so      export, send, print, check: the PC check,
#                                  CSV and the e-mail (light libraries only)
#   build/nanbyo-survey-docs.so    xlsx and PDF (libxlsxwriter, cairo/pango,
#                                  libqrencode, zlib; libzip reads each
#                                  workbook back before it is kept)
#   build/nanbyo-survey-net.so     SMTP and the HTTPS check (libcurl)
#   build/nanbyo-survey-print.so   printing and the printer check (libcups)
#   build/nanbyo-survey-collect.so collect (the prefecture's side), with
#                                  libzbar, libtiff, sqlite3, GMime, poppler,
#                                  libxlsxwriter, libzip and libxml2 (an xlsx
#                                  sent alone); loaded only by collect

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build

# libcups ships no .pc file on Debian 12: cups-config gives its flags.
LIGHT_PKGS := ncursesw libutf8proc yaml-0.1 libcjson
DOCS_PKGS := xlsxwriter cairo pangocairo pangoft2 fontconfig zlib libqrencode libzip
NET_PKGS := libcurl
PKGS := $(LIGHT_PKGS) $(DOCS_PKGS) $(NET_PKGS)
COLLECT_PKGS := zbar libtiff-4 sqlite3 gmime-3.0 poppler-glib glib-2.0 cairo xlsxwriter zlib libzip libxml-2.0
TEST_PKGS := cmocka

CC      ?= cc
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -D_XOPEN_SOURCE_EXTENDED
WARN    := -Wall -Wextra -Werror
OPT     ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) $(COLLECT_PKGS)) $(shell cups-config --cflags 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) $(shell cups-config --libs 2>/dev/null) -lpthread -lm
LIGHT_LIBS = $(shell pkg-config --libs $(LIGHT_PKGS)) -ldl -lpthread -lm
DOCS_LIBS = $(shell pkg-config --libs $(LIGHT_PKGS) $(DOCS_PKGS)) -lpthread -lm
NET_LIBS = $(shell pkg-config --libs $(LIGHT_PKGS) $(NET_PKGS)) -lpthread -lm
PRINT_LIBS = $(shell pkg-config --libs $(LIGHT_PKGS)) $(shell cups-config --libs 2>/dev/null) -lpthread -lm
COLLECT_LIBS = $(shell pkg-config --libs $(LIGHT_PKGS) $(COLLECT_PKGS)) -lpthread -lm
# what links every real function: unit tests, fuzzers, helpers
ALL_LIBS = $(PKG_LIBS) $(shell pkg-config --libs $(COLLECT_PKGS))
# -fPIC: the same objects go into the program and into the shared object.
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(SAN) -fPIC -Iinclude $(PKG_CFLAGS) \
             -DNB_DATADIR='"$(PREFIX)/share/nanbyo-survey"' \
             -DNB_LIBDIR='"$(PREFIX)/lib/nanbyo-survey"' $(CFLAGS)
LDFLAGS_ALL = $(SAN) $(LDFLAGS)

LIB_SRC  := $(shell find src -name '*.c' ! -path 'src/cli/main.c' ! -path 'src/ioload/*' ! -path 'src/check/win/*' | sort)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)

# --- What goes where (docs/core.md, "部品") --------------------------------
# Each part's own files, listed by what they need. Every other file of
# src/ is light shared code in build/libnanbyo-light.a, from which the
# program and each part take only what they call (the archive is why the
# io part, which calls the PC check, CSV and the e-mail, has a short list).
# A call across parts goes through a stand-in (src/ioload/plugin_fns.h).
IO_SRC      := src/cli/cmd_check.c src/cli/cmd_check_import.c src/cli/cmd_export.c \
               src/cli/cmd_send.c src/cli/cmd_print.c
DOCS_SRC    := $(sort $(wildcard src/export/pdf*.c src/export/xlsx*.c src/qrpay/*.c src/zipmem/*.c))
NET_SRC     := src/deliver/smtp.c src/check/net_https.c
PRINT_SRC   := src/deliver/print.c src/check/cups_printers.c
COLLECT_SRC := $(sort $(wildcard src/collect/*.c src/qrpay/*.c src/zipmem/*.c)) src/cli/cmd_collect.c
PARTS_SRC   := $(IO_SRC) $(DOCS_SRC) $(NET_SRC) $(PRINT_SRC) $(COLLECT_SRC)
LIGHT_SRC   := $(filter-out $(PARTS_SRC),$(LIB_SRC))
obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
# The loader and the build's stamp go into the program and the io part
# (which loads docs, net and print); every part carries the stamp.
STAMP_OBJ   := $(BUILD)/obj/src/ioload/abi_stamp.o
LOADER_OBJ  := $(BUILD)/obj/src/ioload/io_plugin.o $(STAMP_OBJ)
PLUGIN_DEFS := $(if $(SAN),,-Wl,-z,defs)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

.PHONY: all deps run check unit bench fuzz install clean asan fuzz-bins fuzz-replay san-aux \
        windows dist-windows

PARTS := io docs net print collect
all: $(BUILD)/nanbyo-survey $(PARTS:%=$(BUILD)/nanbyo-survey-%.so)

deps:
	@scripts/install-deps.sh build

$(BUILD)/obj/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/libnanbyo.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libnanbyo-light.a: $(call obj,$(LIGHT_SRC))
	@rm -f $@
	ar rcs $@ $^

# The stamp: the public headers and the list of functions across parts. A
# part built from other headers is refused with one sentence (io_plugin.c).
ABI_STAMP := $(shell cat $(sort $(wildcard include/nanbyo/*.h)) src/ioload/plugin_fns.h | cksum | cut -d' ' -f1)
$(STAMP_OBJ): CFLAGS_ALL += -DNB_ABI_STAMP='"$(ABI_STAMP)"'
$(STAMP_OBJ): $(wildcard include/nanbyo/*.h) src/ioload/plugin_fns.h

$(BUILD)/nanbyo-survey: $(call obj,src/cli/main.c src/ioload/standins_program.c) $(LOADER_OBJ) $(BUILD)/libnanbyo-light.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIGHT_LIBS)

# Each part binds its own copies of the shared code (-Bsymbolic), so its
# internal calls never land on the program's stand-ins, and with -z defs
# (outside sanitizer builds) needs nothing from the program.
PART_LINK = $(CC) $(LDFLAGS_ALL) -shared -Wl,-Bsymbolic $(PLUGIN_DEFS) -o $@ $^
$(BUILD)/nanbyo-survey-io.so: $(call obj,$(IO_SRC) src/ioload/standins_io.c) $(LOADER_OBJ) $(BUILD)/libnanbyo-light.a
	$(PART_LINK) $(LIGHT_LIBS)
$(BUILD)/nanbyo-survey-docs.so: $(call obj,$(DOCS_SRC)) $(STAMP_OBJ) $(BUILD)/libnanbyo-light.a
	$(PART_LINK) $(DOCS_LIBS)
$(BUILD)/nanbyo-survey-net.so: $(call obj,$(NET_SRC)) $(STAMP_OBJ) $(BUILD)/libnanbyo-light.a
	$(PART_LINK) $(NET_LIBS)
$(BUILD)/nanbyo-survey-print.so: $(call obj,$(PRINT_SRC)) $(STAMP_OBJ) $(BUILD)/libnanbyo-light.a
	$(PART_LINK) $(PRINT_LIBS)
$(BUILD)/nanbyo-survey-collect.so: $(call obj,$(COLLECT_SRC)) $(STAMP_OBJ) $(BUILD)/libnanbyo-light.a
	$(PART_LINK) $(COLLECT_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libnanbyo.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(shell pkg-config --cflags $(TEST_PKGS)) -o $@ $< \
	    $(LDFLAGS_ALL) $(BUILD)/libnanbyo.a $(ALL_LIBS) $(shell pkg-config --libs $(TEST_PKGS))

unit: $(UNIT_BIN) $(BUILD)/tools/fax_sim

# The fax line simulator of the collect tests (tests/tools/fax_sim.c).
$(BUILD)/tools/fax_sim: tests/tools/fax_sim.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O2 -o $@ $< $(shell pkg-config --cflags --libs libtiff-4) -lm

# The two commands a user needs. Both install missing Debian packages first.
run:
	@scripts/install-deps.sh build
	@$(MAKE) --no-print-directory all
	@$(BUILD)/nanbyo-survey $(ARGS)

check:
	@scripts/install-deps.sh build check
	@$(MAKE) --no-print-directory all unit windows
	@tests/run.sh $(BUILD)

bench:
	@scripts/install-deps.sh build check bench
	@$(MAKE) --no-print-directory all windows $(BUILD)/tools/fax_sim
	@bench/run.sh $(BUILD)

fuzz:
	@scripts/install-deps.sh build fuzz
	@tests/fuzz/run.sh $(FUZZ_TARGETS)

# The installed program finds its forms and its parts relative to its
# bin/ folder, so PREFIX may differ from the one it was built with.
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/nanbyo-survey/forms \
	           $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/lib/nanbyo-survey
	install -m 0755 $(BUILD)/nanbyo-survey $(DESTDIR)$(PREFIX)/bin/nanbyo-survey
	install -m 0644 $(PARTS:%=$(BUILD)/nanbyo-survey-%.so) $(DESTDIR)$(PREFIX)/lib/nanbyo-survey/
	install -m 0644 forms/*.yaml $(DESTDIR)$(PREFIX)/share/nanbyo-survey/forms/
	install -m 0644 man/nanbyo-survey.1 $(DESTDIR)$(PREFIX)/share/man/man1/nanbyo-survey.1
	install -d $(DESTDIR)$(PREFIX)/share/doc/nanbyo-survey
	install -m 0644 docs/手引き.md $(DESTDIR)$(PREFIX)/share/doc/nanbyo-survey/手引き.md

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
	    $(LDFLAGS_ALL) -fsanitize=fuzzer $(BUILD)/libnanbyo.a $(ALL_LIBS)

# The fuzz targets with a plain main() that replays files: runs the seed and
# regression corpora in make check without needing clang.
fuzz-replay: $(REPLAY_BIN)

$(BUILD)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/replay_main.c $(BUILD)/libnanbyo.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -DNB_SOURCE_ROOT='"$(CURDIR)"' -o $@ $< tests/fuzz/replay_main.c \
	    $(LDFLAGS_ALL) $(BUILD)/libnanbyo.a $(ALL_LIBS)

san-aux: $(SAN_AUX)

$(BUILD)/san/crash_saver: tests/san/crash_saver.c $(BUILD)/libnanbyo.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LDFLAGS_ALL) $(BUILD)/libnanbyo.a $(ALL_LIBS)

# LD_PRELOAD shim that makes writes fail with ENOSPC (no sanitizer: it is
# preloaded into programs that may not carry the ASan runtime).
$(BUILD)/san/failwrite.so: tests/san/failwrite.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O2 -fPIC -shared -o $@ $< -ldl

# --- nanbyo-check.exe (docs/check.md, "Windows") ---------------------------
# The PC check for the Windows PC itself, cross-built with mingw-w64. Only
# the shared pure C of the check (the table, the rules, the .ovpn parser,
# the requirements file, a JSON writer), xalloc and nb_buf (it allocates
# like the Linux build) and the Windows probes go in; it
# links system DLLs only. Its default thresholds are the definition's,
# written by the built `nanbyo-survey requirements` and embedded.
WIN_CC     ?= x86_64-w64-mingw32-gcc
WIN_FORM   ?= yamaguchi-r8
WIN_CFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -Iinclude -D__USE_MINGW_ANSI_STDIO=1 \
              -DWIN32_LEAN_AND_MEAN -D_WIN32_WINNT=0x0A00 -DUNICODE -D_UNICODE
WIN_LIBS   := -static-libgcc -lwinhttp -lws2_32 -lwinspool -lcrypt32 -ladvapi32 -luser32 -lkernel32
WIN_SHARED := src/check/rules.c src/check/status_names.c src/check/ovpn.c src/check/checks.c \
              src/check/requirements.c src/check/json_out.c src/check/net_pure.c src/check/net_addr.c \
              src/check/vpn_remotes.c \
              src/core/error.c src/core/quote.c src/core/utf8.c src/core/xalloc.c src/core/buf.c
WIN_OBJ    := $(patsubst %.c,$(BUILD)/windows/obj/%.o,$(WIN_SHARED) $(sort $(wildcard src/check/win/*.c)))
WIN_EXE    := $(BUILD)/windows/nanbyo-check.exe

windows: $(WIN_EXE) $(BUILD)/windows/verdicts.exe $(BUILD)/tests/verdicts $(BUILD)/windows/nomem.exe

$(BUILD)/windows/obj/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	$(WIN_CC) $(WIN_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/windows/requirements.txt: $(BUILD)/nanbyo-survey forms/$(WIN_FORM).yaml
	@mkdir -p $(dir $@)
	$(BUILD)/nanbyo-survey requirements --form forms/$(WIN_FORM).yaml > $@.tmp && mv $@.tmp $@

$(BUILD)/windows/default_requirements.c: $(BUILD)/windows/requirements.txt scripts/embed-text.sh
	scripts/embed-text.sh nb_default_requirements $< '組み込みの要件 ($(WIN_FORM))' > $@.tmp && mv $@.tmp $@

$(WIN_EXE): $(WIN_OBJ) $(BUILD)/windows/default_requirements.c
	$(WIN_CC) $(WIN_CFLAGS) -municode -o $@ $^ $(WIN_LIBS)

# The zip for the clinics: the .exe and はじめにお読みください.txt (BOM, CRLF).
dist-windows: $(WIN_EXE)
	scripts/dist-windows.sh $(WIN_EXE) $(BUILD)/dist/nanbyo-check-windows.zip

# The rules' verdicts on fixed facts, built for both platforms: the
# Windows tests compare the two outputs byte for byte.
$(BUILD)/windows/verdicts.exe: tests/win/verdicts.c $(filter-out %/main.o,$(WIN_OBJ)) $(BUILD)/windows/default_requirements.c
	$(WIN_CC) $(WIN_CFLAGS) -o $@ $^ $(WIN_LIBS)

# Runs out of memory with the .exe's console set up: how the sentence of
# xalloc reaches the user on Windows.
$(BUILD)/windows/nomem.exe: tests/win/nomem.c $(filter-out %/main.o,$(WIN_OBJ))
	$(WIN_CC) $(WIN_CFLAGS) -o $@ $^ $(WIN_LIBS)

$(BUILD)/tests/verdicts: tests/win/verdicts.c $(BUILD)/libnanbyo.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LDFLAGS_ALL) $(BUILD)/libnanbyo.a $(PKG_LIBS)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
