package io.deltastream.gateway;

import io.helidon.http.Method;
import java.time.Duration;
import java.util.List;

/**
 * One gateway route: where it goes, who may call it, how long the downstream may take, and how the API document
 * describes it.
 *
 * @param method           HTTP method
 * @param path             the gateway path template, e.g. {@code /api/data/chain/{product}}
 * @param service          the downstream service's name
 * @param downstreamPrefix what replaces the template's fixed prefix (the part before the first {@code {}}) downstream
 * @param access           who may call it
 * @param timeout          how long the downstream may take to answer
 * @param doc              its API documentation
 */
record Endpoint(Method method, String path, String service, String downstreamPrefix, Access access, Duration timeout,
                Doc doc) {

    /** The fixed leading part of {@link #path()}, replaced by {@link #downstreamPrefix()} when forwarding. */
    String gatewayPrefix() {
        int brace = path.indexOf('{');
        return brace < 0 ? path : path.substring(0, brace);
    }

    /**
     * API documentation of a route.
     *
     * @param tag            group in the document
     * @param summary        one line
     * @param description    details, including units
     * @param params         path and query parameters
     * @param requestSchema  component schema of the JSON body, or null
     * @param responseSchema component schema of the success body
     * @param successStatus  200 or 201
     * @param errors         error statuses it may answer (all with the Error schema)
     */
    record Doc(String tag, String summary, String description, List<Param> params, String requestSchema,
               String responseSchema, int successStatus, List<Integer> errors) {
    }

    /**
     * A parameter.
     *
     * @param name        its name
     * @param in          {@code path} or {@code query}
     * @param required    whether it must be given
     * @param type        {@code string}, {@code integer}, {@code boolean}
     * @param format      e.g. {@code date}, {@code date-time}, or null
     * @param description what it means, with units, range and default
     */
    record Param(String name, String in, boolean required, String type, String format, String description) {
    }
}
