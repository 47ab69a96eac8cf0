-- Compare-and-set. KEYS[1] the entry's hash, KEYS[2] the key index.
-- ARGV: name, nowMs, expectPresent ("1"/"0"), expected, value, metadata, expiresAtMs
local e = redis.call('HGET', KEYS[1], 'e')
local live = e and (e == '0' or tonumber(e) > tonumber(ARGV[2]))
if ARGV[3] == '1' then
  if not live or redis.call('HGET', KEYS[1], 'v') ~= ARGV[4] then return 0 end
elseif live then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'v', ARGV[5], 'm', ARGV[6], 'e', ARGV[7])
if ARGV[7] ~= '0' then redis.call('PEXPIREAT', KEYS[1], ARGV[7]) end
redis.call('ZADD', KEYS[2], 0, ARGV[1])
return 1
