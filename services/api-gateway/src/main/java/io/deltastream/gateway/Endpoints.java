package io.deltastream.gateway;

import io.deltastream.gateway.Endpoint.Doc;
import io.deltastream.gateway.Endpoint.Param;
import io.helidon.http.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every route of the gateway, with its downstream, access rule, timeout and documentation — the one table from which
 * both the routing and {@code GET /api/docs} are built, so the document cannot miss a route.
 */
final class Endpoints {
    static final String AUTH = "auth";
    static final String STORAGE = "storage";
    static final String ANALYTICS = "analytics";
    static final String TRADE = "trade-simulator";
    static final String AI = "ai-analyst";

    private static final List<Integer> DATA_ERRORS = List.of(400, 404, 429, 503, 504);
    private static final List<Integer> POST_ERRORS = List.of(400, 413, 415, 429, 503, 504);
    private static final List<Integer> TRADE_ERRORS = List.of(400, 401, 404, 429, 503, 504);

    private Endpoints() {
    }

    /**
     * @param dataTimeout  auth, storage, analytics and trade-simulator
     * @param aiTimeout    ai-analyst pulse and sentiment
     * @param chatTimeout  ai-analyst chat
     */
    static List<Endpoint> all(Duration dataTimeout, Duration aiTimeout, Duration chatTimeout) {
        List<Endpoint> e = new ArrayList<>();
        Duration t = dataTimeout;
        // ---- authentication ----
        e.add(new Endpoint(Method.POST, "/api/auth/register", AUTH, "/register", Access.PUBLIC, t, doc("Authentication",
                "Create an account", "Answers 201 with an access token (JWT HS256, claims user_id, email, exp, iat, "
                        + "jti, sid; lifetime expires_in seconds) and a rotating refresh token. Email: a valid address "
                        + "(stored lower-case, at most 254 characters); password: at least 6 characters with a letter "
                        + "and a digit, at most 72 bytes; name: at most 100 characters.",
                List.of(), "RegisterRequest", "Session", 201, List.of(400, 409, 413, 415, 429, 503, 504))));
        e.add(new Endpoint(Method.POST, "/api/auth/login", AUTH, "/login", Access.PUBLIC, t, doc("Authentication",
                "Log in", "Answers 200 with a new session. Unknown email and wrong password give the same 401. "
                        + "Rate-limited per client address (attempts) and, after failures, per client address and "
                        + "account with growing delays (no account lockout): 429 with Retry-After.",
                List.of(), "LoginRequest", "Session", 200, List.of(400, 401, 413, 415, 429, 503, 504))));
        e.add(new Endpoint(Method.POST, "/api/auth/verify", AUTH, "/verify", Access.PUBLIC, t, doc("Authentication",
                "Verify an access token", "Send Authorization: Bearer <token>. 401 with valid=false when it is "
                        + "invalid, expired, revoked (logged out, or its session ended) or its user does not exist.",
                List.of(), null, "Verification", 200, List.of(400, 401, 503, 504))));
        e.add(new Endpoint(Method.POST, "/api/auth/refresh", AUTH, "/refresh", Access.PUBLIC, t, doc("Authentication",
                "Rotate a refresh token", "Exchanges a refresh token for a new access token and a new refresh token; "
                        + "the old one stops working. Reusing a retired refresh token revokes the whole session.",
                List.of(), "RefreshRequest", "RefreshResponse", 200, List.of(400, 401, 413, 415, 503, 504))));
        e.add(new Endpoint(Method.POST, "/api/auth/logout", AUTH, "/logout", Access.PUBLIC, t, doc("Authentication",
                "Log out", "Ends the session of the refresh token in the body and/or the access token in the "
                        + "Authorization header: its refresh tokens and every access token issued under it are "
                        + "rejected everywhere until they would have expired.", List.of(),
                "LogoutRequest", "Message", 200, List.of(400, 401, 415, 503, 504))));
        // ---- market data (storage) ----
        e.add(data(t, "/api/data/products", "/products", "List products with stored data",
                "Products that have stored underlying ticks, ascending.", List.of(), "Products"));
        e.add(data(t, "/api/data/instruments", "/instruments", "Listed products and their contract specifications",
                "Every product of the universe (PRODUCTS_FILE) in its order: currency (ISO 4217), lot size (units per "
                        + "contract), strike interval and tick size (currency units), exercise style, exchange time "
                        + "zone and expiry time (local HH:mm).", List.of(), "Instruments"));
        e.add(data(t, "/api/data/underlying/{product}", "/underlying/", "Underlying ticks",
                "Newest first. Prices in the product's currency.", List.of(product(), start(), end(),
                        limit(100)), "TicksResponse"));
        e.add(data(t, "/api/data/chain/{product}", "/option/chain/", "Enriched option chains",
                "Newest first; limit=1 without a time range is the latest chain (served from the cache). Each chain "
                        + "carries strikes, calls and puts aligned with them, PCR, max pain, ATM straddle, IV and "
                        + "Greeks (IV as a fraction, theta per calendar day, vega per vol point, rho per 1% rate).",
                List.of(product(), expiry(false), start(), end(), limit(10)), "ChainsResponse"));
        e.add(data(t, "/api/data/quote/{symbol}", "/option/quote/", "Option quotes of one symbol",
                "Newest first. Symbol: PRODUCTyyyyMMdd[C|P]STRIKE, e.g. NIFTY20261126C21500.",
                List.of(new Param("symbol", "path", true, "string", null, "option symbol"), start(), end(),
                        limit(100)), "QuotesResponse"));
        e.add(data(t, "/api/data/expiries/{product}", "/expiries/", "Expiries with stored chains",
                "Ascending YYYY-MM-DD dates.", List.of(product()), "Expiries"));
        e.add(data(t, "/api/data/candles/{product}", "/candles/", "Stored candle history",
                "OHLC per aligned bucket of the window, newest first.", List.of(product(), window(), start(), end(),
                        limit(100)), "CandlesResponse"));
        e.add(data(t, "/api/data/surfaces/{product}", "/surfaces/", "Volatility smile history",
                "One smile per stored chain, newest first: IVs (fractions) aligned with strikes.",
                List.of(product(), expiry(false), start(), end(), limit(100)), "SurfacesResponse"));
        // ---- analytics ----
        e.add(analytics(t, "/api/analytics/pcr/{product}", "Put-call ratio",
                "latest: an array over the live expiries (an object, or null, with ?expiry=); history=true adds the "
                        + "stored chains' PCR, newest first. PCR = put / call open interest (or volume).",
                List.of(product(), expiry(false), new Param("history", "query", false, "boolean", null,
                        "include stored history (default false)"), limit(100)), "PcrResponse"));
        e.add(analytics(t, "/api/analytics/volatility-surface/{product}", "Volatility surface",
                "The fitted surface: one slice per live expiry, IVs (fractions) aligned with strikes, SVI fit: the "
                        + "expiry's raw SVI, or the slice of an arbitrage-free SSVI fit of the whole surface (as raw "
                        + "SVI) when that fits the quotes better (see surface-quality). 404 when no recent chain "
                        + "exists.", List.of(product()), "VolatilitySurface"));
        e.add(analytics(t, "/api/analytics/max-pain/{product}", "Max pain",
                "The settlement strike minimising the total intrinsic payout to option holders, for the latest chain "
                        + "of the expiry; distance_pct in percent of spot.", List.of(product(), expiry(true)),
                "MaxPain"));
        e.add(analytics(t, "/api/analytics/oi-buildup/{product}", "Open-interest build-up",
                "OI by moneyness (ATM = within 1% of spot) with the standard reading (heavy OTM call OI = resistance, "
                        + "bearish; heavy OTM put OI = support, bullish) and each strike's build-up class.",
                List.of(product(), expiry(true)), "OiBuildup"));
        e.add(analytics(t, "/api/analytics/ohlc/{product}", "Current candle",
                "The open bucket of the window (aligned to the window since the epoch, UTC).",
                List.of(product(), window()), "Candle"));
        e.add(analytics(t, "/api/analytics/candles/{product}", "Candle history with the open bucket",
                "Newest first; the open bucket comes from the cache.", List.of(product(), window(), start(), end(),
                        limit(100)), "CandlesResponse"));
        e.add(analytics(t, "/api/analytics/term-structure/{product}", "ATM volatility term structure",
                "ATM IV (fraction) per live expiry, time to expiry in ACT/365 years, forward variance and volatility "
                        + "between expiries, 25-delta risk reversal and butterfly from the SVI smile, one-sigma "
                        + "expected move.", List.of(product()),
                "TermStructure"));
        e.add(analytics(t, "/api/analytics/iv-rank/{product}", "IV rank and percentile",
                "Today's ATM IV against the end-of-day ATM IV of the last `sessions` days with data (default 252), "
                        + "or of the last `days` calendar days; rank and percentile in percent; span_start/span_end "
                        + "state the history used.", List.of(product(), expiry(false), new Param("sessions", "query",
                        false, "integer", null, "lookback in sessions (days with a stored chain), 2 to 2520 "
                        + "(default 252)"), new Param("days", "query", false, "integer", null,
                        "lookback in calendar days instead, 2 to 3650")), "IvRank"));
        e.add(analytics(t, "/api/analytics/expected-move/{product}", "Expected move to expiry",
                "From the ATM straddle and as one standard deviation F·σ·√T; currency units.",
                List.of(product(), expiry(false)), "ExpectedMove"));
        e.add(analytics(t, "/api/analytics/realised-vol/{product}", "Realised volatility",
                "Close-to-close, Parkinson, Garman-Klass and Yang-Zhang volatility over the last 10, 20, 30 and 60 "
                        + "completed UTC-day sessions (each the OHLC of the day's 15-minute candles), annualised with "
                        + "252 sessions, as fractions; null where the history is shorter than the window.",
                List.of(product()), "RealisedVol"));
        e.add(analytics(t, "/api/analytics/surface-quality/{product}", "Static-arbitrage checks of the surface",
                "Gatheral-Jacquier checks of the live expiries' fitted SVI slices: butterfly (Durrleman's g < 0, "
                        + "with the log-moneyness intervals), Lee's wing-slope bound b(1+|rho|) <= 2, and calendar "
                        + "(total variance falling between consecutive expiries, with the intervals and the largest "
                        + "drop); which fit the surface endpoint serves (svi or ssvi) with both RMSEs and the SSVI "
                        + "parameters.", List.of(product()), "SurfaceQuality"));
        e.add(new Endpoint(Method.POST, "/api/analytics/greeks", ANALYTICS, "/greeks", Access.MARKET_DATA, t,
                doc("Calculators", "Price and Greeks", "One option, or {\"options\": [...]} (at most CALC_MAX_BATCH, "
                                + "413 beyond), answered per item: one result per option, the values or {\"error\", "
                                + "\"field\"}. Models: bsm (default), black76, american (Andersen-Lake-Offengelden), "
                                + "bjerksund_stensland_2002. Theta per calendar day, vega per vol point, rho per 1% rate.", List.of(), "OptionRequest", "GreeksResult", 200,
                        POST_ERRORS)));
        e.add(new Endpoint(Method.POST, "/api/analytics/implied-vol", ANALYTICS, "/implied-vol", Access.MARKET_DATA, t,
                doc("Calculators", "Implied volatility", "One option with its price, or {\"options\": [...]} answered "
                                + "per item. implied_volatility is a fraction, null unless status is OK (AT_INTRINSIC: "
                                + "an American price within a tick of its exercise value).", List.of(),
                        "OptionRequest", "ImpliedVolResult", 200, POST_ERRORS)));
        e.add(new Endpoint(Method.POST, "/api/analytics/strategy", ANALYTICS, "/strategy", Access.MARKET_DATA, t,
                doc("Calculators", "Multi-leg strategy", "P&L at the earliest expiry, breakevens, max profit/loss (null "
                                + "when unbounded), position Greeks, probability of profit (0..1). At most 20 legs.",
                        List.of(), "StrategyRequest", "StrategyResult", 200, POST_ERRORS)));
        // ---- trading (trade-simulator) ----
        e.add(trade(t, Method.POST, "/api/trade/order", "Place an order", "MARKET, LIMIT, SL or SL-M; validity DAY "
                        + "(default), IOC or GTT (works across days until triggered and filled, cancelled or the "
                        + "instrument expires); an SL-M with trailing_amount is a trailing stop-loss; target_price "
                        + "with stop_loss_price make a bracket order (one-cancels-other exits placed on the fill). 201 "
                        + "with its fill.",
                List.of(), "OrderRequest", 201));
        e.add(trade(t, Method.GET, "/api/trade/orders", "List orders", "Newest first.", List.of(
                new Param("status", "query", false, "string", null, "filter by status"), limit(50)), null, 200));
        e.add(trade(t, Method.DELETE, "/api/trade/order/{order_id}", "Cancel an order", "Only open orders.",
                List.of(new Param("order_id", "path", true, "string", null, "order id")), null, 200));
        e.add(trade(t, Method.GET, "/api/trade/order/{order_id}", "One order", "The order with its fills.",
                List.of(new Param("order_id", "path", true, "string", null, "order id")), null, 200));
        e.add(trade(t, Method.PUT, "/api/trade/order/{order_id}", "Modify an order",
                "Change quantity or prices of an open order (PATCH does the same).",
                List.of(new Param("order_id", "path", true, "string", null, "order id")), "TradeObject", 200));
        e.add(trade(t, Method.PATCH, "/api/trade/order/{order_id}", "Modify an order", "As PUT.",
                List.of(new Param("order_id", "path", true, "string", null, "order id")), "TradeObject", 200));
        e.add(trade(t, Method.GET, "/api/trade/portfolio", "Portfolio", "Cash, margin and P&L.", List.of(), null, 200));
        e.add(trade(t, Method.GET, "/api/trade/positions", "Positions", "Open positions marked to market.", List.of(),
                null, 200));
        e.add(trade(t, Method.GET, "/api/trade/pnl", "P&L", "Realised and unrealised P&L for a period.",
                List.of(new Param("period", "query", false, "string", null, "today, week, month, year, all")), null,
                200));
        e.add(trade(t, Method.GET, "/api/trade/trades", "Trades", "Executions, newest first.", List.of(limit(50)), null,
                200));
        e.add(trade(t, Method.GET, "/api/trade/performance", "Performance", "Win rate, profit factor, drawdown.",
                List.of(), null, 200));
        e.add(trade(t, Method.GET, "/api/trade/risk", "Risk", "Margin use, exposure and limits.", List.of(), null, 200));
        e.add(trade(t, Method.POST, "/api/trade/basket", "Place a basket (multi-leg) order",
                "2 to 20 legs, each an order body, placed atomically: every leg is validated (400 'Leg n: ...' "
                        + "otherwise, nothing placed) and the legs are risk-checked together with the margin of the "
                        + "whole basket, so a hedged spread needs less than its legs alone (a risk rejection records "
                        + "every leg as REJECTED). 201 {orders: [order], count} in the order of the legs.",
                List.of(), "BasketRequest", 201));
        e.add(trade(t, Method.POST, "/api/trade/margin", "What-if margin",
                "1 to 20 legs as for a basket; changes nothing. Currency units: margin_before, margin_after, "
                        + "margin_change, margin_of_legs_alone (sum of each leg's margin change alone), premium (net, "
                        + "negative when received), fees, required, available; allowed, and rejection {error, limit} "
                        + "or null.", List.of(), "BasketRequest", 200));
        e.add(trade(t, Method.GET, "/api/trade/export/{kind}", "Export as CSV",
                "text/csv download (RFC 4180, header row) of the user's orders or trades (newest first, the "
                        + "fields of the JSON lists) or pnl: realized P&L per calendar day in TRADING_TIMEZONE "
                        + "(date, trades, gross_realized_pnl, commissions, net_realized_pnl, "
                        + "cumulative_net_realized_pnl; currency units) since the account was opened or reset. "
                        + "404 for another kind.",
                List.of(new Param("kind", "path", true, "string", null, "orders, trades or pnl")), null, 200));
        e.add(trade(t, Method.POST, "/api/trade/reset", "Reset the paper account",
                "Cancels the working orders, drops every position without a trade and restores the initial "
                        + "capital; /pnl and /performance count from the reset, the order and trade lists keep the "
                        + "history. Answers the new portfolio.", List.of(), null, 200));
        e.add(new Endpoint(Method.GET, "/api/trade/orderbook/{symbol}", TRADE, "/api/trade/orderbook/",
                Access.MARKET_DATA, t, doc("Trading", "Order book", "Top levels of the simulated book (public).",
                List.of(new Param("symbol", "path", true, "string", null, "instrument symbol")), null, "TradeObject",
                200, DATA_ERRORS)));
        // ---- AI analyst ----
        e.add(new Endpoint(Method.GET, "/api/ai/pulse", AI, "/api/ai/pulse", Access.MARKET_DATA, aiTimeout,
                doc("AI", "Market pulse", "A rule-based reading of the product's nearest live chain, every sentence "
                        + "traced to a figure in data: sentiment from PCR(OI) (>= 1.2 Bullish, <= 0.8 Bearish, Neutral "
                        + "between), max pain against spot, the ATM straddle's priced move, ATM IV, support and "
                        + "resistance (most put and call open interest). data is {} while no chain is live; an "
                        + "unknown product is a 404. With a language model (LLM_PROVIDER), narrative: its reading of "
                        + "data, kept only when every figure in it is in data (else narrative_error says which are "
                        + "not).",
                        List.of(new Param("product", "query", false, "string", null, "default NIFTY")), null,
                        "AiObject", 200, DATA_ERRORS)));
        e.add(new Endpoint(Method.GET, "/api/ai/sentiment", AI, "/api/ai/sentiment", Access.MARKET_DATA, aiTimeout,
                doc("AI", "News sentiment", "The product's news sentiment: each headline scored by a finance-aware "
                        + "lexicon classifier (AI_SENTIMENT_CLASSIFIER=embeddings: by a classifier on sentence "
                        + "embeddings), averaged with time decay (half-life AI_SENTIMENT_HALF_LIFE_HOURS; "
                        + "market-wide news at half weight). sentiment Bullish (score >= 0.15), Bearish (<= -0.15) or "
                        + "Neutral; headlines: the texts that moved the score most, drivers: the same with their score "
                        + "and weight. Headlines: the bundled sample, replayed in embedded mode, and the RSS/Atom "
                        + "feeds of NEWS_FEEDS; with a language model (LLM_PROVIDER) the feeds' headlines are "
                        + "rescored by it in batches (classifier says by whom; the lexicon's score stays when the "
                        + "model fails). An unknown product is a 404.",
                        List.of(new Param("product", "query", false, "string", null, "default NIFTY")), null,
                        "Sentiment", 200, DATA_ERRORS)));
        e.add(new Endpoint(Method.POST, "/api/ai/chat", AI, "/api/ai/chat", Access.MARKET_DATA, chatTimeout,
                doc("AI", "Ask the analyst", "Body {\"query\": question (at most 1000 characters), "
                        + "\"conversation_id\"?, \"product\"?}. Answers {answer, sources: [{source, title, heading?, "
                        + "score}], data: {retrieval, product?, market?, as_of?, model?, model_error?}, source}: the "
                        + "up to three passages (one per document) of the project docs, the options knowledge base and "
                        + "the live market facts that match best by hybrid retrieval (BM25 and all-MiniLM-L6-v2 "
                        + "embeddings fused by reciprocal rank; BM25 alone while the embeddings are built, "
                        + "data.retrieval says which), with the product's live figures. With LLM_PROVIDER set, the "
                        + "model answers from them (source llm); otherwise, or when the model fails, they are quoted "
                        + "(source retrieval, data.model_error says why); a conversation_id gives the model the "
                        + "caller's earlier turns. 400 Query required without a question; 429 with Retry-After over "
                        + "the per-caller limit.",
                        List.of(), "ChatRequest", "ChatAnswer", 200, POST_ERRORS)));
        e.add(new Endpoint(Method.GET, "/api/ai/chat/stream", AI, "/api/ai/chat/stream", Access.MARKET_DATA,
                chatTimeout, doc("AI", "Ask the analyst, streamed", "The answer of POST /api/ai/chat as Server-Sent "
                        + "Events (text/event-stream), passed through the gateway as they arrive: token events "
                        + "{\"text\"} as the model writes (without a model, the quoted answer as one token), an error "
                        + "event {\"error\"} if the model fails mid-way, then one done event whose data is the whole "
                        + "ChatAnswer. The model may call the same tools as in POST /api/ai/chat. Bad parameters and the rate limit are JSON "
                        + "errors before any event.",
                        List.of(new Param("query", "query", true, "string", null, "the question, at most 1000 "
                                        + "characters"),
                                new Param("product", "query", false, "string", null, "a listed product"),
                                new Param("conversation_id", "query", false, "string", null, "1 to 64 of A-Z a-z 0-9 "
                                        + ". _ : -")),
                        null, "ChatAnswer", 200, DATA_ERRORS)));
        return List.copyOf(e);
    }

