package io.deltastream.ai.sentiment;

import java.io.IOException;
import java.util.List;

/** Where headlines come from: an RSS/Atom feed ({@link FeedSource}) or the bundled sample ({@link SampleHeadlines}). */
public interface NewsSource {
    /** For logs: the feed's URL, or the sample's name. */
    String name();

    /** The headlines the source offers now (repeats of earlier ones are expected; the caller de-duplicates). */
    List<Headline> fetch() throws IOException, InterruptedException;
}
