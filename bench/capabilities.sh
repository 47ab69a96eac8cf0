#!/usr/bin/env bash
# Capability figures (docs/benchmarks.md, "Capabilities (issue 6)"): kv get/put per provider, raw
# client vs through a handler, and messaging publish -> handler delivery latency per provider, on the
# real servers on localhost. Usage: bench/capabilities.sh [seconds=3] [concurrency=8]; seconds is per kv figure, split into
# alternating slices with the other figures of the same operation (-Dcairn.bench.rounds, default 10): 10 or more gives 1 s slices.
# -Dcairn.bench.warmupS (default 120, for the first provider) and -Dcairn.bench.only=redis,nats via CAIRN_BENCH_OPTS. Uses the
# Graal JIT from cli/target/jit (CAIRN_JIT=0: interpreted). Run it when `uptime` shows a quiet machine.
set -euo pipefail
exec "$(dirname "$0")/run-java.sh" --jit -Xmx4g ${CAIRN_BENCH_OPTS:-} dev.cairn.bench.CapabilityBench "${1:-3}" "${2:-8}"
