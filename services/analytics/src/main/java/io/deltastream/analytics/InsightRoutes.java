package io.deltastream.analytics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.store.StoredCandle;
import io.deltastream.market.store.StoredChain;
import io.deltastream.market.wire.Candle;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.SviParams;
import io.deltastream.market.wire.MalformedMessageException;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiRequest;
import io.deltastream.platform.http.Routes;
import io.deltastream.platform.json.Json;
import io.deltastream.quant.candles.OhlcBar;
import io.deltastream.quant.chain.IvStatistics;
import io.deltastream.quant.surface.SmileMetrics;
import io.deltastream.quant.surface.SsviSurface;
import io.deltastream.quant.surface.StaticArbitrage;
import io.deltastream.quant.surface.SviParameters;
import io.deltastream.quant.volatility.RealisedVolatility;
import io.deltastream.store.Filter;
import io.deltastream.store.Order;
import io.deltastream.store.StoreGuard;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Analytics beyond the reference: candle history, term structure, IV rank/percentile, expected move, realised volatility,
 * static-arbitrage checks of the fitted surface.
 */
final class InsightRoutes {
    static final int DEFAULT_CANDLES = 100;
    /** Default IV-rank lookback: a year of sessions. */
    static final int DEFAULT_IV_SESSIONS = 252;
    /** Realised-volatility windows, in sessions. */
    static final List<Integer> REALISED_WINDOWS = List.of(10, 20, 30, 60);
    /** Sessions are built from the stored candles of this window. */
    static final int SESSION_SOURCE_WINDOW = 15;
    private static final int CANDLES_PER_DAY = 24 * 60 / SESSION_SOURCE_WINDOW;

    private final Params params;
    private final MarketView market;

    InsightRoutes(Params params, MarketView market) {
        this.params = params;
        this.market = market;
    }

    void register(Routes routes) {
        routes.get("/candles/{product}", StoreGuard.guarded(this::candles))
                .get("/term-structure/{product}", StoreGuard.guarded(this::termStructure))
                .get("/iv-rank/{product}", StoreGuard.guarded(this::ivRank))
                .get("/expected-move/{product}", StoreGuard.guarded(this::expectedMove))
                .get("/realised-vol/{product}", StoreGuard.guarded(this::realisedVol))
                .get("/surface-quality/{product}", StoreGuard.guarded(this::surfaceQuality));
    }

