#!/usr/bin/env bash
# The unit tests, the command tests and the fuzz corpora again, built with
# AddressSanitizer + UndefinedBehaviorSanitizer (gcc, build-asan/): any
# report fails. Reports go to files (log_path) rather than stderr, so a
# memory error is caught even where a test expects a non-zero exit or
# checks stderr; halt_on_error and -fno-sanitize-recover stop at the first.
# One TAP line per program or script. NB_SAN_LAYERS picks the script
# folders (default "cli"); this file and the other hardening tests are not
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
# san_run NAME CMD...: run under fresh report folders; ok when the command
# exits 0, prints no "not ok" and no sanitizer wrote a report.
san_run() {
    local name=$1; shift
    runs=$((runs + 1))
    local rep=$T_TMP/reports.$runs log=$T_TMP/out.$runs
    mkdir -p "$rep"
    ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:log_path=$rep/asan" \
    UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$rep/ubsan" \
        timeout --kill-after=10 600 "$@" >"$log" 2>&1 </dev/null
    local rc=$?
    local inner_ok inner_bad
    inner_ok=$(grep -cE '^ok [0-9]+' "$log")
    inner_bad=$(grep -cE '^not ok [0-9]+' "$log")
    if [ -n "$(ls -A "$rep")" ]; then
        not_ok "$name under ASan/UBSan" "$(cat "$rep"/* | grep -vE "^\s*$" | head -n 40 | sed "1!s/^/# /")"
    elif [ "$rc" -ne 0 ] || [ "$inner_bad" -gt 0 ]; then
        not_ok "$name under ASan/UBSan (exit $rc, $inner_bad failing)" \
            "$( (grep -E '^not ok' "$log"; tail -n 8 "$log") | head -n 20)"
    else
        ok "$name under ASan/UBSan ($inner_ok inner tests)"
    fi
}

for bin in "$asan"/tests/test_*; do
    [ -x "$bin" ] || continue
    CMOCKA_MESSAGE_OUTPUT=TAP san_run "unit/$(basename "$bin")" "$bin"
done

for layer in ${NB_SAN_LAYERS:-cli}; do
    for script in "$root"/tests/$layer/test_*.sh "$root"/tests/$layer/test_*.py; do
        [ -f "$script" ] || continue
        case "$(basename "$script")" in test_san_*|test_crash_*) continue ;; esac
        case "$script" in
            *.py) set -- /usr/bin/python3 "$script" ;;
            *) set -- bash "$script" ;;
        esac
        NB_BIN=$asan/nanbyo-survey NB_BUILD=$asan san_run "$layer/$(basename "$script")" "$@"
    done
done

for bin in "$asan"/fuzz-replay/fuzz_*; do
    [ -x "$bin" ] || continue
    t=$(basename "$bin"); t=${t#fuzz_}
    san_run "fuzz corpus replay $t ($(ls "$root/tests/fuzz/corpus/$t" | wc -l) inputs)" \
        "$bin" "$root/tests/fuzz/corpus/$t"
done
echo "# asan total: $(( $(date +%s) - start )) s"
t_done
