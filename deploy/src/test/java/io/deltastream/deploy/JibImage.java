package io.deltastream.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The image this module's Jib configuration builds, as compose and the Kubernetes manifests must name it. */
final class JibImage {
    private JibImage() {
    }

    /** {@code deltastream:latest}: the {@code image.name} property of deploy/pom.xml and Jib's {@code latest} tag. */
    static String name() {
        try {
            String pom = Files.readString(ComposeStackTest.ROOT.resolve("deploy/pom.xml"));
            Matcher name = Pattern.compile("<image.name>([^<]+)</image.name>").matcher(pom);
            if (!name.find() || !pom.contains("<image>${image.name}:latest</image>")) {
                throw new IllegalStateException("deploy/pom.xml no longer names the image as expected");
            }
            return name.group(1) + ":latest";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
