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

run_one() {
    local name=$1; shift
    local log="$log_dir/$(echo "$name" | tr '/' '_').log"
    local rc
    timeout --kill-after=10 "${NB_TEST_TIMEOUT:-900}" "$@" >"$log" 2>&1 </dev/null
    rc=$?
    local ok nok
    ok=$(grep -cE '^ok [0-9]+' "$log")
    nok=$(grep -cE '^not ok [0-9]+' "$log")
    passed=$((passed + ok))
    failed=$((failed + nok))
    if [ "$nok" -gt 0 ]; then
        failures+=("$name")
        grep -E '^not ok' "$log" | sed "s|^|  $name: |"
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
    run_one "$name" "$bin"
done
for layer in cli e2e integration; do
    for script in "$root"/tests/$layer/test_*.sh "$root"/tests/$layer/test_*.py; do
        [ -f "$script" ] || continue
        name="$layer/$(basename "$script")"
        [[ -z "$pattern" || "$name" == *$pattern* ]] || continue
        case "$script" in
            *.py) run_one "$name" /usr/bin/python3 "$script" ;;
            *) run_one "$name" bash "$script" ;;
        esac
    done
done
if [ "${#failures[@]}" -gt 0 ]; then
    echo "failed: ${failures[*]}"
    echo "logs: $log_dir"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
