-- Moves retries whose backoff has passed back onto their queues.
-- KEYS[1] retry schedule; ARGV[1] now ms, ARGV[2] most to move, ARGV[3] queue MAXLEN. Returns how many moved.
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
for _, member in ipairs(due) do
  local m = cjson.decode(member)
  if m.traceparent then
    redis.call('XADD', m.queue, 'MAXLEN', '~', ARGV[3], '*', 'id', m.id, 'payload', m.payload,
      'attempt', tostring(m.attempt), 'traceparent', m.traceparent)
  else
    redis.call('XADD', m.queue, 'MAXLEN', '~', ARGV[3], '*', 'id', m.id, 'payload', m.payload,
      'attempt', tostring(m.attempt))
  end
  redis.call('ZREM', KEYS[1], member)
end
return #due
