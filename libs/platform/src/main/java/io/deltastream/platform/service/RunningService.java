package io.deltastream.platform.service;

import io.deltastream.platform.http.ServiceHttpServer;
import io.deltastream.platform.metrics.ServiceMetrics;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** A started service; {@link #close()} stops it gracefully. */
public final class RunningService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    private final String name;
    private final ServiceHttpServer server;
    private final int port;
    private final FrontServer front;
    private final List<AutoCloseable> stopHooks;
    private final ServiceMetrics metrics;
    private boolean closed;

    RunningService(String name, ServiceHttpServer server, int port, FrontServer front, List<AutoCloseable> stopHooks,
                   ServiceMetrics metrics) {
        this.name = name;
        this.server = server;
        this.port = port;
        this.front = front;
        this.stopHooks = stopHooks;
        this.metrics = metrics;
    }

    public String name() {
        return name;
    }

    /** The bound public port (the front server's, when the service has one). */
    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        MDC.put("service", name);
        try {
            if (front != null) {
                front.close();
            }
            server.stop();
            ServiceHost.closeAll(stopHooks, LOG);
            metrics.close();
            LOG.info("stopped");
        } finally {
            MDC.remove("service");
        }
    }
}
