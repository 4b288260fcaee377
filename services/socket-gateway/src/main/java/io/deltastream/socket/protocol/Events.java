package io.deltastream.socket.protocol;

/** Socket.IO event names of the gateway (the reference's). */
public final class Events {
    /** Client to server: join a room, payload {@code {type, symbol}}. */
    public static final String SUBSCRIBE = "subscribe";
    /** Client to server: leave a room, payload {@code {type, symbol}}. */
    public static final String UNSUBSCRIBE = "unsubscribe";
    /** Client to server: ask for the live product list. */
    public static final String GET_PRODUCTS = "get_products";

    public static final String CONNECTED = "connected";
    public static final String SUBSCRIBED = "subscribed";
    public static final String UNSUBSCRIBED = "unsubscribed";
    public static final String PRODUCTS = "products";
    public static final String ERROR = "error";
    public static final String UNDERLYING_UPDATE = "underlying_update";
    public static final String CHAIN_SUMMARY = "chain_summary";
    public static final String CHAIN_UPDATE = "chain_update";
    /** The ai-analyst's news sentiment of a product, to the product's room. */
    public static final String SENTIMENT_UPDATE = "sentiment_update";

    private Events() {
    }
}
