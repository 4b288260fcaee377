package io.deltastream.store;

/** A write would have violated a unique index (or reused an {@code _id}). */
public final class DuplicateKeyException extends StoreException {
    public DuplicateKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
