#!/usr/bin/env bash
# Cold start of a newly added service under `cairn dev` (JVM warm): manifest saved -> first response.
# Usage: bench/coldstart.sh [runs=30]. Prints each run and a RESULT line with the median.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/find-jdk.sh"
cairn_find_jdk || exit 1
export JAVA_HOME=$CAIRN_JAVA_HOME
cd "$ROOT"
# One reactor build: the class path points at this checkout's module jars, never at whatever
# another checkout last installed into ~/.m2.
./mvnw -q -B -o -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile="$ROOT/bench/target/cp.txt" >/dev/null
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dpolyglot.engine.WarnInterpreterOnly=false -cp "bench/target/classes:$(cat bench/target/cp.txt)" \
  dev.cairn.bench.ColdStartBench "${1:-30}"
