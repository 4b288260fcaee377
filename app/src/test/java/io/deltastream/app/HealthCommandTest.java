package io.deltastream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.platform.service.RunningService;
import io.deltastream.storage.StorageService;
import io.deltastream.testkit.FreePorts;
import io.deltastream.testkit.TestServices;
import org.junit.jupiter.api.Test;

class HealthCommandTest {
    private static int health(String url) {
        return DeltaStream.commandLine().execute("health", url);
    }

    @Test
    void healthyServiceExitsZeroAndAnythingElseOne() {
        try (TestServices platform = new TestServices()) {
            RunningService storage = platform.start(new StorageService());
            assertThat(health(storage.baseUrl() + "/health")).isZero();
            assertThat(health(storage.baseUrl() + "/no-such-route")).isEqualTo(1);
        }
        assertThat(health("http://127.0.0.1:" + FreePorts.next() + "/health")).isEqualTo(1);
    }
}
