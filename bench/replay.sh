#!/usr/bin/env bash
# Replay speed: journal entries replayed per second (one recorded invocation, replayed repeatedly).
# Usage: bench/replay.sh [calls=2000] [rounds=100]. Warms up for 25 s first (-Dcairn.bench.warmupS via CAIRN_BENCH_OPTS). Uses the Graal JIT from cli/target/jit (CAIRN_JIT=0: interpreted). Prints a RESULT line.
set -euo pipefail
exec "$(dirname "$0")/run-java.sh" --jit ${CAIRN_BENCH_OPTS:-} dev.cairn.bench.ReplayBench "${1:-2000}" "${2:-100}"
