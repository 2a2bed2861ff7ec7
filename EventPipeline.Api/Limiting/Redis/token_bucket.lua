-- Token buckets for a batch of decisions. Each decision checks its buckets and takes its cost from
-- all of them or from none; decisions apply in order, so two in one batch on the same bucket see
-- each other exactly as two calls would. Each bucket is a string of two little-endian doubles,
-- tokens and ts (milliseconds): one GET and one SET PX per bucket, where a hash took HMGET, HSET,
-- PEXPIRE and two string.format calls (Redis's own cost per decision fell by about a third).
-- ARGV[1] = app time in ms, or -1 to use the Redis clock (TIME); then per decision:
--   n (its number of buckets), cost, and per bucket: capacity, refill tokens per second.
-- KEYS holds the decisions' buckets one after the other.
-- Returns one string: per decision five little-endian doubles, status, remaining, retry_after_ms,
-- reset_ms, index (one bulk reply, where a table of 5 integers per decision had Redis build and the
-- client parse and allocate one reply each). Status 1 allowed,
-- 0 limited, 2 cost larger than a bucket's capacity (never admissible); the figures are those of
-- the most constraining bucket (index, 1-based); retry_after_ms is when cost tokens are in every bucket.
local now = tonumber(ARGV[1])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end

-- A bucket stored by an earlier version as a hash {tokens, ts}: read once, then replaced by the SET.
local function stored(key)
  local packed = redis.pcall('GET', key)
  if type(packed) == 'string' then
    return struct.unpack('<dd', packed)
  end
  if type(packed) == 'table' and packed.err then
    local h = redis.call('HMGET', key, 'tokens', 'ts')
    return tonumber(h[1]), tonumber(h[2])
  end
  return nil, nil
end

-- Reused by every decision of the batch: only entries 1..n of the current one are read.
local tokens, stamps, caps, rates = {}, {}, {}, {}

local function decide(first_key, first_arg, n, cost)
  local allowed = 1
  local retry = 0
  for i = 1, n do
    local cap = tonumber(ARGV[first_arg + 2 * i - 2])
    local rate = tonumber(ARGV[first_arg + 2 * i - 1])
    if cost > cap then
      return 2, 0, -1, 0, i
    end
    local key = KEYS[first_key + i - 1]
    local tk, ts = stored(key)
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
      local key = KEYS[first_key + i - 1]
      left = left - cost
      -- Idle buckets vanish once they would be full anyway, plus a second of margin.
      redis.call('SET', key, struct.pack('<dd', left, stamps[i]), 'PX', math.ceil(caps[i] * 1000 / rates[i]) + 1000)
    end
    if worst_left == nil or left < worst_left then
      worst, worst_left = i, left
    end
  end

  local reset = math.ceil((caps[worst] - worst_left) * 1000 / rates[worst])
  return allowed, math.floor(worst_left), retry, reset, worst
end

local answers = {}
local key = 1
local arg = 2
while arg <= #ARGV do
  local n = tonumber(ARGV[arg])
  local cost = tonumber(ARGV[arg + 1])
  answers[#answers + 1] = struct.pack('<ddddd', decide(key, arg + 2, n, cost))
  key = key + n
  arg = arg + 2 + 2 * n
end
return table.concat(answers)
