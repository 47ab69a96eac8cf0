-- KEYS[1] the entry's hash, KEYS[2] the key index; ARGV[1] the name
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
