-- Acknowledges a delivery and applies its effects exactly once.
-- KEYS[1] stream, KEYS[2] processed-id key; ARGV[1] group, ARGV[2] entry id, ARGV[3] dedup TTL ms, effects from 4.
-- Returns 0 when the entry was already acknowledged (another consumer it was reclaimed by settled it first),
-- 2 when the message id was processed before (sent twice), 1 when the effects were applied now.
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then
  return 0
end
redis.call('XDEL', KEYS[1], ARGV[2])
if not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[3]) then
  return 2
end
local err = apply_effects(4)
if err then
  return err
end
return 1
