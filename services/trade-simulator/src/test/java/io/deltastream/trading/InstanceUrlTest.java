package io.deltastream.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class InstanceUrlTest {
    @Test
    void anInstanceIsReachedAtItsAddressNotItsName() throws Exception {
        InetAddress pod = InetAddress.getByAddress("trade-simulator-7d9f8-x2k4q", new byte[]{10, 42, 1, 17});
        assertThat(TradeSimulatorService.instanceUrl(pod, 8007)).isEqualTo("http://10.42.1.17:8007");
    }

    @Test
    void anIpv6AddressIsBracketed() throws Exception {
        InetAddress pod = InetAddress.getByName("fd00:10:244::1f");
        assertThat(TradeSimulatorService.instanceUrl(pod, 8007)).isEqualTo("http://[fd00:10:244:0:0:0:0:1f]:8007");
        assertThat(java.net.URI.create(TradeSimulatorService.instanceUrl(pod, 8007)).getPort()).isEqualTo(8007);
    }
}