    /**
     * {@code {"product", "arbitrage_free", "slices": [{"expiry", "time_to_expiry", "min_g", "butterfly_violations":
     * [{"k_from", "k_to", "min_g"}], "wing_slope", "wing_slope_ok"}], "calendar_violations": [{"from_expiry",
     * "to_expiry", "intervals": [{"k_from", "k_to", "max_variance_drop"}]}], "k_min", "k_max", "grid_points"}}: the
     * Gatheral–Jacquier static-arbitrage checks of the live expiries' fitted SVI slices (log-moneyness k = ln(K/F),
     * total variance); expiries without a fit are left out. Also which fit {@code /volatility-surface} serves:
     * {@code surface_model} ({@code svi} or {@code ssvi}, see {@link SurfaceFit}), {@code svi_rmse}, and {@code ssvi}
     * ({@code rho, eta, gamma, rmse, arbitrage_free}: the same checks run on the SSVI slices; null without a fit).
     */
    private Object surfaceQuality(ApiRequest req) {
        String product = params.product(req).name();
        List<StaticArbitrage.Smile> smiles = new ArrayList<>();
        java.util.Map<Double, LocalDate> expiryOf = new java.util.HashMap<>();
        for (LocalDate e : market.liveExpiries(product)) {
            Optional<EnrichedChain> chain = market.latestChain(product, e);
            SviParameters p = chain.map(InsightRoutes::sviParameters).orElse(null);
            if (p != null) {
                smiles.add(new StaticArbitrage.Smile(chain.get().yearsToExpiry(), p));
                expiryOf.put(chain.get().yearsToExpiry(), e);
            }
        }
        if (smiles.isEmpty()) {
            throw ApiException.notFound("No fitted smile available").with("product", product);
        }
        StaticArbitrage check = StaticArbitrage.check(smiles);
        ObjectNode body = Json.object();
        body.put("product", product);
        body.put("arbitrage_free", check.arbitrageFree());
        ArrayNode slices = body.putArray("slices");
        for (StaticArbitrage.SliceCheck s : check.slices()) {
            ObjectNode n = slices.addObject();
            n.put("expiry", expiryOf.get(s.years()).toString());
            n.put("time_to_expiry", s.years());
            n.put("min_g", s.minG());
            ArrayNode violations = n.putArray("butterfly_violations");
            for (StaticArbitrage.Interval v : s.butterflyViolations()) {
                violations.addObject().put("k_from", v.kFrom()).put("k_to", v.kTo()).put("min_g", v.extent());
            }
            n.put("wing_slope", s.wingSlope());
            n.put("wing_slope_ok", s.wingSlopeOk());
        }
        ArrayNode calendar = body.putArray("calendar_violations");
        for (StaticArbitrage.CalendarViolation c : check.calendar()) {
            ObjectNode n = calendar.addObject();
            n.put("from_expiry", expiryOf.get(c.earlierYears()).toString());
            n.put("to_expiry", expiryOf.get(c.laterYears()).toString());
            ArrayNode intervals = n.putArray("intervals");
            for (StaticArbitrage.Interval v : c.intervals()) {
                intervals.addObject().put("k_from", v.kFrom()).put("k_to", v.kTo())
                        .put("max_variance_drop", v.extent());
            }
        }
        SurfaceFit fit = market.surface(product).map(SurfaceFit::of).orElse(null);
        body.put("surface_model", fit != null && fit.useSsvi() ? "ssvi" : "svi");
        number(body, "svi_rmse", fit == null ? Double.NaN : fit.sviRmse());
        if (fit == null || fit.ssvi() == null) {
            body.putNull("ssvi");
        } else {
            SsviSurface ssvi = fit.ssvi();
            List<StaticArbitrage.Smile> ssviSlices = new ArrayList<>();
            for (int i = 0; i < ssvi.years().length; i++) {
                ssviSlices.add(new StaticArbitrage.Smile(ssvi.years()[i], ssvi.slice(i)));
            }
            body.putObject("ssvi").put("rho", ssvi.rho()).put("eta", ssvi.eta()).put("gamma", ssvi.gamma())
                    .put("rmse", ssvi.rmseVol())
                    .put("arbitrage_free", StaticArbitrage.check(ssviSlices).arbitrageFree());
        }
        body.put("k_min", StaticArbitrage.K_MIN);
        body.put("k_max", StaticArbitrage.K_MAX);
        body.put("grid_points", StaticArbitrage.GRID_POINTS);
        return body;
    }

