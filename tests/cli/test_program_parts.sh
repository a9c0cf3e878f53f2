#!/usr/bin/env bash
# The program is build/nanbyo-survey (light libraries only) and parts
# loaded on first use, by need (docs/core.md, "部品"): io (the commands,
# the PC check, CSV, e-mail), docs (xlsx, PDF), net (SMTP, HTTPS), print
# (CUPS) and collect. Checks: the program links none of the big libraries
# and each part only its own; what each command really maps (LD_DEBUG);
# the quick commands work without the parts; a missing part or one from
# another build (its stamp) gives one Japanese sentence and exit 2 (never a
# half-done export); an installed copy under any PREFIX finds every part
# in PREFIX/lib/nanbyo-survey.
. "$(dirname "$0")/../lib.sh"
build=${NB_BUILD:-$NB_ROOT/build}

libs=$(ldd "$NB_BIN")
t_nomatch "the program links no big library" 'libcurl|libcups|libxlsxwriter|libcairo|libpango|libqrencode|libzbar|libtiff|libsqlite|libgmime|libpoppler|libz\.' "$libs"
t_nomatch "the io part links no big library either" 'libcurl|libcups|libxlsxwriter|libcairo|libpango|libqrencode|libzbar|libtiff|libsqlite|libgmime|libpoppler|libz\.' \
    "$(ldd "$build/nanbyo-survey-io.so")"
t_match "the collect part links collect's libraries" 'libzbar.*libgmime|libgmime.*libzbar' "$(ldd "$build/nanbyo-survey-collect.so" | tr '\n' ' ')"
docs=$(ldd "$build/nanbyo-survey-docs.so" | tr '\n' ' ')
t_match "the docs part links libxlsxwriter, cairo, pango and libqrencode" 'libxlsxwriter.*libpango.*libcairo.*libqrencode' "$docs"
t_nomatch "but neither libcurl nor libcups" 'libcurl|libcups' "$docs"
t_match "the net part links libcurl" 'libcurl' "$(ldd "$build/nanbyo-survey-net.so")"
t_nomatch "and no document or printing library" 'libcups|libxlsxwriter|libcairo|libpango' "$(ldd "$build/nanbyo-survey-net.so")"
t_match "the print part links libcups" 'libcups' "$(ldd "$build/nanbyo-survey-print.so")"
t_nomatch "and no document or mail library" 'libcurl|libxlsxwriter|libcairo|libpango' "$(ldd "$build/nanbyo-survey-print.so")"

# What each command really maps: the loader's own record of every file it
# opened (LD_DEBUG=files), so a part pulled in by accident shows here.
maps() { LD_DEBUG=files "$NB_BIN" "$@" 2>&1 >/dev/null | grep -o 'file=[^ ]*' | sort -u | tr '\n' ' '; }
m=$(maps check --no-network --json)
t_match "check --no-network loads the io part" 'nanbyo-survey-io\.so' "$m"
t_nomatch "and no document or network library" 'libcairo|libpango|libxlsxwriter|libqrencode|libcurl|nanbyo-survey-(docs|net)' "$m"
# The printer check is local and asks CUPS, so it loads the print part
# (libcups) and nothing else heavy.
t_match "its printer check loads the print part" 'nanbyo-survey-print\.so.*libcups|libcups.*nanbyo-survey-print\.so' "$m"
m=$(maps export "$FIX/valid.json" --csv "$T_TMP/m.csv")
t_match "export --csv loads the io part" 'nanbyo-survey-io\.so' "$m"
t_nomatch "and no document, network or printing library" \
    'libcairo|libpango|libxlsxwriter|libqrencode|libcurl|libcups|nanbyo-survey-(docs|net|print)' "$m"
m=$(maps export "$FIX/valid.json" --xlsx "$T_TMP/m.xlsx")
t_match "export --xlsx loads the docs part and libxlsxwriter" 'nanbyo-survey-docs\.so.*libxlsxwriter|libxlsxwriter.*nanbyo-survey-docs\.so' "$m"
t_nomatch "but neither libcurl nor libcups" 'libcurl|libcups|nanbyo-survey-(net|print)' "$m"
m=$(maps validate "$FIX/valid.json")
t_nomatch "validate loads no part at all" 'nanbyo-survey-|libcairo|libcurl|libcups|libxlsxwriter' "$m"

