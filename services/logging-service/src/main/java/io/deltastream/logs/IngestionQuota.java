package io.deltastream.logs;

import io.deltastream.platform.http.ApiException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Caps on log ingestion, so that a caller holding the admin token by mistake (a chatty agent, a loop) cannot fill the
 * disk or starve the service: at most {@code maxServices} distinct service names (each gets its own rotated files,
 * so disk use is at most names × {@code LOG_MAX_FILE_BYTES} × ({@code LOG_KEEP_FILES} + 1)); per service at most
 * {@code serviceBytesPerMinute}, and over all services {@code totalBytesPerMinute}, in fixed one-minute windows.
 * Over a rate: 429 with {@code Retry-After} (the rest of the window); a new name past the cap: 403 (no wait helps).
 * Thread-safe.
 */
final class IngestionQuota {
    private static final long WINDOW_MILLIS = 60_000;

    private final int maxServices;
    private final long serviceBytesPerMinute;
    private final long totalBytesPerMinute;
    private final Clock clock;
    private final Set<String> services;
    private final Map<String, Long> serviceBytes = new HashMap<>();
    private long windowStart;
    private long totalBytes;

    /** @param existing the names that already have log files (they count against {@code maxServices}) */
    IngestionQuota(int maxServices, long serviceBytesPerMinute, long totalBytesPerMinute, Collection<String> existing,
                   Clock clock) {
        this.maxServices = maxServices;
        this.serviceBytesPerMinute = serviceBytesPerMinute;
        this.totalBytesPerMinute = totalBytesPerMinute;
        this.clock = clock;
        this.services = new HashSet<>(existing);
        this.windowStart = clock.millis();
    }

    /**
     * Counts {@code bytes} for {@code service}, or refuses them without counting.
     *
     * @throws ApiException 403 for a new name past the cap, 429 with {@code Retry-After} over a byte rate
     */
    synchronized void admit(String service, long bytes) {
        long now = clock.millis();
        if (now - windowStart >= WINDOW_MILLIS) {
            windowStart = now;
            totalBytes = 0;
            serviceBytes.clear();
        }
        if (!services.contains(service) && services.size() >= maxServices) {
            throw ApiException.forbidden("Too many log services: at most " + maxServices
                    + " distinct names are kept (LOG_MAX_SERVICES)").with("field", "service");
        }
        long retryAfter = Math.max(1, (windowStart + WINDOW_MILLIS - now + 999) / 1000);
        long forService = serviceBytes.getOrDefault(service, 0L);
        if (forService + bytes > serviceBytesPerMinute) {
            throw ApiException.tooManyRequests("Log volume of service '" + service + "' is over "
                    + serviceBytesPerMinute + " bytes per minute (LOG_MAX_SERVICE_BYTES_PER_MINUTE)", retryAfter);
        }
        if (totalBytes + bytes > totalBytesPerMinute) {
            throw ApiException.tooManyRequests("Log volume is over " + totalBytesPerMinute
                    + " bytes per minute (LOG_MAX_TOTAL_BYTES_PER_MINUTE)", retryAfter);
        }
        services.add(service);
        serviceBytes.put(service, forService + bytes);
        totalBytes += bytes;
    }
}
