package io.deltastream.platform.http;

/**
 * A response body that is already JSON, encoded as UTF-8: written as is, without passing through the mapper. For
 * hot routes that keep a rendered answer (e.g. the latest option chain); the caller guarantees it is valid JSON.
 *
 * @param utf8 the JSON text's bytes; not copied, so never modify it after handing it over
 */
public record RawJson(byte[] utf8) {
}
