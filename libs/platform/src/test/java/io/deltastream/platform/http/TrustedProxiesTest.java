package io.deltastream.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.platform.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private final TrustedProxies proxies = TrustedProxies.parse("TRUSTED_PROXIES",
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.1.7", "fd00::/8", "::1"));

    @Test
    void addressesAndCidrRangesOfBothFamilies() {
        assertThat(proxies.trusts("10.42.3.4")).isTrue();
        assertThat(proxies.trusts("11.0.0.1")).isFalse();
        assertThat(proxies.trusts("172.31.255.255")).isTrue();
        assertThat(proxies.trusts("172.32.0.1")).isFalse();
        assertThat(proxies.trusts("192.168.1.7")).isTrue();
        assertThat(proxies.trusts("192.168.1.8")).isFalse();
        assertThat(proxies.trusts("fd12:3456::1")).isTrue();
        assertThat(proxies.trusts("fe80::1")).isFalse();
        assertThat(proxies.trusts("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(proxies.trusts("127.0.0.1")).isFalse();
        assertThat(proxies.trusts("localhost")).isFalse();
        assertThat(proxies.trusts("")).isFalse();
        assertThat(TrustedProxies.none().trusts("10.0.0.1")).isFalse();
        assertThat(TrustedProxies.parse("V", List.of("0.0.0.0/0")).trusts("203.0.113.9")).isTrue();
    }

    @Test
    void onlyTheEntryTheTrustedProxyAppendedNamesTheClient() {
        assertThat(proxies.client("10.0.0.5", "1.2.3.4, 203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(proxies.client("10.0.0.5", null)).isEqualTo("10.0.0.5");
        assertThat(proxies.client("10.0.0.5", "not-an-address")).isEqualTo("10.0.0.5");
        assertThat(proxies.client("10.0.0.5", "1.2.3.4,")).isEqualTo("10.0.0.5");
        assertThat(proxies.client("10.0.0.5", "1.1.1.1," + "9".repeat(5000))).isEqualTo("10.0.0.5");
        // an untrusted peer's header is its own invention
        assertThat(proxies.client("198.51.100.1", "203.0.113.9")).isEqualTo("198.51.100.1");
    }

    @Test
    void entriesThatAreNeitherAddressNorRangeStopStartUpNamingTheVariable() {
        for (String bad : List.of("gateway", "10.0.0.0/33", "10.0.0.0/x", "fd00::/129", "300.1.1.1", "10.0.0.1/-1")) {
            assertThatThrownBy(() -> TrustedProxies.parse("GATEWAY_TRUSTED_PROXIES", List.of(bad)))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageStartingWith("GATEWAY_TRUSTED_PROXIES");
        }
    }
}
