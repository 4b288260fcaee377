package io.deltastream.platform.health;

/** A probe of one real dependency (store, Redis, a downstream service). */
public interface HealthCheck {
    /** The dependency's name as reported when it fails, e.g. {@code store} or {@code redis}. */
    String name();

    /** Returns normally when the dependency is usable; throws with the reason otherwise. */
    void check() throws Exception;

    @FunctionalInterface
    interface Probe {
        void run() throws Exception;
    }

    static HealthCheck of(String name, Probe probe) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void check() throws Exception {
                probe.run();
            }
        };
    }
}
