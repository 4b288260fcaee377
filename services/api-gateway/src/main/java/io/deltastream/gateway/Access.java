package io.deltastream.gateway;

/** Who may call a gateway route. */
enum Access {
    /** Anyone (authentication routes, documentation). */
    PUBLIC,
    /** Market data: public unless {@code MARKET_DATA_REQUIRES_AUTH=true}. */
    MARKET_DATA,
    /** A valid, unrevoked access token is required (trading and user routes). */
    AUTHENTICATED
}
