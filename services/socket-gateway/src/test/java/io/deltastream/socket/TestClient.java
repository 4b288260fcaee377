package io.deltastream.socket;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.platform.json.Json;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.SocketIoConnection;
import io.socket.client.Socket;
import io.socket.client.SocketOptionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/** A real Socket.IO v4 client (io.socket:socket.io-client) that records every event it receives. */
final class TestClient implements AutoCloseable {
    record Received(String event, JsonNode payload) {
    }

    private final SocketIoConnection connection;
    private final Socket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<JsonNode> connectError = new CompletableFuture<>();

    private TestClient(SocketIoConnection connection) {
        this.connection = connection;
        this.socket = connection.socket();
    }

    /** Connects over {@code transport} ({@code websocket} or {@code polling}) and waits for {@code connected}. */
    static TestClient connect(String baseUrl, String transport) {
        return connect(baseUrl, transport, b -> { });
    }

    static TestClient connect(String baseUrl, String transport, Consumer<SocketOptionBuilder> options) {
        TestClient c = open(baseUrl, transport, options);
        c.await("connected", n -> true);
        return c;
    }

    /** Opens without waiting for anything (for refused connections). */
    static TestClient open(String baseUrl, String transport, Consumer<SocketOptionBuilder> options) {
        TestClient c = new TestClient(SocketIoConnection.create(baseUrl, transport, options));
        Socket socket = c.socket;
        socket.onAnyIncoming(args -> c.received.add(new Received((String) args[0],
                args.length > 1 ? toJson(args[1]) : null)));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> c.connectError.complete(args.length > 0 ? toJson(args[0]) : null));
        socket.connect();
        return c;
    }

    static JsonNode toJson(Object o) {
        if (o == null || o == JSONObject.NULL) {
            return null;
        }
        try {
            String text = o instanceof JSONObject || o instanceof JSONArray ? o.toString() : JSONObject.quote(o.toString());
            if (o instanceof Number || o instanceof Boolean) {
                text = o.toString();
            }
            return Json.tree(text);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable payload " + o, e);
        }
    }

    /**
     * {@code n} with object keys sorted and every number as a double: the Java client's JSON objects forget key
     * order and write 20000.0 as 20000, so payloads are compared in this form.
     */
    static JsonNode canonical(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode out = Json.object();
            java.util.TreeMap<String, JsonNode> sorted = new java.util.TreeMap<>();
            n.fields().forEachRemaining(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            sorted.forEach(out::set);
            return out;
        }
        if (n.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode out = Json.mapper().createArrayNode();
            n.forEach(e -> out.add(canonical(e)));
            return out;
        }
        if (n.isNumber()) {
            return Json.mapper().getNodeFactory().numberNode(n.asDouble());
        }
        return n;
    }

    /** {@link #canonical} of a JSON text. */
    static JsonNode canonical(String json) {
        try {
            return canonical(Json.tree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    String id() {
        return socket.id();
    }

    boolean connected() {
        return socket.connected();
    }

    CompletableFuture<JsonNode> connectError() {
        return connectError;
    }

    void emit(String event, Object... args) {
        socket.emit(event, args);
    }

    /** Emits with an ack callback; completes with the ack's first argument. */
    CompletableFuture<JsonNode> emitWithAck(String event, Object... args) {
        CompletableFuture<JsonNode> ack = new CompletableFuture<>();
        socket.emit(event, args, a -> ack.complete(a.length > 0 ? toJson(a[0]) : null));
        return ack;
    }

    /** Waits for a (possibly already received) event matching {@code condition} and returns its payload. */
    JsonNode await(String event, Predicate<JsonNode> condition) {
        return Eventually.value("event " + event, () -> received.stream()
                .filter(r -> r.event().equals(event) && condition.test(r.payload()))
                .map(Received::payload).findFirst().orElse(null));
    }

    /** The payloads of {@code event} received so far, in order. */
    List<JsonNode> events(String event) {
        List<JsonNode> out = new ArrayList<>();
        for (Received r : received) {
            if (r.event().equals(event)) {
                out.add(r.payload());
            }
        }
        return out;
    }

    List<Received> all() {
        return List.copyOf(received);
    }

    static JSONObject object(String json) {
        try {
            return new JSONObject(json);
        } catch (JSONException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
