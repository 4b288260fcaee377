package io.deltastream.app.distributed;

import io.deltastream.app.DeltaStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The real {@code ./deltastream} script, run as users run it, in a temporary root whose "built" application jar is a
 * manifest-only jar over this test's class path (so no Maven build happens inside a test). Each process's stdout and
 * stderr go to files, read while it runs.
 */
final class Launcher {
    private final Path root;

    private Launcher(Path root) {
        this.root = root;
    }

    /** A launcher root under {@code dir}: the script, an up-to-date build stamp and the application jar. */
    static Launcher in(Path dir) {
        try {
            Path script = Path.of("").toAbsolutePath().getParent().resolve("deltastream");
            Path copy = dir.resolve("deltastream");
            Files.copy(script, copy);
            copy.toFile().setExecutable(true);
            Files.createDirectories(dir.resolve(".deltastream"));
            Files.writeString(dir.resolve(".deltastream/app.stamp"), "");
            Path jar = dir.resolve("app/target/deltastream.jar");
            Files.createDirectories(jar.getParent());
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, DeltaStream.class.getName());
            List<String> entries = new ArrayList<>();
            for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
                entries.add(Path.of(e).toAbsolutePath().toUri().toString());
            }
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", entries));
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
                j.flush();
            }
            return new Launcher(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    /** A started launcher process: {@code ./deltastream ARGS} with only {@code env} (plus PATH, HOME, JAVA_HOME). */
    Run start(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("deltastream").toString()));
        cmd.addAll(List.of(args));
        String name = String.join("-", args).replaceAll("[^A-Za-z0-9-]", "_");
        Path out = root.resolve(name + ".out");
        Path err = root.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> vars = new HashMap<>();
        vars.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        vars.put("HOME", System.getProperty("user.home"));
        vars.put("JAVA_HOME", System.getProperty("java.home"));
        vars.put("DELTASTREAM_JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        vars.putAll(env);
        pb.environment().clear();
        pb.environment().putAll(vars);
        try {
            return new Run(pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A launcher process and its output files. */
    record Run(Process process, Path out, Path err) {
        String stdout() {
            return read(out);
        }

        String stderr() {
            return read(err);
        }

        List<String> stdoutLines(String containing) {
            return stdout().lines().filter(l -> l.contains(containing)).toList();
        }

        private static String read(Path p) {
            try {
                return Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** SIGTERM, then waits for the exit; returns the exit code. */
        int stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            return process.exitValue();
        }
    }
}
