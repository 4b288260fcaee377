package io.deltastream.platform.config;

/**
 * A configuration value is missing or malformed. The message names the variable and says what is
 * allowed, so that start-up can fail with exactly one clear line.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