    private static Doc doc(String tag, String summary, String description, List<Param> params, String request,
                           String response, int status, List<Integer> errors) {
        return new Doc(tag, summary, description, params, request, response, status, errors);
    }

    private static Endpoint data(Duration t, String path, String downstream, String summary, String description,
                                 List<Param> params, String response) {
        return new Endpoint(Method.GET, path, STORAGE, downstream, Access.MARKET_DATA, t,
                doc("Market data", summary, description, params, null, response, 200, DATA_ERRORS));
    }

    private static Endpoint analytics(Duration t, String path, String summary, String description, List<Param> params,
                                      String response) {
        String downstream = path.substring("/api/analytics".length(), path.indexOf('{'));
        return new Endpoint(Method.GET, path, ANALYTICS, downstream, Access.MARKET_DATA, t,
                doc("Analytics", summary, description, params, null, response, 200, DATA_ERRORS));
    }

    private static Endpoint trade(Duration t, Method method, String path, String summary, String description, List<Param> params,
                                  String request, int status) {
        int brace = path.indexOf('{');
        String prefix = brace < 0 ? path : path.substring(0, brace);
        return new Endpoint(method, path, TRADE, prefix, Access.AUTHENTICATED, t,
                doc("Trading", summary, description + " Requires Authorization: Bearer <access token>.", params,
                        request, "TradeObject", status, TRADE_ERRORS));
    }

    private static Param product() {
        return new Param("product", "path", true, "string", null, "a listed product, e.g. NIFTY (404 otherwise)");
    }

    private static Param expiry(boolean required) {
        return new Param("expiry", "query", required, "string", "date", "expiry date YYYY-MM-DD");
    }

    private static Param start() {
        return new Param("start", "query", false, "string", "date-time",
                "inclusive lower bound, ISO-8601 (no offset = UTC)");
    }

    private static Param end() {
        return new Param("end", "query", false, "string", "date-time",
                "inclusive upper bound, ISO-8601 (no offset = UTC)");
    }

    private static Param limit(int defaultValue) {
        return new Param("limit", "query", false, "integer", null,
                "1 to 1000 (default " + defaultValue + ")");
    }

    private static Param window() {
        return new Param("window", "query", false, "string", null, "candle window in minutes: 1, 5 or 15 "
                + "(also '5m'; default 5)");
    }
}
