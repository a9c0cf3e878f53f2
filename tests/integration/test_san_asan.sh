#!/usr/bin/env bash
# nb-test-timeout: 3600
# The unit tests, the command tests and the fuzz corpora again, built with
# AddressSanitizer + UndefinedBehaviorSanitizer (gcc, build-asan/): any
# report fails. Reports go to files (log_path) rather than stderr, so a
# memory error is caught even where a test expects a non-zero exit or
# checks stderr; halt_on_error and -fno-sanitize-recover stop at the first.
# One TAP line per program or script. NB_SAN_LAYERS picks the script
# folders (default "cli integration e2e"); this file and the other hardening tests are not
# run again under it.
. "$(dirname "$0")/../lib.sh"
root=$NB_ROOT
asan=$root/build-asan
unset MAKEFLAGS MFLAGS MAKELEVEL

start=$(date +%s)
if make -C "$root" --no-print-directory -j"$(nproc)" asan >"$T_TMP/build.log" 2>&1; then
    ok "build program, unit tests and fuzz replayers with -fsanitize=address,undefined"
else
    not_ok "build program, unit tests and fuzz replayers with -fsanitize=address,undefined" \
        "$(tail -n 20 "$T_TMP/build.log")"
    t_done
fi
echo "# asan build: $(( $(date +%s) - start )) s"

supp=$root/tests/san
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
runs=0
# Logs and reports stay in the normal build's test-logs for reading.
logs=${NB_BUILD:-$root/build}/test-logs/asan
rm -rf "$logs"
mkdir -p "$logs"
# detail TEXT: comment lines under a failed test (never a bare "not ok").
detail() { printf '%s\n' "$1" | head -n 40 | sed 's/^/# /'; }
# san_run NAME CMD...: run under fresh report folders; ok when the command
# exits 0, prints no "not ok" and no sanitizer wrote a report.
san_run() {
    local name=$1; shift
    runs=$((runs + 1))
    local slug
    slug=$(printf '%s' "$name" | tr -c 'A-Za-z0-9_.-' '_')
    local rep=$logs/$slug.reports log=$logs/$slug.log
    rm -rf "$rep"; mkdir -p "$rep"
    ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:log_path=$rep/asan" \
    UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$rep/ubsan" \
        timeout --kill-after=10 1200 "$@" >"$log" 2>&1 </dev/null
    local rc=$?
    local inner_ok inner_bad
    inner_ok=$(grep -cE '^ok [0-9]+' "$log")
    inner_bad=$(grep -cE '^not ok [0-9]+' "$log")
    # A file with only LSan's "Suppressions used" table is not a report.
    if grep -qlE 'ERROR|runtime error|SUMMARY' "$rep"/* 2>/dev/null; then
        not_ok "$name under ASan/UBSan: sanitizer report (in $rep)"
        detail "$(cat "$rep"/* | grep -vE '^\s*$')"
    elif [ "$rc" -ne 0 ] || [ "$inner_bad" -gt 0 ]; then
        not_ok "$name under ASan/UBSan (exit $rc, $inner_bad failing; log $log)"
        detail "$( (grep -E '^not ok' "$log"; tail -n 8 "$log") | head -n 20)"
    else
        ok "$name under ASan/UBSan ($inner_ok inner tests)"
    fi
}

for bin in "$asan"/tests/test_*; do
    [ -x "$bin" ] || continue
    CMOCKA_MESSAGE_OUTPUT=TAP san_run "unit/$(basename "$bin")" "$bin"
done

for layer in ${NB_SAN_LAYERS:-cli integration e2e}; do
    for script in "$root"/tests/$layer/test_*.sh "$root"/tests/$layer/test_*.py; do
        [ -f "$script" ] || continue
        # test_win_*: what they exercise is nanbyo-check.exe, built by mingw
        # and run by wine, which no sanitizer instruments; the Linux side they
        # touch (requirements, check --import) has its own tests here.
        case "$(basename "$script")" in test_san_*|test_crash_*|test_win_*) continue ;; esac
        case "$script" in
            *.py) set -- /usr/bin/python3 "$script" ;;
            *) set -- bash "$script" ;;
        esac
        NB_BIN=$asan/nanbyo-survey NB_BUILD=$asan san_run "$layer/$(basename "$script")" "$@"
    done
done

# Fuzz corpora: the seeds of each target in one run, and every regression
# input (regress-*, a crash the fuzzer once found) as its own test, so a
# returning bug is named.
for bin in "$asan"/fuzz-replay/fuzz_*; do
    [ -x "$bin" ] || continue
    t=$(basename "$bin"); t=${t#fuzz_}
    dir=$root/tests/fuzz/corpus/$t
    seeds=()
    for f in "$dir"/*; do
        [ -f "$f" ] || continue
        case "$(basename "$f")" in
            regress-*) san_run "fuzz regression $t/$(basename "$f")" "$bin" "$f" ;;
            *) seeds+=("$f") ;;
        esac
    done
    [ ${#seeds[@]} -gt 0 ] && san_run "fuzz seed corpus $t (${#seeds[@]} inputs)" "$bin" "${seeds[@]}"
done
echo "# asan total: $(( $(date +%s) - start )) s"
t_done
