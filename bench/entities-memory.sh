#!/usr/bin/env bash
# Entity memory: touch N entities once each, report the heap after GC against the class's cacheBytesMax.
# Usage: bench/entities-memory.sh [n=100000] [instancesMax=10000]. Prints RESULT lines.
set -euo pipefail
exec "$(dirname "$0")/run-java.sh" -Xmx1g -XX:+UseG1GC dev.cairn.bench.EntityMemoryBench "${1:-100000}" "${2:-10000}"
