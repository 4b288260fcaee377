package io.deltastream.ai.sentiment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * One RSS 2.0 or Atom feed, fetched over HTTP: each {@code item} (RSS) or {@code entry} (Atom) becomes a headline
 * with its {@code guid}/{@code id} (else link, else title) as id and its {@code pubDate}/{@code published}/
 * {@code updated} as time (the fetch time when it has none). The product is the first listed product the title names
 * — by symbol or by a common name ("Apple", "Tesla", "S&P 500", "Nasdaq") — else {@code MARKET}. The XML parser
 * refuses DTDs, so a feed cannot make it read local files or expand entities without bound.
 */
public final class FeedSource implements NewsSource {
    /** How long a feed may take to connect and to answer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Common names of the default universe's products, beside their symbols. */
    private static final Map<String, String> NAMES = Map.of("APPLE", "AAPL", "TESLA", "TSLA", "S&P 500", "SPY",
            "S&P500", "SPY", "NASDAQ", "QQQ", "BANK NIFTY", "BANKNIFTY", "FIN NIFTY", "FINNIFTY");

    private final URI url;
    private final List<String> products;
    private final HttpClient http;

    /** @param products the listed products' symbols, longest first is not required (matching is by whole word) */
    public FeedSource(URI url, List<String> products, HttpClient http) {
        this.url = url;
        this.products = List.copyOf(products);
        this.http = http;
    }

    @Override
    public String name() {
        return url.toString();
    }

    @Override
    public List<Headline> fetch() throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Accept", "application/rss+xml, application/atom+xml, application/xml, text/xml").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException(url + " answered HTTP " + r.statusCode());
        }
        return parse(r.body(), Instant.now());
    }

    /** The headlines of a feed document; {@code fetched} stands in for missing dates. */
    List<Headline> parse(byte[] xml, Instant fetched) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(url + " is not a readable RSS or Atom feed: " + e.getMessage(), e);
        }
        List<Headline> out = new ArrayList<>();
        NodeList items = doc.getElementsByTagNameNS("*", "item");
        boolean atom = items.getLength() == 0;
        if (atom) {
            items = doc.getElementsByTagNameNS("*", "entry");
        }
        for (int i = 0; i < items.getLength(); i++) {
            Element e = (Element) items.item(i);
            String title = text(e, "title").replaceAll("\\s+", " ").strip();
            if (title.isEmpty()) {
                continue;
            }
            String link = atom ? attribute(e, "link", "href") : text(e, "link");
            String id = first(text(e, atom ? "id" : "guid"), link, title);
            Instant published = date(first(text(e, "pubDate"), text(e, "published"), text(e, "updated")), fetched);
            out.add(new Headline(url + "#" + id, published, product(title), url.getHost(), title));
        }
        return out;
    }

    /** The first listed product the title names as a whole word, by symbol or common name; else MARKET. */
    String product(String title) {
        String upper = " " + title.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9&]+", " ") + " ";
        for (String p : products) {
            if (upper.contains(" " + p + " ")) {
                return p;
            }
        }
        for (Map.Entry<String, String> n : NAMES.entrySet()) {
            if (upper.contains(" " + n.getKey() + " ") && products.contains(n.getValue())) {
                return n.getValue();
            }
        }
        return Headline.MARKET;
    }

    private static String text(Element parent, String tag) {
        NodeList l = parent.getElementsByTagNameNS("*", tag);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent().strip();
    }

    private static String attribute(Element parent, String tag, String attribute) {
        NodeList l = parent.getElementsByTagNameNS("*", tag);
        return l.getLength() == 0 ? "" : ((Element) l.item(0)).getAttribute(attribute).strip();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    /** RFC 1123 (RSS) or ISO-8601 (Atom); {@code fallback} when absent or unreadable. */
    private static Instant date(String text, Instant fallback) {
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(text, DateTimeFormatter.ISO_DATE_TIME).toInstant();
            } catch (DateTimeParseException e2) {
                return fallback;
            }
        }
    }
}
