-- KEYS[1] the entry's hash, KEYS[2] the namespace's key index (a sorted set, all scores 0)
-- ARGV: name, value, metadata, expiresAtMs ("0" for never)
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'm', ARGV[3], 'e', ARGV[4])
if ARGV[4] ~= '0' then redis.call('PEXPIREAT', KEYS[1], ARGV[4]) end
redis.call('ZADD', KEYS[2], 0, ARGV[1])
return 1
