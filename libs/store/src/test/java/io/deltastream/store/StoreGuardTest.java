package io.deltastream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiHandler;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class StoreGuardTest {

    @Test
    void aStoreFailureIs503StoreUnavailableWithoutItsText() {
        ApiHandler failing = req -> {
            throw new StoreException("disk I/O error at /data/market.db", new IOException("EIO"));
        };
        assertThatThrownBy(() -> StoreGuard.guarded(failing).handle(null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.body()).containsEntry("error", "Store unavailable");
                    assertThat(e.body().toString()).doesNotContain("market.db");
                });
    }

    @Test
    void answersAndOtherErrorsPassThroughUnchanged() throws Exception {
        assertThat(StoreGuard.guarded(req -> "ok").handle(null)).isEqualTo("ok");
        ApiException notFound = ApiException.notFound("Unknown product 'X'");
        assertThatThrownBy(() -> StoreGuard.guarded(req -> {
            throw notFound;
        }).handle(null)).isSameAs(notFound);
    }
}
