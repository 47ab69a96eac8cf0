#!/usr/bin/env bash
# What recording costs W1: one server, two copies of the peers' W1 module, identical but for the
# journal policy (record: none, record: all), measured in alternating runs (ABBA) in one sitting,
# so JIT state, machine noise and drift fall on both alike. Reports the median throughput of each,
# the ratio, and the server's CPU per request (utime+stime from /proc), which is less noisy.
#
# Usage: bench/record-cost.sh      (needs wrk and a copy of ../shared/peers; see docs/benchmarks.md)
# Env:   PEERS (/tmp/peers), CAIRN_PORT (8796), WARM_S (150: JIT warm-up, both copies in turn),
#        ROUNDS (4: each round is none,all,all,none of RUN_S seconds), RUN_S (10),
#        BYTES_MAX (the app's journal.bytesMax, default Cairn's 1 GiB: at W1 rates retention starts
#        deleting within minutes, and its deletes are part of what recording costs)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEERS=${PEERS:-/tmp/peers}; PORT=${CAIRN_PORT:-8796}
WARM_S=${WARM_S:-150}; ROUNDS=${ROUNDS:-4}; RUN_S=${RUN_S:-10}
[ -f "$PEERS/workerd/app.js" ] || { echo "bench: no $PEERS/workerd/app.js; run: cp -r $ROOT/../shared/peers $PEERS" >&2; exit 1; }
command -v wrk >/dev/null || { echo "bench: wrk missing (apt-get install -y wrk)" >&2; exit 1; }
if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/"; then
  echo "bench: something already listens on 127.0.0.1:$PORT; stop it or set CAIRN_PORT" >&2; exit 1
fi
APP=$(mktemp -d); cp "$ROOT/bench/record-cost/cairn.yaml" "$PEERS/workerd/app.js" "$APP/"
[ -z "${BYTES_MAX:-}" ] || echo "journal: { bytesMax: $BYTES_MAX }" >>"$APP/cairn.yaml"
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$APP"' EXIT INT TERM
out="$ROOT/bench/target/record-cost-$(date -u +%Y%m%dT%H%M%SZ).txt"; mkdir -p "$(dirname "$out")"
echo "# $(date -u) $(nproc) cores; $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo); wrk -t2 -c32 -d${RUN_S}s; warm-up ${WARM_S}s; $ROUNDS ABBA rounds; journal.bytesMax ${BYTES_MAX:-default}" | tee "$out"
(cd "$ROOT" && ./cairn --version >/dev/null)
(cd "$ROOT" && exec ./cairn serve "$APP" --port "$PORT" >"$ROOT/bench/target/record-cost-serve.log" 2>&1) &
PID=$!
for _ in $(seq 1 900); do curl -sf -o /dev/null --max-time 2 -H 'Host: none.test' "http://127.0.0.1:$PORT/hello/x" && break; sleep 0.2; done
JPID=$(pgrep -f "cairn.*serve $APP" | while read -r p; do [ "$(cat /proc/$p/comm)" = java ] && echo "$p"; done | head -1)
[ -n "$JPID" ] || { echo "bench: no java process for cairn serve; see bench/target/record-cost-serve.log" >&2; exit 1; }
grep -m1 serving "$ROOT/bench/target/record-cost-serve.log" | tee -a "$out"
ticks() { awk '{print $14+$15}' /proc/"$JPID"/stat; }
run() { # run <none|all> <seconds> <tag>: one wrk pass; prints RESULT ... cpu_us_per_req=
  local a b line req
  a=$(ticks)
  line=$(HOST=$1.test TAG=$3 wrk -t2 -c32 -d"$2"s --timeout 10s -s "$ROOT/bench/record-cost/host.lua" "http://127.0.0.1:$PORT" | grep '^RESULT')
  b=$(ticks); req=$(sed 's/.* requests=\([0-9]*\).*/\1/' <<<"$line")
  echo "$line cpu_us_per_req=$(( (b - a) * 10000 * 1000 / (req > 0 ? req : 1) / 1000 ))"
}
step=20; for ((t = 0; t < WARM_S; t += 2 * step)); do run none "$step" warm >/dev/null; run all "$step" warm >/dev/null; done
res=$(mktemp)
for ((r = 1; r <= ROUNDS; r++)); do
  for mode in none all all none; do run "$mode" "$RUN_S" "$mode" | tee -a "$out" >>"$res"; done
done
median() { sort -n | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2 }'; }
field() { grep "tag=$1 " "$res" | grep -o " $2=[0-9.]*" | cut -d= -f2 | median; }
n=$(field none rps); a=$(field all rps); cn=$(field none cpu_us_per_req); ca=$(field all cpu_us_per_req)
printf 'record-cost none rps_median=%s p99_ms=%s cpu_us_per_req=%s | all rps_median=%s p99_ms=%s cpu_us_per_req=%s | throughput cost=%s%% cpu cost=+%s us/req\n' \
  "$n" "$(field none p99_ms)" "$cn" "$a" "$(field all p99_ms)" "$ca" \
  "$(awk -v n="$n" -v a="$a" 'BEGIN{printf "%.1f", 100 * (n - a) / n}')" "$(awk -v n="$cn" -v a="$ca" 'BEGIN{print a - n}')" | tee -a "$out"
rm -f "$res"
