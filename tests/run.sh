#!/usr/bin/env bash
# Runs every test and prints one closing line "N passed, N failed".
# Unit tests are cmocka programs (TAP output); the others are scripts named
# tests/<layer>/test_*.sh or test_*.py that print TAP lines ("ok ..." /
# "not ok ..."). A script that exits non-zero without a "not ok" line counts
# as one failure, so a crash is never mistaken for a pass.
# Usage: tests/run.sh BUILD_DIR [PATTERN]   (PATTERN filters by file name)
set -u
build=${1:-build}
pattern=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
export NB_ROOT="$root"
export NB_BUILD="$root/$build"
export NB_BIN="$root/$build/nanbyo-survey"
export LC_ALL=C.UTF-8
export CMOCKA_MESSAGE_OUTPUT=TAP
log_dir="$root/$build/test-logs"
mkdir -p "$log_dir"
passed=0
failed=0
failures=()

# script_bound FILE: the bound a script asks for with a line
# "# nb-test-timeout: SECONDS" among its first 20 lines (the sanitizer
# scripts rerun the whole suite, several times slower, so 900 s is not
# their size on a busy machine); else NB_TEST_TIMEOUT or 900 s.
script_bound() {
    local asked
    asked=$(head -n 20 "$1" 2>/dev/null | sed -n 's/^# nb-test-timeout: *\([0-9][0-9]*\)$/\1/p' | head -n 1)
    echo "${asked:-${NB_TEST_TIMEOUT:-900}}"
}

run_one() {
    local name=$1 bound=$2; shift 2
    local log="$log_dir/$(echo "$name" | tr '/' '_').log"
    local rc
    timeout --kill-after=10 "$bound" "$@" >"$log" 2>&1 </dev/null
    rc=$?
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        echo "not ok 0 - $name did not finish within its bound of $bound s" >>"$log"
    fi
    local ok nok
    ok=$(grep -cE '^ok [0-9]+' "$log")
    nok=$(grep -cE '^not ok [0-9]+' "$log")
    passed=$((passed + ok))
    failed=$((failed + nok))
    if [ "$nok" -gt 0 ]; then
        failures+=("$name")
        # Each failure with the first lines of its diagnostics ("# ..."),
        # so a CI summary says why, not only what (the log may be gone).
        awk -v n="$name" '/^not ok/ { print "  " n ": " $0; d = 0; inside = 1; next }
                          inside && /^# / && d < 6 { print "      " $0; d++; next }
                          { inside = 0 }' "$log"
    elif [ "$rc" -ne 0 ]; then
        failed=$((failed + 1))
        failures+=("$name (exit $rc)")
        echo "  $name: exited $rc without reporting a failure; last lines:"
        tail -n 5 "$log" | sed 's/^/    /'
    fi
    printf '%-48s %3d ok %3d not ok\n' "$name" "$ok" "$nok"
}

for bin in "$root/$build"/tests/test_*; do
    [ -x "$bin" ] || continue
    name="unit/$(basename "$bin")"
    [[ -z "$pattern" || "$name" == *$pattern* ]] || continue
    run_one "$name" "${NB_TEST_TIMEOUT:-900}" "$bin"
done
for layer in cli e2e integration; do
    for script in "$root"/tests/$layer/test_*.sh "$root"/tests/$layer/test_*.py; do
        [ -f "$script" ] || continue
        name="$layer/$(basename "$script")"
        [[ -z "$pattern" || "$name" == *$pattern* ]] || continue
        case "$script" in
            *.py) run_one "$name" "$(script_bound "$script")" /usr/bin/python3 "$script" ;;
            *) run_one "$name" "$(script_bound "$script")" bash "$script" ;;
        esac
    done
done
if [ "${#failures[@]}" -gt 0 ]; then
    echo "failed: ${failures[*]}"
    echo "logs: $log_dir"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
