package io.deltastream.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code deltastream health URL}: exits 0 when {@code GET URL} answers 200, else 1 with the reason on stderr. The
 * container health check of docker compose: the image holds a Java runtime and the application, no shell or curl.
 */
@Command(name = "health", description = "Exit 0 when GET URL answers 200 within 5 s (a container health check).")
final class HealthCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Parameters(index = "0", paramLabel = "URL", description = "e.g. http://127.0.0.1:8003/health")
    URI url;

    @Override
    public Integer call() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return 0;
            }
            System.err.println("deltastream: " + url + " answered " + response.statusCode() + " " + response.body());
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("deltastream: " + url + " unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 1;
    }
}
