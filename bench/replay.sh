#!/usr/bin/env bash
# Replay speed: journal entries replayed per second (one recorded invocation, replayed repeatedly).
# Usage: bench/replay.sh [calls=2000] [rounds=100]. Warms up for 25 s first (-Dcairn.bench.warmupS via CAIRN_BENCH_OPTS). Uses the Graal JIT from cli/target/jit (CAIRN_JIT=0: interpreted). Prints a RESULT line.
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
  -Dpolyglot.engine.WarnInterpreterOnly=false -cp "bench/target/classes:$(cat bench/target/cp.txt)" \
  ${CAIRN_BENCH_OPTS:-} dev.cairn.bench.ReplayBench "${1:-2000}" "${2:-100}"
