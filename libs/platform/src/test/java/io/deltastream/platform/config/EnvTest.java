package io.deltastream.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvTest {
    @Test
    void defaultsApplyWhenUnsetOrBlank() {
        Env env = Env.of(Map.of("PORT", "  "));
        assertThat(env.port("PORT", 8003)).isEqualTo(8003);
        assertThat(env.positiveNumber("FEED_INTERVAL", 1.0, 3600)).isEqualTo(1.0);
        assertThat(env.string("X", "d")).isEqualTo("d");
    }

    @Test
    void badPortNamesTheVariable() {
        Env env = Env.of(Map.of("PORT", "abc"));
        assertThatThrownBy(() -> env.port("PORT", 8000))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PORT must be an integer from 0 to 65535, got 'abc'");
        assertThatThrownBy(() -> Env.of(Map.of("PORT", "70000")).port("PORT", 8000))
                .hasMessageContaining("PORT");
    }

    @Test
    void negativeOrZeroIntervalIsRefused() {
        for (String bad : List.of("-1", "0", "NaN", "Infinity", "1s")) {
            assertThatThrownBy(() -> Env.of(Map.of("FEED_INTERVAL", bad)).positiveNumber("FEED_INTERVAL", 1, 3600))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("FEED_INTERVAL must be a number greater than 0");
        }
        assertThat(Env.of(Map.of("FEED_INTERVAL", "0.25")).seconds("FEED_INTERVAL", Duration.ofSeconds(1),
                Duration.ofHours(1))).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void choicesBooleansAndUrls() {
        Env env = Env.of(Map.of("FEED_PROVIDER", "Synthetic", "B", "maybe", "REDIS_URL", "http://x",
                "MONGO_URL", "mongodb://user:pw@host:27017/db"));
        assertThat(env.choice("FEED_PROVIDER", "synthetic", Set.of("synthetic", "replay"))).isEqualTo("synthetic");
        assertThatThrownBy(() -> Env.of(Map.of("FEED_PROVIDER", "kafka")).choice("FEED_PROVIDER", "synthetic",
                Set.of("synthetic", "replay")))
                .hasMessage("FEED_PROVIDER must be one of replay, synthetic, got 'kafka'");
        assertThatThrownBy(() -> env.bool("B", false)).hasMessage("B must be true or false, got 'maybe'");
        assertThatThrownBy(() -> env.uri("REDIS_URL", Set.of("redis", "rediss"))).hasMessageStartingWith("REDIS_URL");
        assertThat(env.uri("MONGO_URL", Set.of("mongodb")).orElseThrow().getHost()).isEqualTo("host");
    }

    @Test
    void credentialsNeverAppearInErrors() {
        Env env = Env.of(Map.of("REDIS_URL", "ftp://user:s3cret@host/0"));
        assertThatThrownBy(() -> env.uri("REDIS_URL", Set.of("redis")))
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void listsAreTrimmed() {
        assertThat(Env.of(Map.of("L", " a, b ,,c")).list("L", List.of())).containsExactly("a", "b", "c");
    }

    @Test
    void aRecordingEnvironmentNamesEveryVariableAskedForAlsoThroughDerivedOnes() {
        Set<String> read = new java.util.TreeSet<>();
        Env env = Env.recording(Map.of("A", "1"), read::add);
        env.integer("A", 0, 0, 9);
        env.with("C", "x").bool("B", false);
        env.isSet("D");
        assertThat(read).containsExactly("A", "B", "D");
    }
}
