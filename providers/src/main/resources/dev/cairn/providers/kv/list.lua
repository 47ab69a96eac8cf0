-- One page of keys in byte order. KEYS[1] the key index; ARGV: min, max (ZRANGEBYLEX bounds),
-- limit, nowMs, entry key prefix. Names whose entry has gone (expired or lost) are removed from
-- the index on the way; at most 10,000 names are looked at per call. Returns name, metadata,
-- expiresAtMs triples, then "1" if more may follow and the name to continue after.
local out = {}
local want = tonumber(ARGV[3]) + 1
local min = ARGV[1]
local found = 0
local scanned = 0
local last = ''
local lastIncluded = ''
while found < want and scanned < 10000 do
  local names = redis.call('ZRANGEBYLEX', KEYS[1], min, ARGV[2], 'LIMIT', 0, want)
  if #names == 0 then break end
  for _, name in ipairs(names) do
    scanned = scanned + 1
    local entry = redis.call('HMGET', ARGV[5] .. name, 'm', 'e')
    if entry[2] and (entry[2] == '0' or tonumber(entry[2]) > tonumber(ARGV[4])) then
      if found < want then
        found = found + 1
        if found < want then
          table.insert(out, name); table.insert(out, entry[1]); table.insert(out, entry[2])
          lastIncluded = name
        end
      end
    elseif not entry[2] then
      redis.call('ZREM', KEYS[1], name)
    end
    if found < want then last = name end
    min = '(' .. name
  end
end
if found == want then
  table.insert(out, '1'); table.insert(out, lastIncluded)
elseif scanned >= 10000 then
  table.insert(out, '1'); table.insert(out, last)
else
  table.insert(out, '0'); table.insert(out, '')
end
return out
