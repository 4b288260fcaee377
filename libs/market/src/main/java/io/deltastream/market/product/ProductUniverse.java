package io.deltastream.market.product;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The products the platform lists, in configuration order. The default universe is the reference's eight
 * (NIFTY, BANKNIFTY, FINNIFTY, SENSEX, AAPL, TSLA, SPY, QQQ with its base prices); {@code PRODUCTS_FILE} names a
 * JSON file of the same layout ({@code {"products": [...]}}, fields as in {@link Product}) to replace it.
 */
public final class ProductUniverse {
    /** The environment variable naming a product universe file. */
    public static final String FILE_VARIABLE = "PRODUCTS_FILE";
    private static final String DEFAULT_RESOURCE = "/io/deltastream/market/products.json";

    private final Map<String, Product> byName;

    private record FileLayout(@JsonProperty("products") List<Product> products) {
    }

    public ProductUniverse(List<Product> products) {
        if (products.isEmpty()) {
            throw new IllegalArgumentException("the product universe is empty");
        }
        Map<String, Product> map = new LinkedHashMap<>();
        for (Product p : products) {
            if (map.putIfAbsent(p.name(), p) != null) {
                throw new IllegalArgumentException("product listed twice: " + p.name());
            }
        }
        this.byName = map;
    }

    /** The bundled default universe (the reference's eight products). */
    public static ProductUniverse defaults() {
        try (InputStream in = ProductUniverse.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The universe named by {@code PRODUCTS_FILE}, or by the preset {@code FEED_PRESET} ({@link MarketPreset}), or
     * the defaults; a bad file, an unknown preset or both variables at once are a {@link ConfigException}.
     */
    public static ProductUniverse from(Env env) {
        Optional<String> file = env.optional(FILE_VARIABLE);
        Optional<MarketPreset> preset = MarketPreset.from(env);
        if (file.isPresent() && preset.isPresent()) {
            throw new ConfigException("set " + FILE_VARIABLE + " or " + MarketPreset.VARIABLE + ", not both");
        }
        if (preset.isPresent()) {
            return preset.get().universe();
        }
        if (file.isEmpty()) {
            return defaults();
        }
        try {
            return parse(Files.readAllBytes(Path.of(file.get())));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(FILE_VARIABLE + " (" + file.get() + ") is not a valid product file: " + reason(e));
        }
    }

    /** Parses the JSON layout {@code {"products": [...]}}. */
    public static ProductUniverse parse(byte[] json) throws IOException {
        FileLayout layout = Json.mapper().readValue(json, FileLayout.class);
        if (layout.products() == null) {
            throw new IllegalArgumentException("'products' is missing");
        }
        return new ProductUniverse(layout.products());
    }

    private static String reason(Exception e) {
        if (e instanceof JsonMappingException m) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                path.append(r.getFieldName() != null ? (path.isEmpty() ? "" : ".") + r.getFieldName() : "[" + r.getIndex() + "]");
            }
            Throwable cause = m.getCause() instanceof IllegalArgumentException iae ? iae : null;
            String why = cause != null ? cause.getMessage() : firstLine(m.getOriginalMessage());
            return path.isEmpty() ? why : path + ": " + why;
        }
        return firstLine(String.valueOf(e.getMessage()));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public List<Product> products() {
        return List.copyOf(byName.values());
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public Optional<Product> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The product a client asked for, or a 404 {@link ApiException} {@code Unknown product '...'} naming it: the one
     * answer every HTTP route gives for a product the universe does not list.
     */
    public Product requireListed(String name) {
        return find(name).orElseThrow(() ->
                ApiException.notFound("Unknown product '" + name + "'").with("product", name));
    }

    /** The product, or an {@link IllegalArgumentException} naming it. */
    public Product get(String name) {
        Product p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown product '" + name + "'");
        }
        return p;
    }

    /** The universe restricted to {@code names}, in their order (each must exist). */
    public ProductUniverse only(List<String> names) {
        return new ProductUniverse(names.stream().map(this::get).toList());
    }
}
