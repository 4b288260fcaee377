package io.deltastream.platform.service;

/**
 * A server that owns a service's public port in place of the platform's HTTP listener, for protocols that
 * listener does not speak (Socket.IO on Netty). The HTTP listener then listens on a loopback port only, and the
 * front forwards every HTTP request it does not serve itself to that port, so {@code /health}, {@code /metrics},
 * CORS and the JSON error contract are the same as on every other service.
 */
public interface FrontServer extends AutoCloseable {
    /**
     * Starts listening.
     *
     * @param address     the address to listen on ({@code BIND_ADDRESS})
     * @param port        the service's public port (0 = any free port)
     * @param backendPort the loopback port of the platform's HTTP listener, for forwarded requests
     * @return the bound public port
     * @throws java.net.BindException when the port cannot be taken (the host turns it into one line and exit code 2)
     */
    int start(java.net.InetAddress address, int port, int backendPort) throws Exception;

    /** Stops accepting connections and closes the open ones. */
    @Override
    void close();
}
