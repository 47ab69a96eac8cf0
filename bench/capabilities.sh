#!/usr/bin/env bash
# Capability figures (docs/benchmarks.md, "Capabilities (issue 6)"): kv get/put per provider, raw
# client vs through a handler, and messaging publish -> handler delivery latency per provider, on the
# real servers on localhost. Usage: bench/capabilities.sh [seconds=3] [concurrency=8].
# -Dcairn.bench.warmupS (default 60, for the first provider) and -Dcairn.bench.only=redis,nats via CAIRN_BENCH_OPTS. Uses the
# Graal JIT from cli/target/jit (CAIRN_JIT=0: interpreted). Run it when `uptime` shows a quiet machine.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/find-jdk.sh"
cairn_find_jdk || exit 1
export JAVA_HOME=$CAIRN_JAVA_HOME
cd "$ROOT"
# One reactor build: the class path points at this checkout's module jars, never at whatever
# another checkout last installed into ~/.m2.
./mvnw -q -B -o -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile="$ROOT/bench/target/cp.txt" >/dev/null
jit=()
if [ "${CAIRN_JIT:-1}" != 0 ] && compgen -G "cli/target/jit/compiler-*.jar" >/dev/null; then
  jit=(-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=cli/target/jit)
fi
"$JAVA_HOME/bin/java" ${jit[@]+"${jit[@]}"} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dpolyglot.engine.WarnInterpreterOnly=false -Xmx4g -cp "bench/target/classes:$(cat bench/target/cp.txt)" \
  ${CAIRN_BENCH_OPTS:-} dev.cairn.bench.CapabilityBench "${1:-3}" "${2:-8}"
