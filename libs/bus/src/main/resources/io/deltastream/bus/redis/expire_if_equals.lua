-- KEYS[1] the key; ARGV[1] the value it must still hold; ARGV[2] the new time to live in ms.
-- Renews a lease only for its holder: 1 when renewed, 0 when the key is gone or held by another.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
