package io.deltastream.gateway;

import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;

/** The single entry point for REST clients: routes /api/* to the services, enforces authentication, serves the dashboard and the API documentation. */
public final class ApiGatewayService implements Service {
    public static final String NAME = "api-gateway";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8000;
    }

    @Override
    public void install(ServiceContext ctx) {
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new ApiGatewayService());
    }
}
