package io.deltastream.trading.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.bus.auth.TokenStanding;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiHandler;
import io.deltastream.platform.http.ApiRequest;
import io.deltastream.platform.http.JsonBody;
import io.deltastream.platform.http.Reply;
import io.deltastream.platform.http.Routes;
import io.deltastream.platform.http.TextBody;
import io.deltastream.platform.json.Json;
import io.deltastream.store.Documents;
import io.deltastream.trading.oms.OrderRequest;
import io.deltastream.trading.matching.Side;
import io.deltastream.trading.oms.OrderStatus;
import io.deltastream.trading.oms.OrderType;
import io.deltastream.trading.oms.Validity;
import io.deltastream.trading.cluster.OwnerForwarder;
import io.deltastream.trading.persistence.TradingStore;
import io.deltastream.trading.portfolio.Valuation;
import io.helidon.http.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/** The reference's {@code /api/trade/*} routes plus order modification and lookup. */
public final class TradeRoutes {
    /** The 401 text for a token whose user the auth service does not know (or no longer remembers issuing to). */
    public static final String UNKNOWN_USER = "Unknown user: sign in again";
    private static final Set<String> ORDER_FIELDS = Set.of("symbol", "order_type", "orderType", "side", "quantity",
            "price", "trigger_price", "triggerPrice", "validity", "product", "strike", "expiry", "option_type",
            "trailing_amount", "target_price", "stop_loss_price", "client_order_id");
    /** What a client order id (idempotency key) may be. */
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** The most legs of a basket (and of a what-if question). */
    static final int MAX_LEGS = 20;
    /** The most rows of an orders or trades export (newest first). */
    private static final int EXPORT_ROWS = 100_000;
    private static final Set<String> MODIFY_FIELDS = Set.of("price", "quantity", "trigger_price", "triggerPrice");

    private final TradingEngine engine;
    private final TradingStore store;
    private final AccessTokens tokens;
    private final TokenStanding standing;
    /** Users known to exist (they have an account, or the auth service vouched for them). */
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final ZoneId zone;
    private final double initialCapital;
    private final ToIntFunction<String> partitionOf;
    private final OwnerForwarder forwarder;

    /**
     * @param partitionOf the partition of a user id
     * @param forwarder   relays calls of users whose partition another instance serves
     */
    public TradeRoutes(TradingEngine engine, TradingStore store, AccessTokens tokens, TokenStanding standing,
                       Clock clock, ZoneId zone, double initialCapital, ToIntFunction<String> partitionOf,
                       OwnerForwarder forwarder) {
        this.engine = engine;
        this.partitionOf = partitionOf;
        this.forwarder = forwarder;
        this.store = store;
        this.tokens = tokens;
        this.standing = standing;
        this.clock = clock;
        this.zone = zone;
        this.initialCapital = initialCapital;
    }

    public void register(Routes routes) {
        routes.post("/api/trade/order", forUser(this::place))
                .get("/api/trade/order/{order_id}", forUser(this::order))
                .put("/api/trade/order/{order_id}", forUser(this::modify))
                .patch("/api/trade/order/{order_id}", forUser(this::modify))
                .delete("/api/trade/order/{order_id}", forUser((req, user) -> engine.cancel(user,
                        req.path("order_id"))))
                .get("/api/trade/orders", forUser(this::orders))
                .get("/api/trade/portfolio", forUser((req, user) -> engine.portfolio(user)))
                .get("/api/trade/positions", forUser(this::positions))
                .get("/api/trade/pnl", forUser(this::pnl))
                .get("/api/trade/trades", forUser(this::trades))
                .get("/api/trade/performance", forUser(this::performance))
                .get("/api/trade/risk", forUser((req, user) -> engine.riskReport(user)))
                .post("/api/trade/basket", forUser(this::basket))
                .post("/api/trade/margin", forUser(this::whatIf))
                .post("/api/trade/reset", forUser((req, user) -> engine.reset(user)))
                .get("/api/trade/export/{kind}", forUser(this::export))
                .api(Method.GET, "/api/trade/orderbook/{symbol}", this::orderBook);
    }

    /** A route of the calling user's account. */
    @FunctionalInterface
    private interface UserHandler {
        Object handle(ApiRequest req, String user);
    }

    /**
     * Runs {@code handler} for the caller when this instance serves the caller's partition; otherwise relays the
     * call to the instance that does (which checks the caller again).
     */
    private ApiHandler forUser(UserHandler handler) {
        return req -> {
            String user = standing.require(tokens.authenticate(req)).userId();
            if (!engine.serves(user)) {
                Optional<Reply> relayed = forwarder.forward(req, partitionOf.applyAsInt(user),
                        () -> engine.serves(user));
                if (relayed.isPresent()) {
                    return relayed.get();
                }
            }
            admit(user);
            return handler.handle(req, user);
        };
    }

    /**
     * Lets the caller (a valid access token that the auth service has not revoked: logout, ended session) in only
     * when it already trades here or the auth service vouches for it, so that no account is opened for an id the auth
     * service never issued a token to.
     */
    private void admit(String user) {
        // A user found to exist stays known: later requests skip the engine's lock and the cache.
        if (!admitted.contains(user)) {
            if (!engine.hasAccount(user) && !standing.vouched(user)) {
                throw ApiException.unauthorized(UNKNOWN_USER);
            }
            admitted.add(user);
        }
    }

