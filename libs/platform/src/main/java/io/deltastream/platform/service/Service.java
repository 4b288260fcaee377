package io.deltastream.platform.service;

/**
 * One DeltaStream service (storage, auth, api-gateway, ...). The same class runs alone
 * ({@code ./deltastream service NAME}) or beside the others in one JVM ({@code ./deltastream run}).
 */
public interface Service {
    /** The service name as in the reference, e.g. {@code api-gateway}; also its log and metric tag. */
    String name();

    /** The reference's port for this service. */
    int defaultPort();

    /**
     * True for a public entry point (the api-gateway, the socket-gateway): it accepts calls from clients. Every
     * other service in distributed mode accepts only calls carrying the internal credential.
     */
    default boolean edge() {
        return false;
    }

    /**
     * Registers routes, health checks, background work and resources on {@code ctx}. Runs before the
     * HTTP listener starts; throw to abort start-up.
     */
    void install(ServiceContext ctx) throws Exception;
}
