package io.deltastream.ai.sentiment;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.platform.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The bundled sample headlines ({@code news/sample-headlines.jsonl}, dated headlines over a month, tagged to
 * products), replayed so that the feature works offline: their times are shifted together so that the newest is
 * {@code now}, keeping the spacing the time decay reads.
 */
public final class SampleHeadlines implements NewsSource {
    static final String RESOURCE = "/news/sample-headlines.jsonl";
    static final String SOURCE = "DeltaStream sample";

    private final Instant newest;

    /** @param newest when the newest sample headline is replayed (start-up time) */
    public SampleHeadlines(Instant newest) {
        this.newest = newest;
    }

    @Override
    public String name() {
        return "bundled sample headlines";
    }

    @Override
    public List<Headline> fetch() {
        return replayedAt(newest);
    }

    /** The sample, oldest first, shifted so that the newest headline is published at {@code now}. */
    public static List<Headline> replayedAt(Instant now) {
        List<Headline> raw = new ArrayList<>();
        try (InputStream in = SampleHeadlines.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled sample " + RESOURCE + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = Json.mapper().readTree(line);
                raw.add(new Headline(n.get("id").asText(), Instant.parse(n.get("published").asText()),
                        n.get("product").asText(), n.path("source").asText(SOURCE), n.get("headline").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        raw.sort(Comparator.comparing(Headline::published));
        Duration shift = raw.isEmpty() ? Duration.ZERO : Duration.between(raw.getLast().published(), now);
        return raw.stream().map(h -> new Headline(h.id(), h.published().plus(shift), h.product(), h.source(),
                h.headline())).toList();
    }
}
