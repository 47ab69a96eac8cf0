-- wrk script for bench/record-cost.sh: GET /hello/u<k> (k uniform in 0..999, as the peers' W1)
-- with the Host header from $HOST, so one server can route to the record:none or record:all copy.
local host = os.getenv("HOST")
local tag = os.getenv("TAG") or "wrk"
local headers = { ["Host"] = host }
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end
function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end
function request()
  return wrk.format("GET", "/hello/u" .. math.random(0, 999), headers, nil)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT tag=%s requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    tag, summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
