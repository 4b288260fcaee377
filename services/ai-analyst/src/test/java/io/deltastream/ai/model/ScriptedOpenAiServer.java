package io.deltastream.ai.model;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server speaking the OpenAI chat-completions wire format from a script: each request to
 * {@code POST /v1/chat/completions} takes the next scripted reply (status, body, delay), and is recorded with its
 * {@code Authorization} header, so a test drives the real LangChain4j client through successes and failures.
 */
public final class ScriptedOpenAiServer implements AutoCloseable {
    /**
     * One scripted reply.
     *
     * @param chunks for a streamed reply, the Server-Sent Events written one by one with a flush after each (else
     *               empty and {@code body} is the whole reply)
     */
    public record Reply(int status, String body, long delayMillis, List<String> chunks) {
        public Reply(int status, String body, long delayMillis) {
            this(status, body, delayMillis, List.of());
        }

        /** A streamed chat completion whose assistant message arrives in {@code pieces}. */
        public static Reply stream(String... pieces) {
            List<String> chunks = new java.util.ArrayList<>();
            for (String p : pieces) {
                chunks.add("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1765000000,"
                        + "\"model\":\"test-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                        + p.replace("\"", "\\\"") + "\"},\"finish_reason\":null}]}\n\n");
            }
            chunks.add("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1765000000,"
                    + "\"model\":\"test-model\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"
                    + "\n\n");
            chunks.add("data: [DONE]\n\n");
            return new Reply(200, "", 0, chunks);
        }

        /** A 200 chat completion whose assistant message is {@code content}. */
        public static Reply answer(String content) {
            String escaped = content.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
            return new Reply(200, """
                    {"id":"chatcmpl-1","object":"chat.completion","created":1765000000,"model":"test-model",\
                    "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],\
                    "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""".formatted(escaped), 0);
        }

        /** A 200 reply in which the model calls {@code tool} with {@code arguments} (a JSON string, sent as is). */
        public static Reply toolCall(String tool, String arguments) {
            String escaped = arguments.replace("\\", "\\\\").replace("\"", "\\\"");
            return new Reply(200, """
                    {"id":"chatcmpl-2","object":"chat.completion","created":1765000000,"model":"test-model",\
                    "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1",\
                    "type":"function","function":{"name":"%s","arguments":"%s"}}]},"finish_reason":"tool_calls"}],\
                    "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}"""
                    .formatted(tool, escaped), 0);
        }

        public static Reply error(int status) {
            return new Reply(status, "{\"error\":{\"message\":\"scripted " + status + "\",\"type\":\"server_error\"}}",
                    0);
        }
    }

    /** A request as received. */
    public record Received(String authorization, String body) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public ScriptedOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> {
            received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Reply reply = script.poll();
            if (reply == null) {
                reply = Reply.error(500);
            }
            try {
                Thread.sleep(reply.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            try {
                if (reply.chunks().isEmpty()) {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(reply.status(), body.length);
                    exchange.getResponseBody().write(body);
                } else {
                    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(reply.status(), 0);
                    for (String chunk : reply.chunks()) {
                        exchange.getResponseBody().write(chunk.getBytes(StandardCharsets.UTF_8));
                        exchange.getResponseBody().flush();
                    }
                }
            } catch (IOException e) {
                // the client gave up (timeout): nothing to answer
            }
            exchange.close();
        });
        server.start();
    }

    /** {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + "/v1";
    }

    /** Replaces the script with {@code replies}, in order, and forgets what was received. */
    public void script(Reply... replies) {
        script.clear();
        script.addAll(List.of(replies));
        received.clear();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The variables that point the ai-analyst at this server. */
    public Map<String, String> env(String apiKey, int timeoutSeconds) {
        return Map.of("LLM_PROVIDER", "openai", "LLM_BASE_URL", baseUrl(), "LLM_MODEL", "test-model",
                "LLM_API_KEY", apiKey, "LLM_TIMEOUT_SECONDS", String.valueOf(timeoutSeconds), "LLM_MAX_TOKENS", "200");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
