package io.deltastream.platform.http;

/**
 * A response body that is text of another media type than JSON (e.g. a CSV export), written as UTF-8.
 *
 * @param mediaType the Content-Type without charset, e.g. {@code text/csv}
 * @param text      the body
 */
public record TextBody(String mediaType, String text) {
}
