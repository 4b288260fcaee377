package io.deltastream.testkit;

import io.deltastream.platform.config.Env;
import io.deltastream.platform.service.RunningService;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceHost;
import io.deltastream.platform.service.SharedResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts real services in this JVM on free ports, embedded-style (sharing bus and stores), with a
 * private data directory. Closing stops them all and releases shared resources.
 */
public final class TestServices implements AutoCloseable {
    private final Map<String, String> env = new HashMap<>();
    private final SharedResources shared = new SharedResources();
    private final List<RunningService> running = new ArrayList<>();
    private final Path dataDir;

    public TestServices() {
        try {
            dataDir = Files.createTempDirectory("deltastream-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("DATA_DIR", dataDir.toString());
    }

    /** Sets a variable for services started after this call. */
    public TestServices env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Path dataDir() {
        return dataDir;
    }

    public SharedResources shared() {
        return shared;
    }

    /** Starts {@code service} on a free port. */
    public RunningService start(Service service) {
        Map<String, String> vars = new HashMap<>(env);
        vars.putIfAbsent(ServiceHost.portVariable(service), "0");
        try {
            RunningService s = ServiceHost.start(service, Env.of(vars), shared, true);
            running.add(s);
            return s;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not start " + service.name(), e);
        }
    }

    /** A client for {@code service}'s base URL. */
    public static HttpJson http(RunningService service) {
        return new HttpJson(service.baseUrl());
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
        shared.close();
    }
}
