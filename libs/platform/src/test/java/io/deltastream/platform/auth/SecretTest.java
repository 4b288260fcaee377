package io.deltastream.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTest {
    @TempDir
    Path dataDir;

    @Test
    void unsetInEmbeddedModeIsGeneratedOnceKeptPrivateAndReused() throws Exception {
        Env env = Env.of(Map.of("DATA_DIR", dataDir.toString()));
        String first = Secret.JWT_SECRET.value(env);
        Path file = dataDir.resolve("jwt-secret");
        assertThat(first).hasSizeGreaterThanOrEqualTo(Secret.MIN_LENGTH).isNotEqualTo(Secret.PUBLISHED_DEFAULT);
        assertThat(Files.readString(file).trim()).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        // a restart reads the same value; each secret has its own
        assertThat(Secret.JWT_SECRET.value(env)).isEqualTo(first);
        assertThat(Secret.ADMIN_TOKEN.value(env)).isNotEqualTo(first).hasSizeGreaterThanOrEqualTo(Secret.MIN_LENGTH);
        assertThat(Files.exists(dataDir.resolve("admin-token"))).isTrue();
    }

    @Test
    void anotherDataDirectoryGetsAnotherSecret() {
        String a = Secret.JWT_SECRET.stored(dataDir.resolve("a"));
        String b = Secret.JWT_SECRET.stored(dataDir.resolve("b"));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aSetValueWinsButThePublishedDefaultAndShortValuesAreRefusedInEveryMode() {
        String mine = "m".repeat(40);
        assertThat(Secret.JWT_SECRET.value(Env.of(Map.of("JWT_SECRET", mine, "DATA_DIR", dataDir.toString()))))
                .isEqualTo(mine);
        assertThat(dataDir.resolve("jwt-secret")).doesNotExist();
        assertThatThrownBy(() -> Secret.JWT_SECRET.value(Env.of(Map.of("JWT_SECRET", Secret.PUBLISHED_DEFAULT))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("JWT_SECRET holds the published default");
        assertThatThrownBy(() -> Secret.JWT_SECRET.value(Env.of(Map.of("JWT_SECRET", Secret.PUBLISHED_DEFAULT,
                "REDIS_URL", "redis://r:6379/0")))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> Secret.ADMIN_TOKEN.value(Env.of(Map.of("ADMIN_TOKEN", "short"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least 32 characters");
    }

    @Test
    void aGeneratedFileHoldingThePublishedDefaultIsRefusedToo() throws Exception {
        Files.writeString(dataDir.resolve("jwt-secret"), Secret.PUBLISHED_DEFAULT + "\n");
        assertThatThrownBy(() -> Secret.JWT_SECRET.value(Env.of(Map.of("DATA_DIR", dataDir.toString()))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("published default");
    }

    @Test
    void distributedModeNeedsEachSharedSecretSet() {
        for (Secret secret : Secret.values()) {
            assertThatThrownBy(() -> secret.value(Env.of(Map.of("MONGO_URL", "mongodb://m/db",
                    "DATA_DIR", dataDir.toString()))))
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith(secret.name() + " must be set");
        }
        assertThat(dataDir.resolve("jwt-secret")).doesNotExist();
    }
}
