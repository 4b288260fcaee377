package io.deltastream.analytics;

import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.product.Product;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiRequest;
import java.time.LocalDate;
import java.util.Optional;

/** Validation of the analytics routes' parameters. */
final class Params {
    static final String EXPIRY_REQUIRED = "Expiry parameter required";

    private final ProductUniverse universe;

    Params(ProductUniverse universe) {
        this.universe = universe;
    }

    /** The {@code product} path parameter; 404 when it is not a listed product. */
    Product product(ApiRequest req) {
        return universe.requireListed(req.path("product"));
    }

    /** The continuously compounded rate of the product's currency (fraction). */
    double rate(String product) {
        return universe.find(product).map(Product::rate).orElse(0.0);
    }

    /** The required {@code expiry} query parameter (reference text when absent). */
    static LocalDate requiredExpiry(ApiRequest req) {
        return req.queryDate("expiry").orElseThrow(() -> ApiException.badRequest(EXPIRY_REQUIRED));
    }

    static Optional<LocalDate> expiry(ApiRequest req) {
        return req.queryDate("expiry");
    }

    /** {@code window}: minutes, one of the cached candle windows ({@code 5} or {@code 5m}), default 5. */
    static int window(ApiRequest req) {
        String v = req.query("window").orElse("5").trim();
        return CacheKeys.ohlcWindow(v).orElseThrow(() -> ApiException.badRequest(
                "Query parameter 'window' must be one of " + CacheKeys.OHLC_WINDOWS + " (minutes), got '" + v + "'"));
    }
}
