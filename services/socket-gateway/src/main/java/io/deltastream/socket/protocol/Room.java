package io.deltastream.socket.protocol;

/**
 * A room a client can join: {@code product:NIFTY}, {@code chain:NIFTY}, {@code user:<id>}. The {@code general}
 * room, which every client is in and cannot leave, is {@link #GENERAL}.
 */
public record Room(RoomType type, String symbol) {
    /** The room of every client: all products' underlying updates and chain summaries. */
    public static final String GENERAL = "general";

    /** The room's name, {@code type:symbol}. */
    public String name() {
        return type.wire() + ":" + symbol;
    }

    public static String product(String symbol) {
        return new Room(RoomType.PRODUCT, symbol).name();
    }

    public static String chain(String symbol) {
        return new Room(RoomType.CHAIN, symbol).name();
    }

    public static String user(String userId) {
        return new Room(RoomType.USER, userId).name();
    }

    @Override
    public String toString() {
        return name();
    }
}
