-- Token buckets for one decision: checks every bucket in KEYS and takes ARGV[1] tokens from all
-- of them or from none. Each bucket is a hash {tokens, ts}; ts is in milliseconds.
-- ARGV[1] = cost, ARGV[2] = app time in ms, or -1 to use the Redis clock (TIME),
-- then per bucket i: ARGV[1 + 2i] = capacity, ARGV[2 + 2i] = refill tokens per second.
-- Returns {status, remaining, retry_after_ms, reset_ms, index}: status 1 allowed, 0 limited,
-- 2 cost larger than a bucket's capacity (never admissible); the figures are those of the most
-- constraining bucket (index, 1-based); retry_after_ms is when cost tokens are in every bucket.
local cost = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end

local n = #KEYS
local tokens, stamps, caps, rates = {}, {}, {}, {}
local allowed = 1
local retry = 0
for i = 1, n do
  local cap = tonumber(ARGV[1 + 2 * i])
  local rate = tonumber(ARGV[2 + 2 * i])
  if cost > cap then
    return {2, 0, -1, 0, i}
  end
  local h = redis.call('HMGET', KEYS[i], 'tokens', 'ts')
  local tk = tonumber(h[1])
  local ts = tonumber(h[2])
  if tk == nil or ts == nil then
    tk = cap
    ts = now
  end
  -- A clock that went backwards (app time) adds nothing: ts only moves forward.
  if now > ts then
    tk = tk + (now - ts) * rate / 1000
    ts = now
  end
  -- A lowered capacity clips the tokens here; a raised one lets them refill further.
  if tk > cap then tk = cap end
  tokens[i], stamps[i], caps[i], rates[i] = tk, ts, cap, rate
  if tk < cost then
    allowed = 0
    local wait = math.ceil((cost - tk) * 1000 / rate)
    if wait > retry then retry = wait end
  end
end

local worst = 1
local worst_left = nil
for i = 1, n do
  local left = tokens[i]
  if allowed == 1 then
    left = left - cost
    redis.call('HSET', KEYS[i], 'tokens', string.format('%.17g', left), 'ts', string.format('%.17g', stamps[i]))
    -- Idle buckets vanish once they would be full anyway, plus a second of margin.
    redis.call('PEXPIRE', KEYS[i], math.ceil(caps[i] * 1000 / rates[i]) + 1000)
  end
  if worst_left == nil or left < worst_left then
    worst, worst_left = i, left
  end
end

local reset = math.ceil((caps[worst] - worst_left) * 1000 / rates[worst])
return {allowed, math.floor(worst_left), retry, reset, worst}
