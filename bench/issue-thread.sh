#!/usr/bin/env bash
# What the thread that issues a networked call costs, on the Redis client alone (docs/benchmarks.md,
# "Capabilities (issue 6)", ninth sitting): sequential GETs from a parked caller thread against GETs
# chained from the client's own event loop, in alternating rounds.
# Usage: bench/issue-thread.sh [rounds=8] [gets=20000] [redis://127.0.0.1:6379]
set -euo pipefail
exec "$(dirname "$0")/run-java.sh" --jit dev.cairn.bench.IssueThreadBench "$@"
