-- KEYS[1] the counter; ARGV[1] the time to live in ms of a new counter (its window).
-- Returns the count after adding 1; only the first increment of a window sets the expiry.
local n = redis.call('INCR', KEYS[1])
if n == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return n
