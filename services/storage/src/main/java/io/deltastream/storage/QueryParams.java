package io.deltastream.storage;

import io.deltastream.market.product.ProductUniverse;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiRequest;
import io.deltastream.store.Filter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** Validation of the path and query parameters shared by the storage routes. */
final class QueryParams {
    /** The largest {@code limit} accepted by any history route. */
    static final int MAX_LIMIT = 1000;

    private final ProductUniverse universe;

    QueryParams(ProductUniverse universe) {
        this.universe = universe;
    }

    /** The {@code product} path parameter; 404 when the universe does not list it. */
    String product(ApiRequest req) {
        return universe.requireListed(req.path("product")).name();
    }

    java.util.List<String> universeNames() {
        return universe.names();
    }

    /** {@code product} if the universe lists it; 404 otherwise. */
    String listed(String product) {
        return universe.requireListed(product).name();
    }

    /** {@code limit}: 1 to {@link #MAX_LIMIT}, {@code defaultValue} when absent. */
    static int limit(ApiRequest req, int defaultValue) {
        return req.queryInt("limit", defaultValue, 1, MAX_LIMIT);
    }

    /** {@code expiry} as {@code YYYY-MM-DD}, when given. */
    static Optional<LocalDate> expiry(ApiRequest req) {
        return req.queryDate("expiry");
    }

    /** {@code filter} restricted to the inclusive {@code start}..{@code end} range (ISO-8601) when given. */
    static Filter timeRange(ApiRequest req, Filter filter) {
        Optional<Instant> start = req.queryInstant("start");
        Optional<Instant> end = req.queryInstant("end");
        if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
            throw ApiException.badRequest("Query parameter 'start' must not be after 'end'");
        }
        Filter f = filter;
        if (start.isPresent()) {
            f = f.from(start.get());
        }
        if (end.isPresent()) {
            f = f.to(end.get());
        }
        return f;
    }
}
