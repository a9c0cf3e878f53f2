#!/usr/bin/env bash
# `make bench`: times the program against familiar anchors and writes
# bench/results.md (see bench/bench.py for what is measured and how).
# Usage: bench/run.sh [BUILD_DIR]   (NB_BENCH_RUNS to change the run count)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exec /usr/bin/python3 "$here/bench.py" "${1:-build}"
