package io.deltastream.bus.redis;

import io.deltastream.bus.Cache;
import io.deltastream.bus.Effects;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cache on Redis strings, hashes and sorted sets; {@link #apply} is one Lua script, hence atomic. */
final class RedisCache implements Cache {
    private final StatefulRedisConnection<String, String> connection;
    private final RedisScripts scripts;

    RedisCache(StatefulRedisConnection<String, String> connection, RedisScripts scripts) {
        this.connection = connection;
        this.scripts = scripts;
    }

    private RedisCommands<String, String> redis() {
        return connection.sync();
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(redis().get(key));
    }

    @Override
    public Map<String, String> getAll(Collection<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        for (KeyValue<String, String> kv : redis().mget(keys.toArray(String[]::new))) {
            if (kv.hasValue()) {
                out.put(kv.getKey(), kv.getValue());
            }
        }
        return out;
    }

    @Override
    public void set(String key, String value, Duration ttl) {
        redis().set(key, value, SetArgs.Builder.px(ttl.toMillis()));
    }

    @Override
    public boolean setIfAbsent(String key, String value, Duration ttl) {
        return "OK".equals(redis().set(key, value, SetArgs.Builder.nx().px(ttl.toMillis())));
    }

    @Override
    public boolean expireIfEquals(String key, String expected, Duration ttl) {
        return scripts.run(RedisScripts.Script.EXPIRE_IF_EQUALS, new String[] {key}, expected,
                Long.toString(ttl.toMillis())) == 1;
    }

    @Override
    public boolean deleteIfEquals(String key, String expected) {
        return scripts.run(RedisScripts.Script.DELETE_IF_EQUALS, new String[] {key}, expected) == 1;
    }

    @Override
    public long increment(String key, Duration ttl) {
        return scripts.run(RedisScripts.Script.INCREMENT, new String[] {key}, Long.toString(ttl.toMillis()));
    }

    @Override
    public boolean delete(String key) {
        return redis().del(key) > 0;
    }

    @Override
    public Optional<Duration> ttl(String key) {
        long ms = redis().pttl(key);
        return ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms));
    }

    @Override
    public Map<String, String> hashGetAll(String key) {
        return redis().hgetall(key);
    }

    @Override
    public List<String> indexMembers(String key, double minScore) {
        List<String> members = new ArrayList<>(redis().zrangebyscore(key, Range.create(minScore, Double.POSITIVE_INFINITY)));
        members.sort(null);
        return members;
    }

    @Override
    public void apply(Effects effects) {
        if (effects.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>();
        RedisScripts.encode(effects, args);
        scripts.run(RedisScripts.Script.APPLY, new String[0], args.toArray(String[]::new));
    }
}
