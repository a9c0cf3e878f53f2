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

.PHONY: all deps run check unit bench fuzz install clean

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
	@tests/fuzz/run.sh

install: $(BUILD)/nanbyo-survey
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/nanbyo-survey/forms \
	           $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 $(BUILD)/nanbyo-survey $(DESTDIR)$(PREFIX)/bin/nanbyo-survey
	install -m 0644 forms/*.yaml $(DESTDIR)$(PREFIX)/share/nanbyo-survey/forms/
	install -m 0644 man/nanbyo-survey.1 $(DESTDIR)$(PREFIX)/share/man/man1/nanbyo-survey.1

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
