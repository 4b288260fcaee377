package io.deltastream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.app.ServiceCatalog;
import io.deltastream.platform.json.Json;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.FreePorts;
import io.deltastream.testkit.HttpJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image Jib writes to {@code target/jib-image.tar} during this module's build (profile {@code image}, Linux
 * x86-64): its configuration, its files, and, where this test runs as root with {@code unshare}, a service started
 * from the image's own file system, user, environment and entrypoint in a chroot, the way a container runtime would.
 */
class ContainerImageTest {
    private static final Path TAR = Path.of("target", "jib-image.tar");
    private static final String USER = "10001:10001";
    /**
     * A bound on the compressed layers, so that growth is a decision: the image is about 190 MB, most of it the
     * ai-analyst's in-process embedding model (83 MB) and tokenizer (19 MB), which do not compress, and the ONNX
     * runtime with the natives of linux-x64 only (8 MB compressed; the original jar, with five platforms, is 93 MB).
     */
    private static final long MAX_COMPRESSED_BYTES = 200L * 1024 * 1024;
    private static final String NATIVES = "ai/onnxruntime/native/";

    /** One file of the image's merged layers. */
    record Item(String path, int mode, long size, Instant modified, boolean directory, byte[] content) {
    }

    private static JsonNode config;
    private static Map<String, Item> files;
    private static long compressedBytes;

