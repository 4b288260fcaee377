-- Applies the cache writes and publishes encoded in ARGV from index `start` on (see RedisEffects.encode):
--   P topic payload | S key value ttl_ms | H key field value ttl_ms | Z key score member | R key score
local function apply_effects(start)
  local i = start
  while i <= #ARGV do
    local op = ARGV[i]
    if op == 'P' then
      redis.call('PUBLISH', ARGV[i + 1], ARGV[i + 2]); i = i + 3
    elseif op == 'S' then
      redis.call('SET', ARGV[i + 1], ARGV[i + 2], 'PX', ARGV[i + 3]); i = i + 4
    elseif op == 'H' then
      redis.call('HSET', ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]); redis.call('PEXPIRE', ARGV[i + 1], ARGV[i + 4]); i = i + 5
    elseif op == 'Z' then
      redis.call('ZADD', ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]); i = i + 4
    elseif op == 'R' then
      redis.call('ZREMRANGEBYSCORE', ARGV[i + 1], '-inf', '(' .. ARGV[i + 2]); i = i + 3
    else
      return redis.error_reply('unknown effect op ' .. tostring(op))
    end
  end
end
