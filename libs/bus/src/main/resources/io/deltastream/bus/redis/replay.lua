-- Moves one dead letter back onto its queue as a first attempt, with its original trace context when it had one.
-- KEYS[1] dead-letter stream; ARGV[1] entry id, ARGV[2] queue MAXLEN. Returns 1 if replayed, 0 if not found.
local e = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
if #e == 0 then
  return 0
end
local f = e[1][2]
local h = {}
for i = 1, #f, 2 do
  h[f[i]] = f[i + 1]
end
if h['traceparent'] then
  redis.call('XADD', h['queue'], 'MAXLEN', '~', ARGV[2], '*', 'id', h['message_id'], 'payload', h['payload'],
    'attempt', '1', 'traceparent', h['traceparent'])
else
  redis.call('XADD', h['queue'], 'MAXLEN', '~', ARGV[2], '*', 'id', h['message_id'], 'payload', h['payload'],
    'attempt', '1')
end
redis.call('XDEL', KEYS[1], ARGV[1])
return 1
