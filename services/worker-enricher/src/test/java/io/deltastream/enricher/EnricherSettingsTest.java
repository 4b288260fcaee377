package io.deltastream.enricher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.market.store.MarketRetention;
import io.deltastream.market.store.StoredTick;
import io.deltastream.market.wire.UnderlyingTick;
import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import io.deltastream.store.Filter;
import io.deltastream.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnricherSettingsTest {
    @TempDir
    Path dir;

    @Test
    void defaultsZeroSnapshotAndBadValues() {
        EnricherSettings d = EnricherSettings.from(Env.of(Map.of()));
        assertThat(d.concurrency()).isEqualTo(2);
        assertThat(d.batchSize()).isEqualTo(50);
        assertThat(d.chainSnapshot()).isZero();
        assertThat(d.chainFullResolution()).isEqualTo(Duration.ofHours(1));
        assertThat(d.retention().chains()).isEqualTo(Duration.ofDays(90));
        assertThat(d.quoteSnapshot()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.pruneEvery()).isEqualTo(Duration.ofHours(1));
        assertThat(d.retention()).isEqualTo(MarketRetention.DEFAULTS);
        assertThat(EnricherSettings.from(Env.of(Map.of("CHAIN_SNAPSHOT_SECONDS", "0"))).chainSnapshot()).isZero();
        assertThat(EnricherSettings.from(Env.of(Map.of("CHAIN_SNAPSHOT_SECONDS", "2.5"))).chainSnapshot())
                .isEqualTo(Duration.ofMillis(2500));
        assertThatThrownBy(() -> EnricherSettings.from(Env.of(Map.of("WORKER_CONCURRENCY", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WORKER_CONCURRENCY");
        assertThat(EnricherSettings.from(Env.of(Map.of("CHAIN_FULL_RESOLUTION_MINUTES", "15"))).chainFullResolution())
                .isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> EnricherSettings.from(Env.of(Map.of("CHAIN_FULL_RESOLUTION_MINUTES", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CHAIN_FULL_RESOLUTION_MINUTES");
        assertThatThrownBy(() -> EnricherSettings.from(Env.of(Map.of("CHAIN_FULL_RESOLUTION_MINUTES", "120",
                "CHAIN_RETENTION_DAYS", "0.05")))).isInstanceOf(ConfigException.class)
                .hasMessage("CHAIN_FULL_RESOLUTION_MINUTES (120) must not exceed CHAIN_RETENTION_DAYS");
        assertThatThrownBy(() -> EnricherSettings.from(Env.of(Map.of("CHAIN_SNAPSHOT_SECONDS", "-1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CHAIN_SNAPSHOT_SECONDS");
    }

    @Test
    void pruningDeletesOnlyDocumentsPastTheirRetention() {
        Instant now = Instant.parse("2026-11-25T05:00:00Z");
        MarketRetention retention = MarketRetention.from(Env.of(Map.of("TICK_RETENTION_DAYS", "1")));
        try (SqliteStore sqlite = new SqliteStore(dir.resolve("m.db"), false)) {
            MarketStore store = MarketStore.open(sqlite, retention);
            store.ticks().insertAllNew(List.of(
                    StoredTick.toDocument("old", new UnderlyingTick("NIFTY", 1, now.minus(Duration.ofHours(25)), 0), now),
                    StoredTick.toDocument("new", new UnderlyingTick("NIFTY", 1, now.minus(Duration.ofHours(23)), 1), now)));
            Map<String, Long> deleted = store.prune(Clock.fixed(now, ZoneOffset.UTC));
            assertThat(deleted).containsEntry("underlying_ticks", 1L);
            assertThat(store.ticks().findById("new")).isPresent();
            assertThat(store.ticks().count(Filter.all())).isEqualTo(1);
        }
    }
}
