#!/usr/bin/env bash
# Entity memory: touch N entities once each, report the heap after GC against the class's cacheBytesMax.
# Usage: bench/entities-memory.sh [n=100000] [instancesMax=10000]. Prints RESULT lines.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/find-jdk.sh"
cairn_find_jdk || exit 1
export JAVA_HOME=$CAIRN_JAVA_HOME
cd "$ROOT"
./mvnw -q -B -o -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile="$ROOT/bench/target/cp.txt" >/dev/null
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dpolyglot.engine.WarnInterpreterOnly=false -Xmx1g -XX:+UseG1GC -cp "bench/target/classes:$(cat bench/target/cp.txt)" \
  dev.cairn.bench.EntityMemoryBench "${1:-100000}" "${2:-10000}"
