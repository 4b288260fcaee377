package io.deltastream.testkit;

import com.sun.net.httpserver.HttpExchange;
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
 * A real HTTP server speaking the OpenAI chat-completions and the Anthropic Messages wire formats from a script: each
 * request to {@code POST /v1/chat/completions} or {@code POST /v1/messages} takes the next scripted reply (status,
 * body, delay), and is recorded with its {@code Authorization} and {@code x-api-key} headers, so a test drives the
 * real LangChain4j clients through successes and failures.
 */
public final class ScriptedModelServer implements AutoCloseable {
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

        /**
         * A streamed chat completion in which the model calls {@code tool} with {@code arguments} (a JSON string),
         * the arguments split over two chunks as servers send them.
         */
        public static Reply streamToolCall(String tool, String arguments) {
            String head = "data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1765000000,"
                    + "\"model\":\"test-model\",\"choices\":[{\"index\":0,\"delta\":";
            String half = arguments.substring(0, arguments.length() / 2);
            String rest = arguments.substring(arguments.length() / 2);
            return new Reply(200, "", 0, List.of(
                    head + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
                            + "\"type\":\"function\",\"function\":{\"name\":\"" + tool + "\",\"arguments\":\""
                            + half.replace("\"", "\\\"") + "\"}}]},\"finish_reason\":null}]}\n\n",
                    head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\""
                            + rest.replace("\"", "\\\"") + "\"}}]},\"finish_reason\":null}]}\n\n",
                    head + "{},\"finish_reason\":\"tool_calls\"}]}\n\n",
                    "data: [DONE]\n\n"));
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

        /** A 200 Anthropic message whose text is {@code content}. */
        public static Reply anthropicAnswer(String content) {
            String escaped = content.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
            return new Reply(200, """
                    {"id":"msg_1","type":"message","role":"assistant","model":"test-model",\
                    "content":[{"type":"text","text":"%s"}],"stop_reason":"end_turn","stop_sequence":null,\
                    "usage":{"input_tokens":10,"output_tokens":5}}""".formatted(escaped), 0);
        }

        /** A 200 Anthropic message in which the model calls {@code tool} with {@code input} (a JSON object). */
        public static Reply anthropicToolCall(String tool, String input) {
            return new Reply(200, """
                    {"id":"msg_2","type":"message","role":"assistant","model":"test-model",\
                    "content":[{"type":"tool_use","id":"toolu_1","name":"%s","input":%s}],"stop_reason":"tool_use",\
                    "stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":5}}""".formatted(tool, input), 0);
        }

        /**
         * A streamed Anthropic message (Messages API server-sent events: {@code message_start}, a text block whose
         * text arrives in {@code pieces} as {@code text_delta}s, a {@code ping}, {@code message_delta} with the stop
         * reason, {@code message_stop}).
         */
        public static Reply anthropicStream(String... pieces) {
            List<String> events = new java.util.ArrayList<>();
            events.add(anthropicStart("msg_3"));
            events.addAll(anthropicTextBlock(0, pieces));
            events.add(event("ping", "{\"type\":\"ping\"}"));
            events.addAll(anthropicEnd("end_turn"));
            return new Reply(200, "", 0, events);
        }

        /**
         * A streamed Anthropic message that says {@code preamble}, then calls {@code tool} with {@code input} (a JSON
         * object) in a {@code tool_use} block whose input arrives as two {@code input_json_delta}s.
         */
        public static Reply anthropicStreamToolCall(String preamble, String tool, String input) {
            List<String> events = new java.util.ArrayList<>();
            events.add(anthropicStart("msg_4"));
            events.addAll(anthropicTextBlock(0, preamble));
            events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
                    + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"" + tool
                    + "\",\"input\":{}}}"));
            int half = input.length() / 2;
            for (String part : new String[] {input.substring(0, half), input.substring(half)}) {
                events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,"
                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"" + escape(part)
                        + "\"}}"));
            }
            events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"));
            events.addAll(anthropicEnd("tool_use"));
            return new Reply(200, "", 0, events);
        }

        /**
         * A streamed Anthropic message that starts with {@code pieces} of text and then breaks off with an
         * {@code error} event (what Anthropic sends when it is overloaded mid-answer).
         */
        public static Reply anthropicStreamError(String... pieces) {
            List<String> events = new java.util.ArrayList<>();
            events.add(anthropicStart("msg_5"));
            events.addAll(anthropicTextBlock(0, pieces).subList(0, pieces.length + 1));
            events.add(event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                    + "\"message\":\"Overloaded\"}}"));
            return new Reply(200, "", 0, events);
        }

        private static String anthropicStart(String id) {
            return event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"" + id + "\","
                    + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"test-model\",\"content\":[],"
                    + "\"stop_reason\":null,\"stop_sequence\":null,"
                    + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}");
        }

        /** A text block: its start, one delta per piece, its stop. */
        private static List<String> anthropicTextBlock(int index, String... pieces) {
            List<String> events = new java.util.ArrayList<>();
            events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index
                    + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
            for (String piece : pieces) {
                events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                        + ",\"delta\":{\"type\":\"text_delta\",\"text\":\"" + escape(piece) + "\"}}"));
            }
            events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"));
            return events;
        }

        private static List<String> anthropicEnd(String stopReason) {
            return List.of(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
                            + stopReason + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}"),
                    event("message_stop", "{\"type\":\"message_stop\"}"));
        }

        private static String event(String name, String data) {
            return "event: " + name + "\ndata: " + data + "\n\n";
        }

        private static String escape(String text) {
            return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        }

        /** An Anthropic error reply. */
        public static Reply anthropicError(int status) {
            return new Reply(status, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                    + "\"message\":\"scripted " + status + "\"}}", 0);
        }

        public static Reply error(int status) {
            return new Reply(status, "{\"error\":{\"message\":\"scripted " + status + "\",\"type\":\"server_error\"}}",
                    0);
        }
    }

    /**
     * A request as received.
     *
     * @param apiKey the {@code x-api-key} header (Anthropic), or null
     */
    public record Received(String path, String authorization, String apiKey, String body) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public ScriptedModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::reply);
        server.createContext("/v1/messages", this::reply);
        server.start();
    }

    private void reply(HttpExchange exchange) throws IOException {
        received.add(new Received(exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("x-api-key"),
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

    /** The variables that point the ai-analyst at this server as an Anthropic endpoint. */
    public Map<String, String> anthropicEnv(String apiKey, int timeoutSeconds) {
        return Map.of("LLM_PROVIDER", "anthropic", "LLM_BASE_URL", baseUrl(), "LLM_MODEL", "test-model",
                "LLM_API_KEY", apiKey, "LLM_TIMEOUT_SECONDS", String.valueOf(timeoutSeconds), "LLM_MAX_TOKENS", "200");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