    private Object place(ApiRequest req, String user) {
        OrderRequest order = orderRequest(req.jsonBody());
        return Reply.created(engine.place(user, order));
    }

    private Object basket(ApiRequest req, String user) {
        List<OrderRequest> legs = legs(req.jsonBody(), 2);
        return Reply.created(engine.placeBasket(user, legs));
    }

    private Object whatIf(ApiRequest req, String user) {
        return engine.whatIf(user, legs(req.jsonBody(), 1));
    }

    /** The {@code orders} of a basket body, each read as the body of {@code POST /api/trade/order}. */
    private static List<OrderRequest> legs(JsonBody body, int minLegs) {
        body.allowOnly(Set.of("orders"));
        List<OrderRequest> legs = new ArrayList<>();
        for (JsonBody leg : body.requiredObjects("orders", minLegs, MAX_LEGS)) {
            OrderRequest r = orderRequest(leg);
            if (r.clientOrderId().isPresent()) {
                throw ApiException.badRequest("Field '" + leg.name("client_order_id")
                        + "' is for single orders (POST /api/trade/order)");
            }
            legs.add(r);
        }
        return legs;
    }

    /**
     * Reads and validates the body of {@code POST /api/trade/order} (the reference's fields; {@code orderType}
     * accepted for {@code order_type}, {@code triggerPrice} for {@code trigger_price}).
     */
    private static OrderRequest orderRequest(JsonBody body) {
        body.allowOnly(ORDER_FIELDS);
        boolean hasType = body.has("order_type") || body.has("orderType");
        if (!body.has("symbol") || !hasType || !body.has("side") || !body.has("quantity")) {
            String leg = body.name("");
            throw ApiException.badRequest("Missing required fields"
                    + (leg.isEmpty() ? "" : " in " + leg.substring(0, leg.length() - 1)));
        }
        String symbol = body.requiredString("symbol").trim();
        String typeField = body.has("order_type") ? "order_type" : "orderType";
        String typeText = body.requiredString(typeField);
        OrderType type = OrderType.find(typeText).orElseThrow(() -> ApiException.badRequest("Field '"
                + body.name(typeField) + "' must be one of MARKET, LIMIT, SL, SL-M, got '" + typeText + "'"));
        String sideText = body.requiredString("side").trim();
        Side side;
        if (sideText.equals("BUY")) {
            side = Side.BUY;
        } else if (sideText.equals("SELL")) {
            side = Side.SELL;
        } else {
            throw ApiException.badRequest("Field '" + body.name("side") + "' must be BUY or SELL, got '" + sideText
                    + "'");
        }
        long quantity = body.requiredInteger("quantity", 1, 100_000_000);
        double price = body.optionalNumber("price", 0, 1e9).orElse(Double.NaN);
        String triggerField = body.has("trigger_price") ? "trigger_price" : "triggerPrice";
        double trigger = body.optionalNumber(triggerField, 0, 1e9).orElse(Double.NaN);
        double trail = body.optionalNumber("trailing_amount", 0.000001, 1e9).orElse(Double.NaN);
        Optional<Double> target = body.optionalNumber("target_price", 0.000001, 1e9);
        Optional<Double> stopLoss = body.optionalNumber("stop_loss_price", 0.000001, 1e9);
        if (target.isPresent() != stopLoss.isPresent()) {
            throw ApiException.badRequest("A bracket order needs both '" + body.name("target_price") + "' and '"
                    + body.name("stop_loss_price") + "'");
        }
        Optional<OrderRequest.Bracket> bracket = target.map(t -> new OrderRequest.Bracket(t, stopLoss.get()));
        if (!Double.isNaN(trail) && type != OrderType.SL_M) {
            throw ApiException.badRequest("Field '" + body.name("trailing_amount") + "' is for SL-M orders only");
        }
        if (type.hasPrice() && !(price > 0)) {
            throw ApiException.badRequest(type == OrderType.LIMIT ? "Price required for limit orders"
                    : "Price required for SL orders");
        }
        if (type.isStop() && !(trigger > 0) && Double.isNaN(trail)) {
            throw ApiException.badRequest("Trigger price required for " + type.wire() + " orders");
        }
        if (!type.hasPrice()) {
            price = Double.NaN;
        }
        if (!type.isStop()) {
            trigger = Double.NaN;
        }
        Validity validity = body.optionalString("validity")
                .map(v -> switch (v.trim().toUpperCase(Locale.ROOT)) {
                    case "DAY" -> Validity.DAY;
                    case "IOC" -> Validity.IOC;
                    case "GTT" -> Validity.GTT;
                    default -> throw ApiException.badRequest("Field '" + body.name("validity")
                            + "' must be DAY, IOC or GTT, got '" + v + "'");
                })
                .orElse(Validity.DAY);
        Optional<String> clientOrderId = body.optionalString("client_order_id");
        if (clientOrderId.isPresent() && !CLIENT_ORDER_ID.matcher(clientOrderId.get()).matches()) {
            throw ApiException.badRequest("Field '" + body.name("client_order_id")
                    + "' must be 1 to 64 letters, digits or . _ : -");
        }
        return new OrderRequest(symbol, type, side, quantity, price, trigger, validity, body.optionalString("product"),
                trail, bracket, clientOrderId);
    }

