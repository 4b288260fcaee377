package io.deltastream.platform.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Typed, validated access to configuration variables (the process environment, optionally overlaid
 * with explicit values for tests and the embedded launcher).
 *
 * <p>Every accessor fails with a {@link ConfigException} that names the variable and the accepted
 * range; blank values count as unset so that {@code FOO=} in a .env file means "use the default".
 */
public final class Env {
    private final Map<String, String> values;
    private final Consumer<String> reads;

    private Env(Map<String, String> values, Consumer<String> reads) {
        this.values = Map.copyOf(values);
        this.reads = reads;
    }

    private Env(Map<String, String> values) {
        this(values, name -> { });
    }

    /** The process environment. */
    public static Env system() {
        return new Env(System.getenv());
    }

    /** Exactly the given variables (tests). */
    public static Env of(Map<String, String> values) {
        return new Env(values);
    }

    /**
     * Exactly the given variables, telling {@code reads} the name of every variable asked for (set or not), also
     * through environments derived with {@link #with}: how the deployment tests learn which variables the code reads.
     */
    public static Env recording(Map<String, String> values, Consumer<String> reads) {
        return new Env(values, reads);
    }

    /** This environment with {@code overrides} taking precedence. */
    public Env with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(overrides);
        return new Env(merged, reads);
    }

    /** This environment with one variable set. */
    public Env with(String name, String value) {
        return with(Map.of(name, value));
    }

    /** The raw value, empty when unset or blank. */
    public Optional<String> optional(String name) {
        reads.accept(name);
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public boolean isSet(String name) {
        return optional(name).isPresent();
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    /** A required variable with no default. */
    public String required(String name) {
        return optional(name).orElseThrow(() -> new ConfigException(name + " must be set"));
    }

    public int integer(String name, int defaultValue, int min, int max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(raw.get());
            if (v < min || v > max) {
                throw invalid(name, raw.get(), "an integer from " + min + " to " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw invalid(name, raw.get(), "an integer from " + min + " to " + max);
        }
    }

    public long longValue(String name, long defaultValue, long min, long max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long v = Long.parseLong(raw.get());
            if (v < min || v > max) {
                throw invalid(name, raw.get(), "an integer from " + min + " to " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw invalid(name, raw.get(), "an integer from " + min + " to " + max);
        }
    }

    /** A TCP port (0 asks the OS for a free one). */
    public int port(String name, int defaultValue) {
        return integer(name, defaultValue, 0, 65535);
    }

    /** A finite number strictly greater than zero and at most {@code max}. */
    public double positiveNumber(String name, double defaultValue, double max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String expected = "a number greater than 0 and at most " + max;
        try {
            double v = Double.parseDouble(raw.get());
            if (!(v > 0) || v > max || Double.isInfinite(v)) {
                throw invalid(name, raw.get(), expected);
            }
            return v;
        } catch (NumberFormatException e) {
            throw invalid(name, raw.get(), expected);
        }
    }

    /** A duration given in (possibly fractional) seconds, strictly positive. */
    public Duration seconds(String name, Duration defaultValue, Duration max) {
        double s = positiveNumber(name, defaultValue.toNanos() / 1e9, max.toNanos() / 1e9);
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    public boolean bool(String name, boolean defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw invalid(name, raw.get(), "true or false");
        };
    }

    /** One of a fixed set of words, compared case-insensitively; returns the lower-case word. */
    public String choice(String name, String defaultValue, Set<String> allowed) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String v = raw.get().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw invalid(name, raw.get(), "one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return v;
    }

    /** An absolute URI whose scheme is one of {@code schemes}. */
    public Optional<URI> uri(String name, Set<String> schemes) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String expected = "a URL with scheme " + String.join(" or ", schemes.stream().sorted().toList());
        try {
            URI uri = new URI(raw.get());
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw invalid(name, redact(raw.get()), expected);
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw invalid(name, redact(raw.get()), expected);
        }
    }

    /** Comma-separated, trimmed, non-empty entries. */
    public List<String> list(String name, List<String> defaultValue) {
        return optional(name)
                .map(v -> List.of(v.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(defaultValue);
    }

    private static ConfigException invalid(String name, String value, String expected) {
        return new ConfigException(name + " must be " + expected + ", got '" + value + "'");
    }

    /** Credentials in URLs never reach error messages or logs. */
    private static String redact(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }
}
