package io.deltastream.market.wire;

/**
 * A message that does not have the wire shape: not JSON, a field missing, of the wrong type or out of range. The
 * message says which field and why; consumers dead-letter such messages with it instead of retrying them.
 */
public final class MalformedMessageException extends Exception {
    public MalformedMessageException(String reason) {
        super(reason);
    }

    public MalformedMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
