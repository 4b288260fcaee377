package io.deltastream.store;

/** The store could not do what was asked (unreachable, disk full, corrupt, ...). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