# The CSV needs no document part: it is written with that part missing.
NANBYO_DOCS_PLUGIN=$T_TMP/missing/nanbyo-survey-docs.so t_run export "$FIX/valid.json" --csv "$T_TMP/nodocs.csv"
t_eq "export --csv works without the docs part" 0 "$RC"
NANBYO_DOCS_PLUGIN=$T_TMP/missing/nanbyo-survey-docs.so t_run export "$FIX/valid.json" --pdf "$T_TMP/nodocs.pdf"
t_eq "export --pdf without it exits 2" 2 "$RC"
t_match "and names that part" 'Excel・PDF の作成の部品を読み込めません。インストールし直してください.*nanbyo-survey-docs.so' "$ERR"
# The formats table names the part each output needs; export loads them
# all before writing the first, so the CSV is not left alone when the
# e-mail (which attaches the xlsx and the PDF) cannot be made.
NANBYO_DOCS_PLUGIN=$T_TMP/missing/nanbyo-survey-docs.so t_run export "$FIX/valid.json" --csv "$T_TMP/half.csv" --eml "$T_TMP/half.eml"
t_eq "export --csv --eml without the docs part exits 2" 2 "$RC"
t_eq "before writing the CSV" "no" "$([ -e "$T_TMP/half.csv" ] && echo yes || echo no)"

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

# A part from another build: its stamp differs from the program's. The
# copy differs from the real part only in the stamp's digits.
stamped() { # FILE OUT: a copy of FILE whose stamp reads 0000...
    python3 - "$1" "$2" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
m = re.search(rb"nanbyo-survey-abi:([0-9]+)", data)
if not m:
    sys.exit("no stamp in " + sys.argv[1])
fake = b"0" * len(m.group(1)) if set(m.group(1)) != {ord("0")} else b"1" * len(m.group(1))
open(sys.argv[2], "wb").write(data[:m.start(1)] + fake + data[m.end(1):])
PY
}
if stamped "$build/nanbyo-survey-io.so" "$T_TMP/old-io.so"; then
    OUT=$(NANBYO_IO_PLUGIN=$T_TMP/old-io.so "$NB_BIN" export "$FIX/valid.json" --csv "$T_TMP/old.csv" 2>&1); RC=$?
    t_eq "a part with another stamp exits 2" 2 "$RC"
    t_match "and is refused in one sentence naming the file and what to do" \
        "^nanbyo-survey: 書き出し・送信・印刷・PC確認の部品 $T_TMP/old-io.so はこのプログラムと版が違うため、プログラムと一緒に入れ直してください \(make install、または make で作り直す\)。$" "$OUT"
    t_eq "and nothing is written" "no" "$([ -e "$T_TMP/old.csv" ] && echo yes || echo no)"
else
    not_ok "the io part carries a stamp" "no nanbyo-survey-abi: in $build/nanbyo-survey-io.so"
fi
if stamped "$build/nanbyo-survey-docs.so" "$T_TMP/old-docs.so"; then
    OUT=$(NANBYO_DOCS_PLUGIN=$T_TMP/old-docs.so "$NB_BIN" export "$FIX/valid.json" --xlsx "$T_TMP/old.xlsx" 2>&1); RC=$?
    t_eq "a docs part with another stamp exits 2 too (checked by the io part)" 2 "$RC"
    t_match "and is named" "Excel・PDF の作成の部品 $T_TMP/old-docs.so はこのプログラムと版が違うため" "$OUT"
    t_eq "and no workbook is written" "no" "$([ -e "$T_TMP/old.xlsx" ] && echo yes || echo no)"
else
    not_ok "the docs part carries a stamp" "no nanbyo-survey-abi: in $build/nanbyo-survey-docs.so"
fi

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
for part in io docs net print collect; do
    t_eq "the $part part is installed under PREFIX/lib/nanbyo-survey" yes \
        "$([ -f "$stage/opt/nb/lib/nanbyo-survey/nanbyo-survey-$part.so" ] && echo yes || echo no)"
done
OUT=$("$stage/opt/nb/bin/nanbyo-survey" export "$FIX/valid.json" --xlsx "$T_TMP/inst.xlsx" 2>&1); RC=$?
t_eq "the installed program exports (exit 0)" 0 "$RC"
t_eq "and wrote the workbook" yes "$([ -s "$T_TMP/inst.xlsx" ] && echo yes || echo no)"
m=$(LD_DEBUG=files "$stage/opt/nb/bin/nanbyo-survey" export "$FIX/valid.json" --xlsx "$T_TMP/inst2.xlsx" 2>&1 >/dev/null)
t_match "with the installed io and docs parts" "file=$stage/opt/nb/bin/../lib/nanbyo-survey/nanbyo-survey-io.so.*file=$stage/opt/nb/bin/../lib/nanbyo-survey/nanbyo-survey-docs.so" \
    "$(printf '%s' "$m" | tr '\n' ' ')"
t_done
