package io.deltastream.socket;

import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;

/** Streams enriched market data and user events to Socket.IO clients. */
public final class SocketGatewayService implements Service {
    public static final String NAME = "socket-gateway";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8002;
    }

    @Override
    public void install(ServiceContext ctx) {
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new SocketGatewayService());
    }
}
