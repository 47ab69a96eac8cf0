#!/usr/bin/env bash
# Cairn vs workerd and Restate on the peers' workloads, in one sitting, with the peers' own load scripts
# (../shared/peers: wrk -t2 -c32 -d10s with a 2 s warm-up, 3 runs, median; W3 with load/w3.mjs).
#   W1 GET /hello/<name>   W2 POST /counter/<key> (same key, 1000 keys)   W4 10 RPCs per request
#   W3 workflows: 3 steps, wait for "approve", 1 step, at 32 loops, and step latency at 1 loop
# Cairn serves the peers' own app (workerd's app.js and adder.js unchanged, cairn/wf.js, cairn/cairn.yaml).
#
# Usage: bench/peers.sh     (needs wrk and `npm install` in the peers copy; see docs/benchmarks.md)
# Env:   PEERS (default /tmp/peers, a copy of ../shared/peers), CAIRN_PORT (8795), REPS, WRK_DURATION,
#        RECORD (all | none | errors: the services' journal policy, default all),
#        WORKLOADS (default "w1 w2 w4 w3"), PEER_RUNS (default "workerd restate"; add restate-p2, or
#        set empty for Cairn alone), WARM_S (JIT warm-up per workload, default 45), W3_WARM_S (W3's, default
#        the larger of 240 and 1.5 x WARM_S)
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
PORT=${CAIRN_PORT:-8795}; export WF_PORT=$PORT
RECORD=${RECORD:-all}; WORKLOADS=${WORKLOADS:-w1 w2 w4 w3}; PEER_RUNS=${PEER_RUNS-workerd restate}
WARM_S=${WARM_S:-45}; W3_CONC=${W3_CONC:-32}; W3_DURATION=${W3_DURATION:-10}
# W3 warms longer: on these 2 cores Cairn's W3 throughput climbs for ≈ 90 s of load while the JIT
# compiles the workflow path (docs/benchmarks.md, 18:37), so 1.5 x 45 s measured part of the climb.
W3_WARM_S=${W3_WARM_S:-$(( WARM_S * 3 / 2 > 240 ? WARM_S * 3 / 2 : 240 ))}
want() { [[ " $WORKLOADS " == *" $1 "* ]]; }
if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/"; then
  echo "bench: something already listens on 127.0.0.1:$PORT; stop it or set CAIRN_PORT (it would be measured instead)" >&2
  exit 1
fi

APP=$(mktemp -d)
cp "$PEERS/cairn/cairn.yaml" "$PEERS/cairn/wf.js" "$PEERS/workerd/app.js" "$PEERS/workerd/adder.js" "$APP/"
sed -i "s/^\(  app: *{ module: app.js,\)/\1 record: $RECORD,/; s/{ module: adder.js }/{ module: adder.js, record: $RECORD }/" "$APP/cairn.yaml"
grep -q "record: $RECORD" "$APP/cairn.yaml" || { echo "bench: could not set record: $RECORD in the peers' cairn.yaml" >&2; exit 1; }
PIDF=$(mktemp)
trap 'stop_pid "$PIDF"; rm -rf "$APP"' EXIT INT TERM
out="$ROOT/bench/target/peers-$(date -u +%Y%m%dT%H%M%SZ).txt"; mkdir -p "$(dirname "$out")"
{ echo "# $(date -u) $(nproc) cores; $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo); load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# wrk -t$WRK_THREADS -c$WRK_CONNS -d$WRK_DURATION x$REPS; record: $RECORD; Cairn JIT warm-up ${WARM_S}s per workload"; } | tee "$out"

(cd "$ROOT" && ./cairn --version >/dev/null)   # builds once, outside the measurement
(cd "$ROOT" && start_bg "$PIDF" "$ROOT/bench/target/cairn-serve.log" ./cairn serve "$APP" --port "$PORT")
for _ in $(seq 1 900); do
  curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/hello/ready" && break
  kill -0 "$(cat "$PIDF")" 2>/dev/null || break
  sleep 0.2
done
kill -0 "$(cat "$PIDF")" || { echo "bench: cairn serve exited; see bench/target/cairn-serve.log" >&2; exit 1; }
grep -m1 'serving' "$ROOT/bench/target/cairn-serve.log" | tee -a "$out" || true

# Cold: the first 10 s right after start, while the JIT is still compiling (reported, not the median).
if want w1; then
  METHOD=GET PATHT='/hello/u{k}' KEYS=1000 WRK_DURATION=10s wrk_once "127.0.0.1:$PORT" cold | sed 's/^/cairn W1-cold-first-10s /' | tee -a "$out"
fi
# warm <seconds> <wrk env...>: one long pass of a workload so its code is compiled before it is measured
warm() { local s=$1; shift; ( export "$@" WRK_DURATION="${s}s"; wrk_once "127.0.0.1:$PORT" warm >/dev/null 2>&1 ) || true; }
if want w1; then
  warm "$WARM_S" METHOD=GET PATHT='/hello/u{k}' KEYS=1000
  METHOD=GET PATHT='/hello/u{k}' KEYS=1000 wrk_bench cairn "W1-hello" "127.0.0.1:$PORT" | tee -a "$out"
fi
if want w2; then
  warm "$WARM_S" METHOD=POST PATHT='/counter/{k}' KEYS=1000
  METHOD=POST PATHT='/counter/{k}' KEYS=1 wrk_bench cairn "W2-counter-samekey" "127.0.0.1:$PORT" | tee -a "$out"
  METHOD=POST PATHT='/counter/{k}' KEYS=1000 wrk_bench cairn "W2-counter-1000keys" "127.0.0.1:$PORT" | tee -a "$out"
  echo "cairn sanity: counter/0 = $(curl -s -XPOST "127.0.0.1:$PORT/counter/0")" | tee -a "$out"
fi
if want w4; then
  warm "$WARM_S" METHOD=GET PATHT='/fanout' KEYS=1
  METHOD=GET PATHT='/fanout' KEYS=1 wrk_bench cairn "W4-fanout10" "127.0.0.1:$PORT" | tee -a "$out"
fi
if want w3; then
  node "$PEERS/load/w3.mjs" workerd throughput --conc "$W3_CONC" --duration "$W3_WARM_S" --prefix warm >/dev/null || true
  w3_series cairn workerd "$W3_CONC" "$W3_DURATION" "W3-wf-throughput" | tee -a "$out"
  w3_series cairn workerd 1 5 "W3-step-conc1" | tee -a "$out"
fi
echo "cairn RSS after load: $(( $(rss_kb "$(cat "$PIDF")") / 1024 )) MiB" | tee -a "$out"
stop_pid "$PIDF"

peer_workloads() { local w="" x; for x in $WORKLOADS; do w="$w $x"; [ "$x" = w3 ] && w="$w step"; done; echo "$w"; }
for peer in $PEER_RUNS; do
  case "$peer" in
    workerd) "$PEERS/workerd/run.sh" $(peer_workloads) 2>/dev/null | tee -a "$out" ;;
    restate) "$PEERS/restate/run.sh" $(peer_workloads) 2>/dev/null | tee -a "$out" ;;
    restate-p2) RESTATE_PARTITIONS=2 "$PEERS/restate/run.sh" $(peer_workloads) 2>/dev/null | tee -a "$out" ;;
    *) echo "bench: unknown peer $peer" >&2 ;;
  esac
done
echo "bench: results in $out"
