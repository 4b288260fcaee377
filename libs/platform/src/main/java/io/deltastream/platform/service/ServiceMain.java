package io.deltastream.platform.service;

import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.logging.Logging;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Runs services until SIGINT/SIGTERM, then stops them in reverse order and exits 0. A configuration
 * error ends start-up with one line on stderr naming the variable, and exit code 2.
 */
public final class ServiceMain {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceMain.class);

    private ServiceMain() {
    }

    /** {@code ./deltastream service NAME}: one service, configured from the environment. */
    public static void runStandalone(Service service) {
        Logging.nameProcess(service.name());
        run(List.of(service), false, started -> { });
    }

    /**
     * Starts {@code services} in order and blocks until a stop signal.
     *
     * @param embedded  true when these are all the platform's services in one JVM
     * @param onStarted called once all are up (e.g. to print their URLs)
     */
    public static void run(List<Service> services, boolean embedded, Consumer<List<RunningService>> onStarted) {
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Env env = Env.system();
        List<RunningService> running = new ArrayList<>();
        int exit = 0;
        try (SharedResources shared = new SharedResources()) {
            try {
                for (Service s : services) {
                    running.add(ServiceHost.start(s, env, shared, embedded));
                }
                onStarted.accept(List.copyOf(running));
                stop.await();
                LOG.info("stop signal received, shutting down");
            } catch (ConfigException e) {
                System.err.println("deltastream: configuration error: " + e.getMessage());
                exit = 2;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.error("start-up failed", e);
                System.err.println("deltastream: start-up failed: " + e.getMessage());
                exit = 1;
            } finally {
                for (int i = running.size() - 1; i >= 0; i--) {
                    running.get(i).close();
                }
            }
        }
        System.exit(exit);
    }
}