    private Object order(ApiRequest req, String user) {
        return store.order(req.path("order_id"))
                .filter(d -> d.path("user_id").asText().equals(user))
                .map(Docs::served)
                .orElseThrow(() -> ApiException.notFound("Order not found"));
    }

    private Object modify(ApiRequest req, String user) {
        JsonBody body = req.jsonBody().allowOnly(MODIFY_FIELDS);
        String triggerField = body.has("trigger_price") ? "trigger_price" : "triggerPrice";
        return engine.modify(user, req.path("order_id"), body.optionalInteger("quantity", 1, 100_000_000),
                body.optionalNumber("price", 0.000001, 1e9), body.optionalNumber(triggerField, 0.000001, 1e9));
    }

    private Object orders(ApiRequest req, String user) {
        Optional<String> status = req.query("status").map(s -> s.trim().toUpperCase(Locale.ROOT));
        if (status.isPresent()) {
            try {
                OrderStatus.valueOf(status.get());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Query parameter 'status' must be one of "
                        + List.of(OrderStatus.values()) + ", got '" + status.get() + "'");
            }
        }
        int limit = req.queryInt("limit", 50, 1, 1000);
        return listed("orders", store.orders(user, status.orElse(null), limit));
    }

    private Object positions(ApiRequest req, String user) {
        return listed("positions", engine.positions(user));
    }

    private Object trades(ApiRequest req, String user) {
        int limit = req.queryInt("limit", 50, 1, 1000);
        return listed("trades", store.trades(user, limit));
    }

    /** {@code GET /api/trade/export/{orders|trades|pnl}}: the user's history as a CSV download. */
    private Object export(ApiRequest req, String user) {
        String kind = req.path("kind");
        String csv = switch (kind) {
            case "orders" -> CsvExport.documents(CsvExport.ORDER_COLUMNS, store.orders(user, null, EXPORT_ROWS));
            case "trades" -> CsvExport.documents(CsvExport.TRADE_COLUMNS, store.trades(user, EXPORT_ROWS));
            case "pnl" -> CsvExport.dailyPnl(store.tradesSince(user, sinceAccountOpened(user, null)), zone);
            default -> throw ApiException.notFound("Unknown export '" + kind + "': orders, trades or pnl");
        };
        return Reply.ok(new TextBody("text/csv", csv))
                .withHeader("Content-Disposition", "attachment; filename=\"" + kind + ".csv\"");
    }

    private Object pnl(ApiRequest req, String user) {
        String period = req.query("period").orElse("all").trim().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Instant from = switch (period) {
            case "today" -> now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
            case "week" -> now.minus(Duration.ofDays(7));
            case "month" -> now.minus(Duration.ofDays(30));
            case "year" -> now.minus(Duration.ofDays(365));
            case "all" -> null;
            default -> throw ApiException.badRequest("Query parameter 'period' must be one of today, week, month, "
                    + "year, all, got '" + period + "'");
        };
        Valuation v = engine.valuation(user);
        double realized = 0;
        for (ObjectNode t : store.tradesSince(user, sinceAccountOpened(user, from))) {
            realized += t.path("realized_pnl").asDouble() - t.path("commission").asDouble();
        }
        double total = realized + v.unrealizedPnl();
        ObjectNode n = Json.object();
        n.put("period", period);
        n.put("from", from == null ? null : Documents.format(from));
        n.put("realized_pnl", money(realized));
        n.put("unrealized_pnl", money(v.unrealizedPnl()));
        n.put("total_pnl", money(total));
        n.put("returns_pct", Math.round(total / initialCapital * 100 * 10_000) / 10_000.0);
        n.put("initial_capital", initialCapital);
        n.put("current_value", money(v.equity()));
        return n;
    }

    private Object performance(ApiRequest req, String user) {
        return Performance.of(store.tradesSince(user, sinceAccountOpened(user, null)), initialCapital);
    }

    /** The later of {@code from} (null: the beginning) and the opening of the user's account: a reset starts over. */
    private Instant sinceAccountOpened(String user, Instant from) {
        return engine.openedAt(user).filter(opened -> from == null || opened.isAfter(from)).orElse(from);
    }

    private Object orderBook(ApiRequest req) {
        return engine.orderBook(req.path("symbol"), 10)
                .orElseThrow(() -> ApiException.notFound("Order book not found"));
    }

    /** {@code {field: [served documents], "count"}}: the shape of every list this service answers. */
    private static ObjectNode listed(String field, List<ObjectNode> documents) {
        ArrayNode out = Json.mapper().createArrayNode();
        documents.forEach(d -> out.add(Docs.served(d)));
        ObjectNode n = Json.object();
        n.set(field, out);
        n.put("count", out.size());
        return n;
    }

    private static double money(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
