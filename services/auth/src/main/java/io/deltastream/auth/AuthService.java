package io.deltastream.auth;

import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;
import io.deltastream.store.Stores;

/** Users, passwords and tokens: register, login, verify, refresh, logout. */
public final class AuthService implements Service {
    public static final String NAME = "auth";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8001;
    }

    @Override
    public void install(ServiceContext ctx) {
        Stores.open(ctx, "auth");
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new AuthService());
    }
}
