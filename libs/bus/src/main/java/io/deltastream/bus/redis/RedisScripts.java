package io.deltastream.bus.redis;

import io.deltastream.bus.Effects;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The Lua scripts that make each settlement atomic (acknowledge + dedup + effects, acknowledge + retry/dead-letter,
 * due retries back to their queue, dead-letter replay) the owner-checked lease renewal and release, and the windowed counter, run by SHA with a reload when Redis has lost them (after a
 * restart).
 */
final class RedisScripts {
    enum Script {
        APPLY("apply.lua", true),
        ACK("ack.lua", true),
        FAIL("fail.lua", false),
        MOVE_DUE("move_due.lua", false),
        FORGET_IDLE("forget_idle.lua", false),
        REPLAY("replay.lua", false),
        EXPIRE_IF_EQUALS("expire_if_equals.lua", false),
        DELETE_IF_EQUALS("delete_if_equals.lua", false),
        INCREMENT("increment.lua", false);

        private final String resource;
        private final boolean usesEffects;

        Script(String resource, boolean usesEffects) {
            this.resource = resource;
            this.usesEffects = usesEffects;
        }
    }

    private final StatefulRedisConnection<String, String> connection;
    private final Map<Script, String> source = new EnumMap<>(Script.class);
    private final Map<Script, String> sha = new EnumMap<>(Script.class);

    RedisScripts(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
        String effects = read("effects.lua");
        for (Script s : Script.values()) {
            String text = (s.usesEffects ? effects + "\n" : "") + read(s.resource);
            source.put(s, text);
            sha.put(s, connection.sync().digest(text));
        }
    }

    private static String read(String resource) {
        try (InputStream in = RedisScripts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code script} and returns its integer result. */
    long run(Script script, String[] keys, String... args) {
        try {
            return connection.sync().<Long>evalsha(sha.get(script), ScriptOutputType.INTEGER, keys, args);
        } catch (RedisNoScriptException e) {
            return connection.sync().<Long>eval(source.get(script), ScriptOutputType.INTEGER, keys, args);
        }
    }

    /** {@link #run} without waiting, for pipelining a batch's settlements. */
    CompletionStage<Long> runAsync(Script script, String[] keys, String... args) {
        RedisFuture<Long> f = connection.async().evalsha(sha.get(script), ScriptOutputType.INTEGER, keys, args);
        return f.handle((v, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(v);
            }
            if (e instanceof RedisNoScriptException || e.getCause() instanceof RedisNoScriptException) {
                return connection.async().<Long>eval(source.get(script), ScriptOutputType.INTEGER, keys, args)
                        .toCompletableFuture();
            }
            return CompletableFuture.<Long>failedFuture(e);
        }).thenCompose(x -> x);
    }

    /** Encodes effects as script arguments (see effects.lua), appended to {@code args}. */
    static void encode(Effects effects, List<String> args) {
        for (Effects.Op op : effects.ops()) {
            switch (op) {
                case Effects.Publish p -> args.addAll(List.of("P", p.topic(), p.payload()));
                case Effects.Set s -> args.addAll(List.of("S", s.key(), s.value(), Long.toString(s.ttl().toMillis())));
                case Effects.HashPut h -> args.addAll(List.of("H", h.key(), h.field(), h.value(),
                        Long.toString(h.ttl().toMillis())));
                case Effects.IndexPut i -> args.addAll(List.of("Z", i.key(), score(i.score()), i.member()));
                case Effects.IndexRemoveBelow r -> args.addAll(List.of("R", r.key(), score(r.score())));
            }
        }
    }

    /** A score as Redis parses it (plain decimal, no exponent). */
    static String score(double v) {
        return BigDecimal.valueOf(v).toPlainString();
    }
}
