#!/usr/bin/env bash
# The program is two files: build/nanbyo-survey (light libraries only) and
# nanbyo-survey-io.so (export, send, print, PC check), loaded on first use.
# Checks: the program binary links none of the big libraries; the quick
# commands work without the plugin; a missing plugin gives one Japanese
# sentence and exit 2 (never a half-done export); an installed copy under
# any PREFIX finds its plugin in PREFIX/lib/nanbyo-survey.
. "$(dirname "$0")/../lib.sh"
build=${NB_BUILD:-$NB_ROOT/build}

libs=$(ldd "$NB_BIN")
t_nomatch "the program links no big library" 'libcurl|libcups|libxlsxwriter|libcairo|libpango|libqrencode|libzbar|libtiff|libsqlite|libgmime|libpoppler|libz\.' "$libs"
t_nomatch "the io plugin links none of collect's libraries" 'libzbar|libtiff|libsqlite|libgmime|libpoppler' "$(ldd "$build/nanbyo-survey-io.so")"
t_match "the collect plugin links them" 'libzbar.*libgmime|libgmime.*libzbar' "$(ldd "$build/nanbyo-survey-collect.so" | tr '\n' ' ')"
t_match "the plugin links the big libraries" 'libcurl.*libcups|libcups.*libcurl|libxlsxwriter' \
    "$(ldd "$build/nanbyo-survey-io.so" | tr '\n' ' ')"

export NANBYO_IO_PLUGIN=$T_TMP/missing/nanbyo-survey-io.so
t_run calc 120000
t_eq "calc works without the plugin" 0 "$RC"
t_run validate "$FIX/valid.json"
t_eq "validate works without the plugin" 0 "$RC"
t_run export "$FIX/valid.json" --xlsx "$T_TMP/x.xlsx"
t_eq "export without the plugin exits 2" 2 "$RC"
t_match "and says which part is missing, in Japanese" '部品を読み込めません。インストールし直してください.*ファイル: .*/missing/nanbyo-survey-io.so' "$ERR"
t_eq "and writes nothing" "no" "$([ -e "$T_TMP/x.xlsx" ] && echo yes || echo no)"
t_run check --no-network
t_eq "check without the plugin exits 2 too" 2 "$RC"
unset NANBYO_IO_PLUGIN
NANBYO_COLLECT_PLUGIN=$T_TMP/missing/nanbyo-survey-collect.so t_run collect "$FIX/valid.json"
t_eq "collect without its plugin exits 2" 2 "$RC"
t_match "and names the collect part" '回答の集計 \(collect\)の部品を読み込めません。.*nanbyo-survey-collect.so' "$ERR"

# A plugin that is not a shared object: refused in words, exit 2.
printf 'not an ELF file\n' >"$T_TMP/bad.so"
OUT=$(NANBYO_IO_PLUGIN=$T_TMP/bad.so "$NB_BIN" export "$FIX/valid.json" --xlsx "$T_TMP/y.xlsx" 2>&1); RC=$?
t_eq "a broken plugin exits 2" 2 "$RC"
t_match "and is named" "部品を読み込めません。.*ファイル: $T_TMP/bad.so" "$OUT"

# make install into a staging folder; the installed program finds its
# plugin and forms relative to its own bin/ folder.
# (Only for the normal build: the sanitizer rerun must not relink its
# build folder with other flags.)
if [ "$build" != "$NB_ROOT/build" ]; then
    ok "make install staging # SKIP only checked for the normal build"
    t_done
fi
unset MAKEFLAGS MFLAGS MAKELEVEL
stage=$T_TMP/stage
if make -C "$NB_ROOT" --no-print-directory BUILD="${build#"$NB_ROOT"/}" PREFIX=/opt/nb DESTDIR="$stage" install \
        >"$T_TMP/install.log" 2>&1; then
    ok "make install PREFIX=/opt/nb DESTDIR=stage"
else
    not_ok "make install PREFIX=/opt/nb DESTDIR=stage" "$(tail -n 20 "$T_TMP/install.log")"
fi
t_eq "plugin installed under PREFIX/lib/nanbyo-survey" yes \
    "$([ -f "$stage/opt/nb/lib/nanbyo-survey/nanbyo-survey-io.so" ] && echo yes || echo no)"
OUT=$("$stage/opt/nb/bin/nanbyo-survey" export "$FIX/valid.json" --xlsx "$T_TMP/inst.xlsx" 2>&1); RC=$?
t_eq "the installed program exports (exit 0)" 0 "$RC"
t_eq "and wrote the workbook" yes "$([ -s "$T_TMP/inst.xlsx" ] && echo yes || echo no)"
t_done
