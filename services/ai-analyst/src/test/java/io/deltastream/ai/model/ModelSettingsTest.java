package io.deltastream.ai.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSettingsTest {
    private static final Map<String, String> OPENAI = Map.of("LLM_PROVIDER", "openai", "LLM_MODEL", "gpt-4o-mini",
            "LLM_API_KEY", "sk-very-secret");

    @Test
    void noModelByDefault() {
        ModelSettings s = ModelSettings.from(Env.of(Map.of()));
        assertThat(s.enabled()).isFalse();
        assertThat(s).hasToString("provider=none");
    }

    @Test
    void anOpenAiCompatibleServerWithDefaults() {
        ModelSettings s = ModelSettings.from(Env.of(OPENAI));
        assertThat(s.enabled()).isTrue();
        assertThat(s.baseUrl()).hasToString("https://api.openai.com/v1");
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.maxTokens()).isEqualTo(512);
        assertThat(s.key()).contains("sk-very-secret");
        assertThat(s.toString()).doesNotContain("sk-very-secret").contains("api_key=set").contains("model=gpt-4o-mini");
    }

    @Test
    void eachBadValueStopsStartUpNamingItsVariable() {
        assertThatThrownBy(() -> ModelSettings.from(Env.of(Map.of("LLM_PROVIDER", "gpt"))))
                .isInstanceOf(ConfigException.class).hasMessage("LLM_PROVIDER must be one of none, openai, got 'gpt'");
        assertThatThrownBy(() -> ModelSettings.from(Env.of(Map.of("LLM_PROVIDER", "openai"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LLM_MODEL must name the model");
        assertThatThrownBy(() -> ModelSettings.from(Env.of(Map.of("LLM_BASE_URL", "ftp://host/v1"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LLM_BASE_URL must be");
        assertThatThrownBy(() -> ModelSettings.from(Env.of(Map.of("LLM_TIMEOUT_SECONDS", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LLM_TIMEOUT_SECONDS must be");
        assertThatThrownBy(() -> ModelSettings.from(Env.of(Map.of("LLM_MAX_TOKENS", "lots"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LLM_MAX_TOKENS must be");
    }
}
