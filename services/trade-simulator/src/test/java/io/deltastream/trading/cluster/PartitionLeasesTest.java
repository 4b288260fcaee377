package io.deltastream.trading.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.testkit.Eventually;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Leases of the partitions between instances sharing one cache: share, hand-over, takeover, clean release. */
class PartitionLeasesTest {
    private static final int PARTITIONS = 8;

    /** What an instance was told to serve. */
    private static final class Served implements PartitionLeases.Holder {
        final Set<Integer> serving = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final List<Integer> handedOver = new CopyOnWriteArrayList<>();
        final List<Integer> lost = new CopyOnWriteArrayList<>();

        @Override
        public void gained(Set<Integer> partitions) {
            assertThat(serving).doesNotContainAnyElementsOf(partitions);
            serving.addAll(partitions);
        }

        @Override
        public void lost(int partition) {
            lost.add(partition);
            serving.remove(partition);
        }

        @Override
        public void handOver(int partition) {
            handedOver.add(partition);
            serving.remove(partition);
        }
    }

    private static PartitionLeases leases(Bus bus, String id, Duration ttl) {
        return new PartitionLeases(bus.cache(), PARTITIONS, id, "http://" + id, ttl, System::nanoTime,
                System::currentTimeMillis);
    }

    @Test
    void instancesShareThePartitionsAndASurvivorTakesOverADeadOnesAfterItsLeasesExpire() throws Exception {
        try (Bus bus = Buses.open(BusConfig.DEFAULTS)) {
            // long enough for the steps before "a stops renewing" to finish within it on a loaded machine
            Duration ttl = Duration.ofSeconds(5);
            PartitionLeases a = leases(bus, "a", ttl);
            PartitionLeases b = leases(bus, "b", ttl);
            Served servedA = new Served();
            Served servedB = new Served();
            a.start(servedA);
            assertThat(a.held()).hasSize(PARTITIONS);
            assertThat(servedA.serving).hasSize(PARTITIONS);
            b.start(servedB);
            assertThat(b.held()).as("nothing is free yet").isEmpty();
            a.tick();
            assertThat(servedA.handedOver).hasSize(PARTITIONS / 2);
            b.tick();
            assertThat(a.held()).hasSize(PARTITIONS / 2);
            assertThat(b.held()).hasSize(PARTITIONS / 2).doesNotContainAnyElementsOf(a.held());
            assertThat(servedB.serving).isEqualTo(b.held());
            for (int p : b.held()) {
                assertThat(a.ownerUrl(p)).contains("http://b");
                assertThat(a.holds(p)).isFalse();
                assertThat(b.holds(p)).isTrue();
            }
            Set<Integer> ofA = new HashSet<>(a.held());
            // a stops renewing (killed: nothing released); its leases stay a's until they expire
            b.tick();
            assertThat(b.held()).doesNotContainAnyElementsOf(ofA);
            Eventually.until("b takes a's partitions", () -> {
                b.tick();
                return b.held().size() == PARTITIONS;
            });
            assertThat(servedB.serving).hasSize(PARTITIONS);
            assertThat(ofA).allSatisfy(p -> assertThat(a.holds(p)).as("a's own view of its expired lease").isFalse());
            // a comes back from its pause: its renewals fail, so it stops serving without touching b's leases
            a.tick();
            assertThat(servedA.lost).containsExactlyInAnyOrderElementsOf(ofA);
            assertThat(servedA.serving).isEmpty();
            assertThat(b.held()).hasSize(PARTITIONS);
            assertThat(a.ownerUrl(ofA.iterator().next())).contains("http://b");
            b.close();
            assertThat(servedB.handedOver).hasSize(PARTITIONS);
            for (int p = 0; p < PARTITIONS; p++) {
                assertThat(a.ownerUrl(p)).as("released").isEmpty();
            }
        }
    }

    @Test
    void usersMapOntoPartitionsStably() {
        assertThat(PartitionLeases.partitionOf("abcdefabcdefabcdefabcdef", 64))
                .isEqualTo(Math.floorMod("abcdefabcdefabcdefabcdef".hashCode(), 64));
        Set<Integer> seen = new HashSet<>();
        for (int u = 0; u < 1000; u++) {
            int p = PartitionLeases.partitionOf(String.format("%024x", u), 64);
            assertThat(p).isBetween(0, 63);
            seen.add(p);
        }
        assertThat(seen).hasSize(64);
    }
}
