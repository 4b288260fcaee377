package io.deltastream.trading.risk;

import java.util.Set;

/**
 * The SPAN-like scan parameters, by product class (NSE Clearing's index and stock values by default).
 *
 * @param indexProducts   products margined as indices (the others as stocks)
 * @param priceScanIndex  price scan range of index products, fraction of the underlying (0.093)
 * @param priceScanStock  price scan range of stock products (0.142)
 * @param volScanIndex    volatility scan of index products, absolute volatility (0.04 = 4 points); the scan is the
 *                        larger of this floor and 25% of the option's implied volatility
 * @param volScanStock    volatility scan floor of stock products (0.10)
 * @param exposureIndex   exposure margin on short notional of index products (0.02)
 * @param exposureStock   exposure margin on short notional of stock products (0.035)
 */
public record MarginParameters(Set<String> indexProducts, double priceScanIndex, double priceScanStock,
                               double volScanIndex, double volScanStock, double exposureIndex,
                               double exposureStock) {

    public boolean isIndex(String product) {
        return indexProducts.contains(product);
    }

    public double priceScan(String product) {
        return isIndex(product) ? priceScanIndex : priceScanStock;
    }

    /** The volatility scan for an option of implied volatility {@code iv}. */
    public double volScan(String product, double iv) {
        return Math.max(isIndex(product) ? volScanIndex : volScanStock, 0.25 * iv);
    }

    public double exposureRate(String product) {
        return isIndex(product) ? exposureIndex : exposureStock;
    }
}
