package io.deltastream.store;

import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiHandler;

/** How HTTP routes that read or write the store report its failures. */
public final class StoreGuard {
    private StoreGuard() {
    }

    /**
     * {@code handler}, with a {@link StoreException} answered as 503 {@code Store unavailable}: a store failure is
     * the dependency's, not the client's, so never a 500 carrying its text.
     */
    public static ApiHandler guarded(ApiHandler handler) {
        return req -> {
            try {
                return handler.handle(req);
            } catch (StoreException e) {
                throw ApiException.unavailable("Store unavailable");
            }
        };
    }
}
