package io.deltastream.ai.model;

import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The optional language model, from {@code LLM_PROVIDER} ({@code none}, the default, or {@code openai}: any
 * OpenAI-compatible server), {@code LLM_BASE_URL}, {@code LLM_MODEL}, {@code LLM_API_KEY}, {@code LLM_TIMEOUT_SECONDS}
 * and {@code LLM_MAX_TOKENS}. A bad value stops start-up with one line naming the variable.
 *
 * @param baseUrl the API root, e.g. {@code https://api.openai.com/v1} or {@code http://127.0.0.1:11434/v1}
 * @param apiKey  empty for servers that need none; never printed ({@link #toString()} leaves it out)
 * @param timeout how long one model call may take before it is abandoned (each retry gets as long again)
 */
public record ModelSettings(String provider, URI baseUrl, String model, String apiKey, Duration timeout,
                            int maxTokens) {
    public static final String NONE = "none";
    public static final String OPENAI = "openai";
    static final URI OPENAI_URL = URI.create("https://api.openai.com/v1");

    /** The settings of {@code env}; {@link ConfigException} naming the variable when one is invalid. */
    public static ModelSettings from(Env env) {
        String provider = env.choice("LLM_PROVIDER", NONE, Set.of(NONE, OPENAI));
        URI baseUrl = env.uri("LLM_BASE_URL", Set.of("http", "https")).orElse(OPENAI_URL);
        String model = env.optional("LLM_MODEL").map(String::strip).orElse("");
        if (!provider.equals(NONE) && model.isEmpty()) {
            throw new ConfigException("LLM_MODEL must name the model when LLM_PROVIDER is " + provider);
        }
        String key = env.optional("LLM_API_KEY").map(String::strip).orElse("");
        Duration timeout = Duration.ofSeconds(env.integer("LLM_TIMEOUT_SECONDS", 15, 1, 600));
        int maxTokens = env.integer("LLM_MAX_TOKENS", 512, 16, 32_768);
        return new ModelSettings(provider, baseUrl, model, key, timeout, maxTokens);
    }

    public boolean enabled() {
        return !provider.equals(NONE);
    }

    /** The key, when one is set. */
    public Optional<String> key() {
        return apiKey.isEmpty() ? Optional.empty() : Optional.of(apiKey);
    }

    /** Everything but the key, for logs. */
    @Override
    public String toString() {
        return enabled() ? "provider=" + provider + " model=" + model + " base_url=" + baseUrl + " timeout="
                + timeout.toSeconds() + "s max_tokens=" + maxTokens + " api_key=" + (apiKey.isEmpty() ? "unset" : "set")
                : "provider=none";
    }
}
