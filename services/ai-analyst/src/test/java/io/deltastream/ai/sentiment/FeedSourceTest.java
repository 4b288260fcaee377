package io.deltastream.ai.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RSS and Atom feeds served over real HTTP by a local server. */
class FeedSourceTest {
    static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Markets</title>
              <item><title>Tesla shares surge on record deliveries</title><link>https://news.example/1</link>
                <guid>tsla-1</guid><pubDate>Sun, 06 Dec 2026 09:30:00 GMT</pubDate></item>
              <item><title>BANKNIFTY slips as lenders fall</title><link>https://news.example/2</link></item>
              <item><title>Global stocks steady ahead of central bank meeting</title></item>
              <item><title>   </title></item>
            </channel></rss>""";
    static final String ATOM = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Tech</title>
              <entry><title>Apple beats revenue estimates</title><id>urn:apple-1</id>
                <link href="https://news.example/apple"/><updated>2026-12-06T08:00:00Z</updated></entry>
            </feed>""";
    static final String EVIL = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><item><title>&xxe;</title></item></channel></rss>""";
    static final List<String> PRODUCTS = List.of("NIFTY", "BANKNIFTY", "AAPL", "TSLA", "SPY", "QQQ");
    static final Instant FETCHED = Instant.parse("2026-12-06T12:00:00Z");
    static HttpServer server;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (Map.Entry<String, String> e : Map.of("/rss", RSS, "/atom", ATOM, "/evil", EVIL).entrySet()) {
            server.createContext(e.getKey(), x -> {
                byte[] body = e.getValue().getBytes(StandardCharsets.UTF_8);
                x.getResponseHeaders().add("Content-Type", "application/xml");
                x.sendResponseHeaders(200, body.length);
                x.getResponseBody().write(body);
                x.close();
            });
        }
        server.createContext("/down", x -> {
            x.sendResponseHeaders(503, -1);
            x.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    static FeedSource feed(String path) {
        return new FeedSource(url(path), PRODUCTS, HttpClient.newHttpClient());
    }

    @Test
    void rssItemsBecomeHeadlinesTaggedToTheProductTheyName() throws Exception {
        List<Headline> h = feed("/rss").fetch();
        assertThat(h).extracting(Headline::headline).containsExactly("Tesla shares surge on record deliveries",
                "BANKNIFTY slips as lenders fall", "Global stocks steady ahead of central bank meeting");
        assertThat(h).extracting(Headline::product).containsExactly("TSLA", "BANKNIFTY", Headline.MARKET);
        assertThat(h.get(0).id()).isEqualTo(url("/rss") + "#tsla-1");
        assertThat(h.get(1).id()).isEqualTo(url("/rss") + "#https://news.example/2");
        assertThat(h.get(0).published()).isEqualTo(Instant.parse("2026-12-06T09:30:00Z"));
        assertThat(h.get(0).source()).isEqualTo("127.0.0.1");
    }

    @Test
    void atomEntriesToo() throws Exception {
        assertThat(feed("/atom").fetch()).singleElement().satisfies(h -> {
            assertThat(h.product()).isEqualTo("AAPL");
            assertThat(h.id()).endsWith("#urn:apple-1");
            assertThat(h.published()).isEqualTo(Instant.parse("2026-12-06T08:00:00Z"));
        });
        assertThat(feed("/atom").parse("<rss><channel><item><title>x</title></item></channel></rss>"
                .getBytes(StandardCharsets.UTF_8), FETCHED)).singleElement()
                .satisfies(h -> assertThat(h.published()).isEqualTo(FETCHED));
    }

    @Test
    void aDocumentTypeDeclarationOrAFailingFeedIsRefused() {
        assertThatThrownBy(() -> feed("/evil").fetch()).isInstanceOf(IOException.class)
                .hasMessageContaining("not a readable RSS or Atom feed");
        assertThatThrownBy(() -> feed("/down").fetch()).isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void pollingKeepsEachHeadlineOnceSkipsAFailingSourceAndNamesTheProductsThatChanged() {
        NewsSentiment news = new NewsSentiment(new HeadlineClassifier(), Duration.ofHours(48),
                java.time.Clock.fixed(FETCHED, java.time.ZoneOffset.UTC), false);
        List<Set<String>> changes = new ArrayList<>();
        NewsPoller poller = new NewsPoller(List.of(feed("/down"), feed("/rss"), feed("/atom")), news, PRODUCTS,
                changes::add);
        poller.pollOnce();
        assertThat(news.size()).isEqualTo(4);
        // the market-wide headline concerns every product
        assertThat(changes).singleElement().satisfies(c -> assertThat(c).containsExactlyInAnyOrderElementsOf(PRODUCTS));
        poller.pollOnce();
        assertThat(news.size()).isEqualTo(4);
        assertThat(changes).hasSize(1);
    }

    @Test
    void aFailingListenerNeitherThrowsOutOfTheRoundNorStopsTheNextOne() {
        NewsSentiment news = new NewsSentiment(new HeadlineClassifier(), Duration.ofHours(48),
                java.time.Clock.fixed(FETCHED, java.time.ZoneOffset.UTC), false);
        List<Set<String>> told = new ArrayList<>();
        NewsPoller poller = new NewsPoller(List.of(feed("/rss"), feed("/atom")), news, PRODUCTS, changed -> {
            told.add(changed);
            throw new IllegalStateException("pulse recompute failed");
        });
        poller.pollOnce();
        assertThat(told).hasSize(1);
        assertThat(news.size()).isEqualTo(4);
    }
}
