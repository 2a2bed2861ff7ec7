-- wrk script: POST /v1/events with a fresh random UUID per request and the token in BENCH_TOKEN.
-- The default body is 150 bytes, the size the issue's ceilings are stated for.
local token = os.getenv("BENCH_TOKEN")
local payload = os.getenv("BENCH_PAYLOAD") or '{"user":"u-1234","action":"click","value":42,"page":"/checkout/2/step"}'
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))

local headers = { ["Content-Type"] = "application/json" }
if token and #token > 0 then headers["Authorization"] = "Bearer " .. token end

local function uuid()
  return string.format("%08x-%04x-4%03x-%04x-%012x",
    math.random(0, 0xffffffff), math.random(0, 0xffff), math.random(0, 0xfff),
    0x8000 + math.random(0, 0x3fff), math.random(0, 0xffffffffffff))
end

request = function()
  local body = '{"event_id":"' .. uuid() .. '","source":"bench","payload":' .. payload .. '}'
  return wrk.format("POST", "/v1/events", headers, body)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_us=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f errors=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