    @BeforeAll
    static void readImage() throws IOException {
        assumeTrue(Files.exists(TAR), "no image: it is built on Linux x86-64 only (profile 'image' of deploy/pom.xml)");
        Map<String, byte[]> entries = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(TAR))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        JsonNode manifest = Json.tree(new String(entries.get("manifest.json"))).get(0);
        config = Json.tree(new String(entries.get(manifest.path("Config").asText())));
        files = new TreeMap<>();
        for (JsonNode layer : manifest.path("Layers")) {
            byte[] gz = entries.get(layer.asText());
            compressedBytes += gz.length;
            try (TarArchiveInputStream in = new TarArchiveInputStream(
                    new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz)))) {
                for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    String path = "/" + e.getName().replaceFirst("^/", "").replaceFirst("/$", "");
                    byte[] content = e.isDirectory() || e.getSize() > 64L * 1024 * 1024 ? new byte[0] : in.readAllBytes();
                    files.put(path, new Item(path, e.getMode() & 07777, e.getSize(),
                            e.getModTime().toInstant(), e.isDirectory(), content));
                }
            }
        }
        System.out.printf("image: %d layers, %.1f MB compressed, %.1f MB of files%n", manifest.path("Layers").size(),
                compressedBytes / 1048576.0, files.values().stream().mapToLong(Item::size).sum() / 1048576.0);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void entrypointRunsTheDeltastreamCommandWithContainerJvmFlags() {
        JsonNode c = config.path("config");
        List<String> entrypoint = strings(c.path("Entrypoint"));
        assertThat(entrypoint.getFirst()).isEqualTo("java");
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                "-cp", "@/app/jib-classpath-file");
        assertThat(entrypoint.getLast()).isEqualTo("io.deltastream.app.DeltaStream");
        assertThat(strings(c.path("Cmd"))).containsExactly("run");
        assertThat(strings(c.path("Env"))).contains("PATH=/opt/java/bin", "JAVA_HOME=/opt/java",
                "DATA_DIR=/app/data", "LOG_DIR=/app/logs", "BIND_ADDRESS=0.0.0.0");
        assertThat(c.path("WorkingDir").asText()).isEqualTo("/app");
        Item java = files.get("/opt/java/bin/java");
        assertThat(java).as("the Java runtime").isNotNull();
        assertThat(java.mode() & 0111).as("java is executable").isEqualTo(0111);
        assertThat(files).containsKeys("/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6",
                "/app/jib-classpath-file");
        String classpath = new String(files.get("/app/jib-classpath-file").content());
        for (String entry : classpath.strip().split(":")) {
            if (entry.startsWith("/app/libs/")) {
                assertThat(files).as("class path entry").containsKey(entry);
            }
        }
    }

    @Test
    void runsAsAnUnprivilegedUserNamedInPasswd() {
        assertThat(config.path("config").path("User").asText()).isEqualTo(USER);
        assertThat(new String(files.get("/etc/passwd").content())).contains("deltastream:x:10001:10001:");
        for (String dir : List.of("/app/data", "/app/logs", "/tmp")) {
            Item d = files.get(dir);
            assertThat(d).as(dir).isNotNull();
            // files in the layers belong to root: these must be writable by others (named volumes copy the mode)
            assertThat(d.mode() & 0002).as(dir + " writable by uid 10001").isEqualTo(0002);
        }
    }

    @Test
    void exposesEveryServicesPortAndCarriesLabels() {
        List<String> expected = ServiceCatalog.all().stream().map(s -> s.defaultPort() + "/tcp").sorted().toList();
        List<String> exposed = new ArrayList<>();
        config.path("config").path("ExposedPorts").fieldNames().forEachRemaining(exposed::add);
        assertThat(exposed).containsExactlyInAnyOrderElementsOf(expected);
        JsonNode labels = config.path("config").path("Labels");
        assertThat(labels.path("org.opencontainers.image.title").asText()).isEqualTo("DeltaStream");
        assertThat(labels.path("org.opencontainers.image.version").asText()).isNotBlank();
        assertThat(labels.path("org.opencontainers.image.description").asText()).contains("service NAME");
    }

    @Test
    void isReproducibleNoBuildTimeInsideAndSizeIsBounded() {
        assertThat(config.path("created").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(files.values()).allSatisfy(f -> assertThat(f.modified()).as(f.path())
                .isBefore(Instant.parse("1970-01-02T00:00:00Z")));
        assertThat(compressedBytes).isLessThan(MAX_COMPRESSED_BYTES);
    }

    /**
     * The ai-analyst answers from documents bundled in its jar (ai-corpus/: README, docs/ and knowledge/): the
     * image's jar must be the one the build made, entry for entry, so the image needs no file of the repository.
     */
    @Test
    void carriesTheAiAnalystJarAsBuiltWithItsBundledDocuments() throws IOException {
        URL readme = getClass().getClassLoader().getResource("ai-corpus/README.md");
        assertThat(readme).as("ai-corpus on the build's class path").isNotNull();
        Map<String, Long> built = new TreeMap<>();
        try (JarFile jar = ((JarURLConnection) readme.openConnection()).getJarFile()) {
            jar.stream().filter(e -> !e.isDirectory()).forEach(e -> built.put(e.getName(), e.getSize()));
        }
        Item jar = files.values().stream().filter(f -> f.path().matches("/app/libs/ai-analyst-.*\\.jar"))
                .findFirst().orElseThrow();
        Map<String, Long> inImage = new TreeMap<>();
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar.content()))) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                if (!e.isDirectory()) {
                    inImage.put(e.getName(), (long) in.readAllBytes().length);
                }
            }
        }
        built.remove("META-INF/MANIFEST.MF"); // JarInputStream consumes the manifest
        assertThat(inImage).containsKey("ai-corpus/README.md").isEqualTo(built);
    }

    /**
     * The ONNX runtime is on the image's class path once, repackaged with the natives of the image's platform
     * (linux-x64) only; everything else of the jar the services are built with is there, byte for byte.
     */
    @Test
    void carriesTheOnnxRuntimeWithTheNativesOfItsOwnPlatformOnly() throws IOException {
        assertThat(onnxJar()).matches("/app/libs/onnxruntime-[0-9.]+-linux-x64\\.jar");
        Map<String, byte[]> inImage = jarEntries(files.get(onnxJar()).content());
        URL runtime = getClass().getClassLoader().getResource("ai/onnxruntime/OrtEnvironment.class");
        assertThat(runtime).as("the full ONNX runtime jar on the build's class path").isNotNull();
        Map<String, byte[]> full;
        try (JarFile jar = ((JarURLConnection) runtime.openConnection()).getJarFile()) {
            full = jarEntries(Files.readAllBytes(Path.of(jar.getName())));
        }
        assertThat(inImage.keySet()).filteredOn(n -> n.startsWith(NATIVES))
                .containsExactlyInAnyOrder(NATIVES + "linux-x64/libonnxruntime.so",
                        NATIVES + "linux-x64/libonnxruntime4j_jni.so");
        assertThat(full.keySet()).filteredOn(n -> n.startsWith(NATIVES)).hasSizeGreaterThan(2);
        full.keySet().removeIf(n -> n.startsWith(NATIVES) && !n.startsWith(NATIVES + "linux-x64/"));
        assertThat(inImage.keySet()).isEqualTo(full.keySet());
        full.forEach((name, bytes) -> assertThat(inImage.get(name)).as(name).isEqualTo(bytes));
    }

    /**
     * A plain JVM (the building one) loads the ONNX runtime and its natives from the image's repackaged jar alone.
     * The run in the image's own root file system is in the next test, where this test runs as root.
     */
    @Test
    void theRepackagedOnnxRuntimeLoadsItsNativesInAPlainJvm(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("onnxruntime.jar");
        Files.write(jar, files.get(onnxJar()).content());
        String classes = Path.of(OnnxRuntimeProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "--enable-native-access=ALL-UNNAMED", "-cp", jar + java.io.File.pathSeparator + classes,
                OnnxRuntimeProbe.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains(OnnxRuntimeProbe.LOADED + "[CPU");
    }

    /** The one ONNX runtime jar on the image's class path (it must be exactly one). */
    private static String onnxJar() {
        List<String> onnx = Stream.of(new String(files.get("/app/jib-classpath-file").content()).strip().split(":"))
                .filter(e -> e.contains("onnxruntime")).toList();
        assertThat(onnx).hasSize(1);
        return onnx.getFirst();
    }

    /** The files of a jar (directories left out) by name, with their contents. */
    private static Map<String, byte[]> jarEntries(byte[] jar) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    /**
     * Starts the ai-analyst from the image's own root file system, as uid 10001, with the image's environment and
     * entrypoint (plus a Kubernetes service-link variable), waits for {@code /health}, and runs the compose health
     * check command inside the same root; then loads the ONNX runtime the image carries, natives included, with the
     * image's Java as the image's user ({@link OnnxRuntimeProbe}). Needs root and util-linux
     * {@code unshare} (a private mount namespace for /proc and /dev); skipped elsewhere.
     */
    @Test
    void aServiceStartsFromTheImageAsItsUserAndAnswersTheHealthCheck() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare")),
                "needs root and unshare to run the image's file system in a chroot");
        Path root = Path.of("target", "image-rootfs").toAbsolutePath();
        extractTo(root);
        int port = FreePorts.next();
        Map<String, String> env = new LinkedHashMap<>();
        for (String kv : strings(config.path("config").path("Env"))) {
            env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        env.put("PORT", Integer.toString(port));
        env.put("AI_ANALYST_PORT", "tcp://10.96.0.17:8006");
        List<String> command = new ArrayList<>(strings(config.path("config").path("Entrypoint")));
        command.addAll(List.of("service", "ai-analyst"));
        Process service = chroot(root, env, command);
        try {
            HttpJson http = new HttpJson("http://127.0.0.1:" + port);
            Eventually.until("the ai-analyst of the image answers /health", Duration.ofMinutes(5), () -> {
                assertThat(service.isAlive()).as("the service process is running").isTrue();
                try {
                    return http.get("/health").status() == 200;
                } catch (RuntimeException e) {
                    return false;
                }
            });
            List<String> probe = new ArrayList<>(List.of("java", "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp",
                    "@/app/jib-classpath-file", "io.deltastream.app.DeltaStream", "health"));
            probe.add("http://127.0.0.1:" + port + "/health");
            Process check = chroot(root, env, probe);
            assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).isZero();

            // the image's Java, as the image's user, loads the ONNX runtime's natives from the repackaged jar
            Path probeClass = Path.of(OnnxRuntimeProbe.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()).resolve(OnnxRuntimeProbe.class.getName().replace('.', '/') + ".class");
            Path inRoot = root.resolve("tmp/probe").resolve(OnnxRuntimeProbe.class.getName().replace('.', '/')
                    + ".class");
            Files.createDirectories(inRoot.getParent());
            Files.copy(probeClass, inRoot);
            Process onnx = chroot(root, env, List.of("java", "-Xmx64m", "--enable-native-access=ALL-UNNAMED", "-cp",
                    onnxJar() + ":/tmp/probe", OnnxRuntimeProbe.class.getName()));
            assertThat(onnx.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(Path.of("target", "image-run-" + OnnxRuntimeProbe.class.getName()
                    .replaceAll("\\W", "_") + ".log"))).contains(OnnxRuntimeProbe.LOADED + "[CPU");
            assertThat(onnx.exitValue()).isZero();
        } finally {
            // the service runs as uid 10001 under unshare, whose parent-death signal its setuid cleared: stop it first
            service.descendants().forEach(ProcessHandle::destroyForcibly);
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Process chroot(Path root, Map<String, String> env, List<String> command) throws IOException {
        String quoted = command.stream().map(a -> "'" + a + "'").collect(Collectors.joining(" "));
        String script = "mount -t proc proc '" + root + "/proc' && mount --rbind /dev '" + root + "/dev' && "
                + "exec chroot --userspec=" + USER + " '" + root + "' " + quoted;
        ProcessBuilder pb = new ProcessBuilder("unshare", "--mount", "--pid", "--fork", "--kill-child",
                "/bin/sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "image-run-" + command.getLast().replaceAll("\\W", "_") + ".log")
                        .toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("PATH", env.get("PATH") + ":/usr/sbin:/usr/bin:/sbin:/bin");
        return pb.start();
    }

    private static void extractTo(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var old = Files.walk(root)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (Item f : files.values()) {
            Path p = root.resolve(f.path().substring(1));
            if (f.directory()) {
                Files.createDirectories(p);
            } else {
                Files.createDirectories(p.getParent());
                Files.write(p, f.content());
            }
        }
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("dev"));
        for (Item f : files.values()) {
            Files.setPosixFilePermissions(root.resolve(f.path().substring(1)), permissions(f.mode()));
        }
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(int mode) {
        StringBuilder s = new StringBuilder();
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (0400 >> i)) != 0 ? rwx.charAt(i) : '-');
        }
        return PosixFilePermissions.fromString(s.toString());
    }
}
