#!/usr/bin/env bash
# Cairn vs workerd on W1 (GET /hello/<name>) and W4 (10 RPC calls per request), in one sitting,
# with the peers' own load scripts (../shared/peers: wrk -t2 -c32 -d10s, 2 s warm-up, 3 runs, median).
# Usage: bench/peers.sh            (needs wrk and `npm ci` in the peers copy; see docs/benchmarks.md)
# Env:   PEERS (default /tmp/peers, a copy of ../shared/peers), CAIRN_PORT (8795), REPS, WRK_DURATION, CAIRN_JIT,
#        RECORD (all | none | errors: the services' journal policy, default all), ONLY=cairn (skip workerd),
#        WORKLOADS (default "w1 w4")
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEERS=${PEERS:-/tmp/peers}
if [ ! -x "$PEERS/node_modules/.bin/workerd" ]; then
  # (npm ci refuses the peers' lock file on npm 11: it lacks other platforms' optional packages; npm install works)
  echo "bench: no workerd in $PEERS; run: cp -r $ROOT/../shared/peers $PEERS && (cd $PEERS && npm install)" >&2
  exit 1
fi
command -v wrk >/dev/null || { echo "bench: wrk missing (apt-get install -y wrk)" >&2; exit 1; }
source "$PEERS/lib/common.sh"
PORT=${CAIRN_PORT:-8795}
APP=$(mktemp -d)
cp "$ROOT/bench/peers/cairn.yaml" "$PEERS/workerd/app.js" "$PEERS/workerd/adder.js" "$APP/"
RECORD=${RECORD:-all}; WORKLOADS=${WORKLOADS:-w1 w4}
sed -i "s/module: app.js,/module: app.js, record: $RECORD,/; s/{ module: adder.js }/{ module: adder.js, record: $RECORD }/" "$APP/cairn.yaml"
PIDF=$(mktemp)
trap 'stop_pid "$PIDF"; rm -rf "$APP"' EXIT INT TERM
out="$ROOT/bench/target/peers-$(date -u +%Y%m%dT%H%M%SZ).txt"; mkdir -p "$(dirname "$out")"
{ echo "# $(date -u) $(nproc) cores; $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo); wrk -t$WRK_THREADS -c$WRK_CONNS -d$WRK_DURATION x$REPS"; } | tee "$out"

(cd "$ROOT" && ./cairn --version >/dev/null)   # builds once, outside the measurement
(cd "$ROOT" && start_bg "$PIDF" "$ROOT/bench/target/cairn-serve.log" ./cairn serve "$APP" --port "$PORT")
wait_http "http://127.0.0.1:$PORT/hello/ready" 180
grep -m1 'serving' "$ROOT/bench/target/cairn-serve.log" | tee -a "$out" || true
# JIT warm-up: compilation takes seconds on 2 cores, so give both workloads a longer first pass.
METHOD=GET PATHT='/hello/u{k}' KEYS=1000 WRK_DURATION=15s wrk_once "127.0.0.1:$PORT" warm >/dev/null 2>&1 || true
if [[ " $WORKLOADS " == *" w1 "* ]]; then
  METHOD=GET PATHT='/hello/u{k}' KEYS=1000 wrk_bench cairn "W1-hello-record-$RECORD" "127.0.0.1:$PORT" | tee -a "$out"
fi
if [[ " $WORKLOADS " == *" w4 "* ]]; then
  METHOD=GET PATHT='/fanout' KEYS=1 WRK_DURATION=10s wrk_once "127.0.0.1:$PORT" warm4 >/dev/null 2>&1 || true
  METHOD=GET PATHT='/fanout' KEYS=1 wrk_bench cairn "W4-fanout10-record-$RECORD" "127.0.0.1:$PORT" | tee -a "$out"
fi
echo "cairn RSS after load: $(( $(rss_kb "$(cat "$PIDF")") / 1024 )) MiB" | tee -a "$out"
stop_pid "$PIDF"

[ "${ONLY:-}" = cairn ] || "$PEERS/workerd/run.sh" $WORKLOADS 2>/dev/null | tee -a "$out"
echo "bench: results in $out"
