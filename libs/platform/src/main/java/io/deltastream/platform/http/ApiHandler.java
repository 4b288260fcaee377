package io.deltastream.platform.http;

/**
 * A route handler: returns the JSON body (status 200) or a {@link Reply}; throws
 * {@link ApiException} for client errors.
 */
@FunctionalInterface
public interface ApiHandler {
    Object handle(ApiRequest request) throws Exception;
}