    /**
     * {@code {"product", "windows": [{"sessions", "close_to_close", "parkinson", "garman_klass", "yang_zhang"}],
     * "sessions_available", "span_start", "span_end", "source_window_minutes", "annualisation_sessions"}}: realised
     * volatility (annualised fractions) over the last 10, 20, 30 and 60 completed UTC-day sessions, each session the
     * OHLC of the day's stored {@value #SESSION_SOURCE_WINDOW}-minute candles; a window longer than the history has
     * null values. The span is the first and last session date the answer could use.
     */
    private Object realisedVol(ApiRequest req) {
        String product = params.product(req).name();
        int longest = REALISED_WINDOWS.getLast();
        LocalDate today = market.clock().instant().atZone(ZoneOffset.UTC).toLocalDate();
        int limit = (longest + 1) * CANDLES_PER_DAY;
        List<ObjectNode> docs = market.candles().find(Filter.eq("product", product)
                .and("window_minutes", SESSION_SOURCE_WINDOW)
                .to(today.atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1)), Order.NEWEST_FIRST, limit);
        TreeMap<LocalDate, List<Candle>> byDay = new TreeMap<>();
        for (ObjectNode d : docs) {
            Candle c = StoredCandle.fromDocument(d);
            byDay.computeIfAbsent(c.startTime().atZone(ZoneOffset.UTC).toLocalDate(), k -> new ArrayList<>()).add(c);
        }
        if (docs.size() == limit && !byDay.isEmpty()) {
            // the read stopped inside the oldest day: that session is incomplete
            byDay.pollFirstEntry();
        }
        if (byDay.isEmpty()) {
            throw ApiException.notFound("No completed session of candles available").with("product", product);
        }
        List<OhlcBar> sessions = new ArrayList<>();
        for (List<Candle> day : byDay.values()) {
            day.sort(java.util.Comparator.comparing(Candle::startTime));
            double high = day.stream().mapToDouble(Candle::high).max().orElseThrow();
            double low = day.stream().mapToDouble(Candle::low).min().orElseThrow();
            sessions.add(new OhlcBar(day.getFirst().startTime(), day.getLast().endTime(),
                    day.getFirst().open(), high, low, day.getLast().close(), 0, day.size()));
        }
        ObjectNode body = Json.object();
        body.put("product", product);
        ArrayNode windows = body.putArray("windows");
        for (int n : REALISED_WINDOWS) {
            ObjectNode w = windows.addObject();
            w.put("sessions", n);
            RealisedVolatility v = sessions.size() > n ? RealisedVolatility.of(sessions, n) : null;
            number(w, "close_to_close", v == null ? Double.NaN : v.closeToClose());
            number(w, "parkinson", v == null ? Double.NaN : v.parkinson());
            number(w, "garman_klass", v == null ? Double.NaN : v.garmanKlass());
            number(w, "yang_zhang", v == null ? Double.NaN : v.yangZhang());
        }
        body.put("sessions_available", sessions.size());
        body.put("span_start", byDay.firstKey().toString());
        body.put("span_end", byDay.lastKey().toString());
        body.put("source_window_minutes", SESSION_SOURCE_WINDOW);
        body.put("annualisation_sessions", RealisedVolatility.SESSIONS_PER_YEAR);
        return body;
    }

    /**
     * {@code {"candles": [...], "count", "product", "window_minutes"}}: newest first, the still-open bucket from the
     * cache in place of its stored copy; {@code start}/{@code end} (ISO-8601) bound the bucket starts.
     */
    private Object candles(ApiRequest req) throws MalformedMessageException {
        String product = params.product(req).name();
        int window = Params.window(req);
        int limit = req.queryInt("limit", DEFAULT_CANDLES, 1, 1000);
        Optional<Instant> start = req.queryInstant("start");
        Optional<Instant> end = req.queryInstant("end");
        if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
            throw ApiException.badRequest("Query parameter 'start' must not be after 'end'");
        }
        Filter f = Filter.eq("product", product).and("window_minutes", window);
        f = start.isPresent() ? f.from(start.get()) : f;
        f = end.isPresent() ? f.to(end.get()) : f;
        List<Candle> out = new ArrayList<>();
        Optional<String> current = market.cache().get(CacheKeys.ohlc(product, window));
        if (current.isPresent() && end.isEmpty()) {
            Candle c = WireCodec.decodeCandle(current.get());
            if (start.isEmpty() || !c.startTime().isBefore(start.get())) {
                out.add(c);
            }
        }
        for (var d : market.candles().find(f, Order.NEWEST_FIRST, limit)) {
            Candle c = StoredCandle.fromDocument(d);
            if (out.isEmpty() || !out.getFirst().startTime().equals(c.startTime())) {
                out.add(c);
            }
        }
        ObjectNode body = Json.object();
        ArrayNode arr = body.putArray("candles");
        out.stream().limit(limit).forEach(c -> arr.addRawValue(new RawValue(WireCodec.encode(c))));
        body.put("count", arr.size());
        body.put("product", product);
        body.put("window_minutes", window);
        return body;
    }

    /**
     * {@code {"expiries": [{"expiry", "time_to_expiry" (years), "forward", "atm_iv", "atm_straddle_price",
     * "expected_move", "forward_variance", "forward_vol", "risk_reversal_25d", "butterfly_25d", "timestamp"}],
     * "product", "shape", "calendar_arbitrage"}}: ATM implied volatility by live expiry; {@code forward_variance} is the
     * annualised variance between the previous expiry (or now) and this one, (σ²T − σ₀²T₀) / (T − T₀), and
     * {@code forward_vol} its root (null where it is negative, which is calendar arbitrage in ATM total variance and
     * sets {@code calendar_arbitrage}); the 25-delta risk reversal (call vol − put vol) and butterfly (their mean − ATM
     * vol) come from the expiry's fitted SVI smile with forward deltas (null without a fit); {@code expected_move} is
     * the one-standard-deviation move F·σ·√T. {@code shape} is {@code contango} (rising with maturity),
     * {@code backwardation} (falling) or {@code mixed}/{@code flat}.
     */
    private Object termStructure(ApiRequest req) {
        String product = params.product(req).name();
        List<EnrichedChain> chains = new ArrayList<>();
        for (LocalDate e : market.liveExpiries(product)) {
            market.latestChain(product, e).ifPresent(chains::add);
        }
        if (chains.isEmpty()) {
            throw ApiException.notFound("No recent data available").with("product", product);
        }
        ObjectNode body = Json.object();
        ArrayNode arr = body.putArray("expiries");
        int up = 0;
        int down = 0;
        double previous = Double.NaN;
        double previousTotalVariance = 0;
        double previousYears = 0;
        boolean calendarArbitrage = false;
        for (EnrichedChain c : chains) {
            ObjectNode e = arr.addObject();
            e.put("expiry", c.expiry().toString());
            e.put("time_to_expiry", c.yearsToExpiry());
            number(e, "forward", c.forward());
            number(e, "atm_iv", c.atmIv());
            e.put("atm_straddle_price", c.atmStraddlePrice());
            number(e, "expected_move", c.expectedMove());
            double forwardVariance = Double.NaN;
            if (!Double.isNaN(c.atmIv()) && c.yearsToExpiry() > previousYears) {
                double totalVariance = c.atmIv() * c.atmIv() * c.yearsToExpiry();
                forwardVariance = (totalVariance - previousTotalVariance) / (c.yearsToExpiry() - previousYears);
                calendarArbitrage |= forwardVariance < 0;
                previousTotalVariance = totalVariance;
                previousYears = c.yearsToExpiry();
            }
            number(e, "forward_variance", forwardVariance);
            number(e, "forward_vol", forwardVariance >= 0 ? Math.sqrt(forwardVariance) : Double.NaN);
            SmileMetrics smile = smileMetrics(c);
            number(e, "risk_reversal_25d", smile == null ? Double.NaN : smile.riskReversal25());
            number(e, "butterfly_25d", smile == null ? Double.NaN : smile.butterfly25());
            e.put("timestamp", WireTime.format(c.timestamp()));
            if (!Double.isNaN(previous) && !Double.isNaN(c.atmIv())) {
                if (c.atmIv() > previous) {
                    up++;
                } else if (c.atmIv() < previous) {
                    down++;
                }
            }
            if (!Double.isNaN(c.atmIv())) {
                previous = c.atmIv();
            }
        }
        body.put("product", product);
        body.put("shape", up > 0 && down == 0 ? "contango" : down > 0 && up == 0 ? "backwardation"
                : up == 0 ? "flat" : "mixed");
        body.put("calendar_arbitrage", calendarArbitrage);
        return body;
    }

    /** The 25-delta metrics of the chain's fitted SVI smile; null without a usable fit. */
    private static SmileMetrics smileMetrics(EnrichedChain c) {
        SviParameters p = sviParameters(c);
        return p == null ? null : SmileMetrics.of(p, c.yearsToExpiry());
    }

    /** The chain's fitted SVI smile; null without a fit, or with one outside SVI's domain (from an older writer). */
    private static SviParameters sviParameters(EnrichedChain c) {
        SviParams p = c.smile();
        if (p == null || !(c.yearsToExpiry() > 0)) {
            return null;
        }
        try {
            return new SviParameters(p.a(), p.b(), p.rho(), p.m(), p.sigma());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * {@code {"atm_iv", "iv_rank", "iv_percentile", "observations", "lookback_sessions" | "lookback_days",
     * "span_start", "span_end", "history_low", "history_high", "product", "expiry", "timestamp"}}: today's ATM IV of
     * the nearest live expiry (or {@code ?expiry=}) against the end-of-day ATM IV of the product's nearest chain on
     * each of the last {@code sessions} days that have one (default {@value #DEFAULT_IV_SESSIONS}; what exists when
     * the history is shorter), or on each of the last {@code days} calendar days. Rank and percentile in percent; the
     * span is the first and last day of the history used (null without history).
     */
    private Object ivRank(ApiRequest req) {
        String product = params.product(req).name();
        boolean byDays = req.query("days").isPresent();
        int days = byDays ? req.queryInt("days", 365, 2, 3650) : 0;
        int sessions = byDays ? Integer.MAX_VALUE : req.queryInt("sessions", DEFAULT_IV_SESSIONS, 2, 2520);
        Optional<LocalDate> wanted = Params.expiry(req);
        LocalDate expiry = wanted.orElseGet(() -> market.liveExpiries(product).stream().findFirst().orElse(null));
        EnrichedChain current = expiry == null ? null : market.latestChain(product, expiry).orElse(null);
        if (current == null || Double.isNaN(current.atmIv())) {
            throw ApiException.notFound("No recent data available").with("product", product);
        }
        // sessions are days with data: scan enough calendar days to cover weekends and holidays
        int calendarDays = byDays ? days : sessions * 7 / 5 + 10;
        List<Double> history = new ArrayList<>();
        LocalDate spanStart = null;
        LocalDate spanEnd = null;
        LocalDate today = market.clock().instant().atZone(ZoneOffset.UTC).toLocalDate();
        for (int d = 1; d < calendarDays && history.size() < sessions; d++) {
            LocalDate day = today.minusDays(d);
            Instant endOfDay = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
            Optional<Double> iv = market.chains().findOne(Filter.eq("product", product).to(endOfDay)
                            .from(endOfDay.minus(Duration.ofDays(1)).plusMillis(1)), Order.NEWEST_FIRST)
                    .map(StoredChain::fromDocument)
                    .map(EnrichedChain::atmIv)
                    .filter(v -> !Double.isNaN(v));
            if (iv.isPresent()) {
                history.add(iv.get());
                spanStart = day;
                spanEnd = spanEnd == null ? day : spanEnd;
            }
        }
        double[] h = history.stream().mapToDouble(Double::doubleValue).toArray();
        ObjectNode body = Json.object();
        body.put("atm_iv", current.atmIv());
        body.put("expiry", current.expiry().toString());
        number(body, "history_high", history.isEmpty() ? Double.NaN : history.stream().mapToDouble(x -> x).max()
                .orElseThrow());
        number(body, "history_low", history.isEmpty() ? Double.NaN : history.stream().mapToDouble(x -> x).min()
                .orElseThrow());
        body.put("iv_percentile", IvStatistics.percentile(current.atmIv(), h));
        body.put("iv_rank", IvStatistics.rank(current.atmIv(), h));
        if (byDays) {
            body.put("lookback_days", days);
        } else {
            body.put("lookback_sessions", sessions);
        }
        body.put("observations", h.length);
        body.put("span_start", spanStart == null ? null : spanStart.toString());
        body.put("span_end", spanEnd == null ? null : spanEnd.toString());
        body.put("product", product);
        body.put("timestamp", WireTime.format(current.timestamp()));
        return body;
    }

    /**
     * {@code {"atm_iv", "atm_straddle_price", "expiry", "forward", "lower", "upper", "product", "sigma_move",
     * "spot_price", "straddle_move", "time_to_expiry", "timestamp"}}: the market's expected move to expiry, from the
     * ATM straddle (straddle / discount ≈ E|F_T − K|) and as one standard deviation F·σ·√T; {@code lower}/{@code upper}
     * = forward ∓ sigma move. Currency units.
     */
    private Object expectedMove(ApiRequest req) {
        String product = params.product(req).name();
        LocalDate expiry = Params.expiry(req)
                .orElseGet(() -> market.liveExpiries(product).stream().findFirst().orElse(null));
        EnrichedChain c = expiry == null ? null : market.latestChain(product, expiry).orElse(null);
        if (c == null) {
            throw ApiException.notFound("No data available").with("product", product);
        }
        double rate = params.rate(product);
        double forward = Double.isNaN(c.forward()) ? c.spotPrice() : c.forward();
        double straddleMove = c.atmStraddlePrice() * Math.exp(rate * c.yearsToExpiry());
        double sigmaMove = Double.isNaN(c.atmIv()) ? Double.NaN : forward * c.atmIv() * Math.sqrt(c.yearsToExpiry());
        ObjectNode body = Json.object();
        number(body, "atm_iv", c.atmIv());
        body.put("atm_straddle_price", c.atmStraddlePrice());
        body.put("expiry", c.expiry().toString());
        body.put("forward", forward);
        number(body, "lower", forward - sigmaMove);
        body.put("product", product);
        number(body, "sigma_move", sigmaMove);
        body.put("spot_price", c.spotPrice());
        body.put("straddle_move", straddleMove);
        body.put("time_to_expiry", c.yearsToExpiry());
        body.put("timestamp", WireTime.format(c.timestamp()));
        number(body, "upper", forward + sigmaMove);
        return body;
    }

    private static void number(ObjectNode n, String field, double v) {
        if (Double.isNaN(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }
}
