-- Settles a failed or rejected delivery: schedules a retry or dead-letters it, only if it was still pending.
-- KEYS[1] stream, KEYS[2] retry schedule (sorted set), KEYS[3] dead-letter stream.
-- ARGV[1] group, ARGV[2] entry id, ARGV[3] 'retry' or 'dead'.
--   retry: ARGV[4] due time ms, ARGV[5] the retry member (JSON: queue, id, payload, attempt)
--   dead:  ARGV[4] dead-letter MAXLEN, ARGV[5..] field/value pairs of the dead letter
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then
  return 0
end
redis.call('XDEL', KEYS[1], ARGV[2])
if ARGV[3] == 'retry' then
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
else
  local fields = {}
  for i = 5, #ARGV do
    fields[#fields + 1] = ARGV[i]
  end
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[4], '*', unpack(fields))
end
return 1
