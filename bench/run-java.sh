#!/usr/bin/env bash
# What the JVM benchmarks share: find the JDK 25, build bench and the modules it uses in one reactor
# (so the class path points at this checkout's jars, never at whatever another checkout last
# installed into ~/.m2), then run java on that class path.
# Usage: bench/run-java.sh [--jit] <jvm options...> <main class> [args...]
#   --jit: the Graal JIT from cli/target/jit when it is there (CAIRN_JIT=0: interpreted).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/find-jdk.sh"
cairn_find_jdk || exit 1
export JAVA_HOME=$CAIRN_JAVA_HOME
cd "$ROOT"
./mvnw -q -B -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile="$ROOT/bench/target/cp.txt" >/dev/null
jit=()
if [ "${1:-}" = --jit ]; then
  shift
  if [ "${CAIRN_JIT:-1}" != 0 ] && compgen -G "cli/target/jit/compiler-*.jar" >/dev/null; then
    jit=(-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=cli/target/jit)
  fi
fi
exec "$JAVA_HOME/bin/java" ${jit[@]+"${jit[@]}"} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dpolyglot.engine.WarnInterpreterOnly=false -cp "bench/target/classes:$(cat bench/target/cp.txt)" "$@"
