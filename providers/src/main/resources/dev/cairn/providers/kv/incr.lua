-- Atomic increment. KEYS[1] the entry's hash, KEYS[2] the key index.
-- ARGV: name, nowMs, delta. Returns the new value, or an error reply "NOT_INTEGER".
local e = redis.call('HGET', KEYS[1], 'e')
local live = e and (e == '0' or tonumber(e) > tonumber(ARGV[2]))
local current = 0
if live then
  local v = redis.call('HGET', KEYS[1], 'v')
  if not string.match(v, '^%-?%d+$') or string.len(v) > 20 then return redis.error_reply('NOT_INTEGER') end
  current = tonumber(v)
end
-- tonumber is a double: refuse what it cannot hold exactly rather than round.
local next = current + tonumber(ARGV[3])
if math.abs(next) > 9007199254740991 then return redis.error_reply('OUT_OF_RANGE') end
redis.call('DEL', KEYS[1])
local text = string.format('%d', next)
redis.call('HSET', KEYS[1], 'v', text, 'm', '', 'e', '0')
redis.call('ZADD', KEYS[2], 0, ARGV[1])
return text
