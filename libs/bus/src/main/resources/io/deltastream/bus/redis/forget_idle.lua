-- Removes from group ARGV[1] of stream KEYS[1] the consumers idle for more than ARGV[2] ms that hold no pending
-- entries: those of dead workers, once their entries were reclaimed. In one script so that a consumer is never
-- removed with pending entries (its entries would then belong to nobody). A live consumer removed after a long stall
-- is recreated by its next read. Returns how many were removed.
local consumers = redis.pcall('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])
if consumers.err then
  return 0
end
local removed = 0
for _, c in ipairs(consumers) do
  local info = {}
  for i = 1, #c, 2 do
    info[c[i]] = c[i + 1]
  end
  if info['pending'] == 0 and info['idle'] > tonumber(ARGV[2]) then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], info['name'])
    removed = removed + 1
  end
end
return removed
