-- wrk script: POST /v1/events/batch with BENCH_BATCH (default 100) fresh events per request.
local token = os.getenv("BENCH_TOKEN")
local size = tonumber(os.getenv("BENCH_BATCH") or "100")
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))

local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }

local function uuid()
  return string.format("%08x-%04x-4%03x-%04x-%012x",
    math.random(0, 0xffffffff), math.random(0, 0xffff), math.random(0, 0xfff),
    0x8000 + math.random(0, 0x3fff), math.random(0, 0xffffffffffff))
end

request = function()
  local events = {}
  for i = 1, size do
    events[i] = '{"event_id":"' .. uuid() .. '","source":"bench","payload":{"user":"u-1234","action":"click","value":42}}'
  end
  return wrk.format("POST", "/v1/events/batch", headers, '{"events":[' .. table.concat(events, ",") .. ']}')
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_us=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f errors=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
