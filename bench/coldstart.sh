#!/usr/bin/env bash
# Cold start of a newly added service under `cairn dev` (JVM warm): manifest saved -> first response.
# Usage: bench/coldstart.sh [runs=30]. Prints each run and a RESULT line with the median.
set -euo pipefail
exec "$(dirname "$0")/run-java.sh" dev.cairn.bench.ColdStartBench "${1:-30}"
