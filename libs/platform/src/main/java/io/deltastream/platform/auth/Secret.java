package io.deltastream.platform.auth;

import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.service.ServiceHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The platform's shared secrets. Each is read from its environment variable; when that is unset and the platform
 * runs on this machine only (no {@code REDIS_URL}/{@code MONGO_URL}), it is generated once (256 random bits,
 * base64url) and kept in {@code DATA_DIR/<file>} with mode 0600, so restarts keep sessions and the command line can
 * read the admin token. In distributed mode the processes share no data directory, so each must be set. The
 * reference's published JWT secret is refused in every mode, as is any value shorter than 32 characters.
 */
public enum Secret {
    /** Signs and verifies access tokens (HS256); every service that verifies tokens needs the same value. */
    JWT_SECRET("jwt-secret"),
    /** Opens the operations routes: the worker's {@code /dlq} and the logging service's {@code /logs}. */
    ADMIN_TOKEN("admin-token"),
    /** Proves a call comes from another DeltaStream service (see {@link Credential}). */
    INTERNAL_TOKEN("internal-token");

    /** The reference's published JWT secret: anyone can forge tokens with it, so it is never accepted. */
    public static final String PUBLISHED_DEFAULT = "your-secret-key-change-in-production";
    /** Shortest accepted value, in characters (HS256 needs a 256-bit key). */
    public static final int MIN_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String fileName;

    Secret(String fileName) {
        this.fileName = fileName;
    }

    /** The file under {@code DATA_DIR} that holds the generated value. */
    public String fileName() {
        return fileName;
    }

    /**
     * The value: the variable when set, else (embedded mode only) the file under {@code DATA_DIR}, generated on
     * first use.
     *
     * @throws ConfigException when the variable holds the published default or fewer than 32 characters, or is
     *                         unset in distributed mode
     */
    public String value(Env env) {
        Optional<String> set = env.optional(name());
        if (set.isPresent()) {
            return checked(set.get(), name());
        }
        if (ServiceHost.distributed(env)) {
            throw new ConfigException(name() + " must be set to a private value of at least " + MIN_LENGTH
                    + " characters when REDIS_URL or MONGO_URL is set (distributed mode): every process needs the"
                    + " same value");
        }
        return stored(Path.of(env.string("DATA_DIR", "./data")));
    }

    /** The generated value kept under {@code dataDir}, created with mode 0600 when absent. */
    public String stored(Path dataDir) {
        Path file = dataDir.resolve(fileName);
        synchronized (Secret.class) {
            try {
                if (!Files.exists(file)) {
                    create(dataDir, file);
                }
                return checked(Files.readString(file, StandardCharsets.UTF_8).trim(), file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read or create " + file, e);
            }
        }
    }

    private static void create(Path dir, Path file) throws IOException {
        Files.createDirectories(dir);
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            restrict(tmp);
            Files.writeString(tmp, value + "\n", StandardCharsets.UTF_8);
            // A second process starting at the same moment may have written it first: its value wins.
            Files.move(tmp, file);
        } catch (FileAlreadyExistsException e) {
            // kept: the other process's value
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the data directory's own access rules apply.
        }
    }

    private static String checked(String value, String source) {
        if (value.equals(PUBLISHED_DEFAULT)) {
            throw new ConfigException(source + " holds the published default '" + PUBLISHED_DEFAULT + "', with which"
                    + " anyone can forge tokens: unset it (embedded mode generates a private one) or set a private"
                    + " value of at least " + MIN_LENGTH + " characters");
        }
        if (value.length() < MIN_LENGTH) {
            throw new ConfigException(source + " must be at least " + MIN_LENGTH + " characters long, got "
                    + value.length());
        }
        return value;
    }
}
