package io.deltastream.market.wire;

/** Call or put, written {@code "CALL"}/{@code "PUT"} on the wire and {@code C}/{@code P} in option symbols. */
public enum OptionType {
    CALL('C'),
    PUT('P');

    private final char letter;

    OptionType(char letter) {
        this.letter = letter;
    }

    /** The letter used in option symbols. */
    public char letter() {
        return letter;
    }

    /** Parses {@code "CALL"}/{@code "PUT"} (the wire form); anything else is an {@link IllegalArgumentException}. */
    public static OptionType fromWire(String s) {
        return switch (s) {
            case "CALL" -> CALL;
            case "PUT" -> PUT;
            default -> throw new IllegalArgumentException("option_type must be CALL or PUT, got '" + s + "'");
        };
    }
}
