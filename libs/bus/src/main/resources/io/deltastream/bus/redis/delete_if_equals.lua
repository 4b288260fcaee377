-- KEYS[1] the key; ARGV[1] the value it must still hold.
-- Releases a lease only for its holder: 1 when deleted, 0 when the key is gone or held by another.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
