package io.deltastream.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.platform.json.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Hostile variants of well-formed JSON for fuzz tests: a field's value replaced by an extreme or ill-typed one, a
 * field removed or added, a key repeated, the text truncated or with a character inserted or deleted. Driven by the
 * caller's {@link Random} so that a property-test framework can reproduce and shrink a failing case by its seed.
 */
public final class JsonMutations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] STRINGS = {"", " ", "NIFTY", "nifty", "CALL", "BUY", "MARKET", "LIMIT", "null",
        "2026-11-26", "-999999999-01-01", "+999999999-12-31T23:59:59Z", "9999-12-31", "0", "-1", "1e400", "NaN",
        "\u0000", "\uFFFF", "é", "😀", "../../etc/passwd", "<script>", "' OR 1=1 --", "x".repeat(5000),
        "NIFTY20261126C21500", "ORD_20260101_ABCDEF12"};
    private static final String[] NUMBERS = {"0", "-0", "1", "-1", "0.5", "75", "21500", "1e308", "-1e308", "1e400",
        "-1e400", "1e-400", "4.9e-324", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "123456789012345678901234567890", "2147483648", "0.30000000000000004", "1.0", "100.05"};
    private static final String INSERTABLE = "{}[]\",:\\0123456789eE+-.ntfu \t\n\u0000";

    private JsonMutations() {
    }

    /** {@code valid} (JSON text) changed in one to three random ways. */
    public static String mutate(String valid, Random random) {
        String text = valid;
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            text = random.nextInt(3) == 0 ? textual(text, random) : structural(text, random);
        }
        return text;
    }

    /** Any JSON value, nested at most {@code depth} levels, favouring the extremes. */
    public static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth <= 0 ? 5 : 7);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> number(random);
            case 3, 4 -> NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]);
            case 5 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(randomValue(random, depth - 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    o.set(STRINGS[random.nextInt(STRINGS.length)], randomValue(random, depth - 1));
                }
                yield o;
            }
        };
    }

    /** Text that is rarely JSON: random characters, fragments of JSON, or both. */
    public static String randomText(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(64); i > 0; i--) {
            b.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x3000) : INSERTABLE.charAt(random.nextInt(
                    INSERTABLE.length())));
        }
        return b.toString();
    }

    private static JsonNode number(Random random) {
        try {
            return Json.tree(NUMBERS[random.nextInt(NUMBERS.length)]);
        } catch (IOException e) {
            return NODES.numberNode(BigInteger.valueOf(random.nextLong()));
        }
    }

    private static String structural(String text, Random random) {
        JsonNode root;
        try {
            root = Json.tree(text);
        } catch (IOException e) {
            return textual(text, random);
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return randomValue(random, 2).toString();
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            int op = names.isEmpty() ? 2 : random.nextInt(4);
            switch (op) {
                case 0 -> o.set(names.get(random.nextInt(names.size())), randomValue(random, 2));
                case 1 -> o.remove(names.get(random.nextInt(names.size())));
                case 2 -> o.set(STRINGS[random.nextInt(STRINGS.length)], randomValue(random, 1));
                default -> {
                    String name = names.get(random.nextInt(names.size()));
                    String once = root.toString();
                    String key = "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\":";
                    int at = once.indexOf(key);
                    return at < 0 ? once : once.substring(0, at) + key + randomValue(random, 1) + "," + once.substring(at);
                }
            }
        } else if (target instanceof ArrayNode a) {
            if (a.isEmpty() || random.nextBoolean()) {
                a.add(randomValue(random, 2));
            } else {
                a.set(random.nextInt(a.size()), randomValue(random, 2));
            }
        }
        return root.toString();
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    private static String textual(String text, Random random) {
        if (text.isEmpty()) {
            return randomText(random);
        }
        int at = random.nextInt(text.length());
        return switch (random.nextInt(4)) {
            case 0 -> text.substring(0, at);
            case 1 -> text.substring(0, at) + text.substring(at + 1);
            case 2 -> text.substring(0, at) + INSERTABLE.charAt(random.nextInt(INSERTABLE.length())) + text.substring(at);
            default -> "[" + text + "]";
        };
    }
}
