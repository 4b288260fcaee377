package io.deltastream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {
    @Test
    void findsTheSelectedMetricsAndNothingElse() {
        assertThat(PromQl.metricNames("sum by (service, uri) (rate(http_server_requests_seconds_count"
                + "{service=~\"$service\", status=~\"5..\"}[$__rate_interval])) / sum by (service) "
                + "(rate(http_server_requests_seconds_sum[5m])) > 0.05"))
                .containsExactly("http_server_requests_seconds_count", "http_server_requests_seconds_sum");
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le) (rate(socket_delivery_latency_seconds_bucket[1m])))"))
                .containsExactly("socket_delivery_latency_seconds_bucket");
        assertThat(PromQl.metricNames("up{job=~\"a|b\"} == 0 and on(instance) absent(x_total) or vector(1e3)"))
                .containsExactly("up", "x_total");
        assertThat(PromQl.metricNames("max(enricher_feed_to_enriched_seconds{quantile=\"0.99\"}) > 2"))
                .containsExactly("enricher_feed_to_enriched_seconds");
    }
}
