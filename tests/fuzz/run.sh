#!/usr/bin/env bash
# `make fuzz`: builds every tests/fuzz/fuzz_*.c with clang's libFuzzer plus
# AddressSanitizer and UBSan (library objects in build-fuzz), then runs each
# target for FUZZ_SECONDS (default 60) on its seed corpus plus a working
# corpus in build-fuzz/corpus/<target>, as many targets at a time as there
# are cores (FUZZ_JOBS). A crash leaves its input in
# build-fuzz/crashes/<target>/ and makes the run fail; add that file to
# tests/fuzz/corpus/<target>/ so `make check` replays it from then on.
# Usage: tests/fuzz/run.sh [TARGET...]   (FUZZ_SECONDS, FUZZ_BUILD, FUZZ_CC)
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
seconds=${FUZZ_SECONDS:-60}
build=${FUZZ_BUILD:-build-fuzz}
cc=${FUZZ_CC:-$(command -v clang || command -v clang-14 || echo clang)}
flags='-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer'
unset MAKEFLAGS MFLAGS MAKELEVEL

echo "fuzz: building targets with $cc into $build"
mkdir -p "$build"
if ! make --no-print-directory -j"$(nproc)" BUILD="$build" CC="$cc" SAN="$flags" OPT='-O1 -g' \
        fuzz-bins >"$build/build.log" 2>&1; then
    tail -n 30 "$build/build.log"
    echo "fuzz: build failed (log: $build/build.log)"
    exit 1
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for src in tests/fuzz/fuzz_*.c; do
        targets+=("$(basename "$src" .c | sed 's/^fuzz_//')")
    done
fi

export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
fuzz_one() {
    local t=$1
    local bin=$build/fuzz/fuzz_$t seeds=tests/fuzz/corpus/$t
    local work=$build/corpus/$t crashes=$build/crashes/$t log=$build/fuzz-$t.log
    mkdir -p "$work" "$crashes" "$seeds"
    local dict=()
    [ -f "tests/fuzz/dict/$t.dict" ] && dict=(-dict="tests/fuzz/dict/$t.dict")
    # A target may ask for a longer per-input limit with "#define
    # FUZZ_TIMEOUT_S N" (the size targets: one input is a million
    # characters or 100,000 items, seconds under ASan on a busy machine;
    # a quadratic walk would still take minutes and be caught).
    local limit
    limit=$(grep -oE '^#define FUZZ_TIMEOUT_S [0-9]+' "tests/fuzz/fuzz_$t.c" | grep -oE '[0-9]+$')
    "$bin" -max_total_time="$seconds" -timeout="${limit:-10}" -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$crashes/" "${dict[@]}" \
        "$work" "$seeds" >"$log" 2>&1
    local rc=$?
    local runs cov
    runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$')
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+')
    if [ $rc -eq 0 ]; then
        printf 'fuzz %-12s ok     %4ss %10s runs  coverage %s\n' "$t" "$seconds" "${runs:-?}" "${cov:-?}"
    else
        printf 'fuzz %-12s FAILED (exit %d) log %s\n' "$t" "$rc" "$log"
        grep -E 'ERROR|SUMMARY|invariant|runtime error' "$log" | head -n 5 | sed 's/^/    /'
        ls "$crashes" | sed "s|^|    input: $crashes/|"
    fi
    return $rc
}

jobs_max=${FUZZ_JOBS:-$(nproc)}
status_dir=$(mktemp -d)
for t in "${targets[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n; done
    ( fuzz_one "$t" || touch "$status_dir/$t" ) &
done
wait
failed=()
for t in "${targets[@]}"; do [ -e "$status_dir/$t" ] && failed+=("$t"); done
rm -rf "$status_dir"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: crashes in: ${failed[*]}"
    exit 1
fi
echo "fuzz: ${#targets[@]} targets ran ${seconds}s each without a crash"
