package io.deltastream.logs;

import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;

/** Central log collection: services post structured log lines, operators read them back per service. */
public final class LoggingService implements Service {
    public static final String NAME = "logging-service";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8005;
    }

    @Override
    public void install(ServiceContext ctx) {
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new LoggingService());
    }
}
