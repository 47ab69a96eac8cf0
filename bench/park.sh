#!/usr/bin/env bash
# Park benchmark (issue 5): N workflows of the peers' W3 shape waiting for "approve" on one node.
#   1. start `cairn serve` with a heap cap (HEAP, default 1g: parking more than fits is an OOM, not a pass)
#   2. create N instances (32 at a time), wait until every run reached the wait and parked
#   3. heap used after a full GC, RSS, storage on disk per waiting instance
#   4. kill -9 the node, start it again: heap after restart (a parked instance is rows, not memory)
#   5. approve every instance and check each result (6): all N must complete, 0 errors
# Usage: bench/park.sh [n=10000]   Env: HEAP (1g), CAIRN_PORT (8795), CONC (32), DRAIN (1)
# Prints RESULT lines and a summary; a 1,000,000 run takes hours on 2 cores (docs/benchmarks.md).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-10000}; HEAP=${HEAP:-1g}; PORT=${CAIRN_PORT:-8795}; CONC=${CONC:-32}
export CAIRN_PORT=$PORT
source "$ROOT/scripts/find-jdk.sh"
cairn_find_jdk || exit 1
JCMD="$CAIRN_JAVA_HOME/bin/jcmd"
if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/"; then
  echo "bench: something already listens on 127.0.0.1:$PORT; stop it or set CAIRN_PORT" >&2
  exit 1
fi
APP=$(mktemp -d); cp "$ROOT/bench/park/cairn.yaml" "$ROOT/bench/park/park.js" "$APP/"
LOG="$ROOT/bench/target/park-serve.log"; mkdir -p "$ROOT/bench/target"
PID=""
stop() { [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true; PID=""; }
trap 'stop; rm -rf "$APP"' EXIT INT TERM

start() {
  (cd "$ROOT" && CAIRN_JAVA_OPTS="-Xmx$HEAP -XX:+UseG1GC ${CAIRN_JAVA_OPTS:-}" exec ./cairn serve "$APP" --port "$PORT" >>"$LOG" 2>&1) &
  PID=$!
  for _ in $(seq 1 900); do
    curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/wf/ping" && return 0
    kill -0 "$PID" 2>/dev/null || { echo "bench: cairn serve exited; see $LOG" >&2; exit 1; }
    sleep 0.2
  done
  echo "bench: cairn serve did not answer; see $LOG" >&2; exit 1
}
heap_mib() { "$JCMD" "$PID" GC.run >/dev/null; sleep 1; "$JCMD" "$PID" GC.heap_info | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K,?/,"",v); print int(v/1024)}}'; }
rss_mib() { awk '/^VmRSS:/{print int($2/1024)}' "/proc/$PID/status"; }
store_kib() { du -sk --apparent-size "$APP/.cairn"/*.db* 2>/dev/null | awk '{s+=$1} END {print s+0}'; }
idle() { # until the node uses < 5 % of a core over 5 s (bounded)
  local a b; for _ in $(seq 1 120); do
    a=$(awk '{print $14+$15}' "/proc/$PID/stat"); sleep 5; b=$(awk '{print $14+$15}' "/proc/$PID/stat")
    [ $((b - a)) -le 25 ] && return 0
  done
}

echo "# $(date -u) $(nproc) cores; N=$N heap cap $HEAP; load $(cut -d' ' -f1-3 /proc/loadavg)"
(cd "$ROOT" && ./cairn --version >/dev/null)
: >"$LOG"; start
base_heap=$(heap_mib); base_store=$(store_kib)
echo "base: heap ${base_heap} MiB, rss $(rss_mib) MiB, storage $((base_store / 1024)) MiB"
node "$ROOT/bench/park.mjs" start --n "$N" --conc "$CONC"
node "$ROOT/bench/park.mjs" waiting --n "$N" --max 7200
idle
heap=$(heap_mib); store=$(store_kib)
echo "RESULT parked=$N heap_used_mib=$heap (base $base_heap) rss_mib=$(rss_mib) storage_mib=$(( (store - base_store) / 1024 )) storage_bytes_per_instance=$(( (store - base_store) * 1024 / N )) live_instances_note=heap_after_full_gc"
kill -9 "$PID"; wait "$PID" 2>/dev/null || true; PID=""
start
sleep 5; idle
echo "RESULT after_kill9_restart heap_used_mib=$(heap_mib) rss_mib=$(rss_mib)"
if [ "${DRAIN:-1}" = 1 ]; then
  node "$ROOT/bench/park.mjs" drain --n "$N" --conc "$CONC"
  echo "after drain: heap $(heap_mib) MiB, storage $(( ($(store_kib) - base_store) / 1024 )) MiB"
fi
