package io.deltastream.ai.model;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.deltastream.ai.retrieval.Passage;
import io.deltastream.platform.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The configured language model, answering a question from retrieved passages ({@link GroundedPrompt}) through
 * LangChain4j's OpenAI client, which works with any OpenAI-compatible server. Each call is bounded by
 * {@code LLM_TIMEOUT_SECONDS} and retried once with backoff on a timeout, a 429 or a 5xx (LangChain4j's retry), so a
 * question never waits longer than about twice the timeout; what still fails is a {@link ModelFailure} with a reason
 * a user can read.
 */
public final class LanguageModel {
    /** Retries after the first attempt. */
    static final int RETRIES = 1;
    /** Rounds of tool calls the model may make before it must answer. */
    static final int TOOL_ROUNDS = 3;

    private final ChatModel chat;
    private final StreamingChatModel streaming;
    private final String name;
    /** The longest a streamed answer may take in all. */
    private final Duration streamLimit;

    LanguageModel(ChatModel chat, StreamingChatModel streaming, String name, Duration streamLimit) {
        this.chat = chat;
        this.streaming = streaming;
        this.name = name;
        this.streamLimit = streamLimit;
    }

    /** The model {@code settings} describe (which must be {@link ModelSettings#enabled() enabled}). */
    public static LanguageModel of(ModelSettings settings) {
        ChatModel chat = OpenAiChatModel.builder()
                .baseUrl(settings.baseUrl().toString())
                // local servers take no key, but the client insists on one
                .apiKey(settings.key().orElse("no-key"))
                .modelName(settings.model())
                .timeout(settings.timeout())
                .maxTokens(settings.maxTokens())
                .temperature(0.0)
                .maxRetries(RETRIES)
                .build();
        StreamingChatModel streaming = OpenAiStreamingChatModel.builder()
                .baseUrl(settings.baseUrl().toString())
                .apiKey(settings.key().orElse("no-key"))
                .modelName(settings.model())
                .timeout(settings.timeout())
                .maxTokens(settings.maxTokens())
                .temperature(0.0)
                .build();
        return new LanguageModel(chat, streaming, settings.model(), settings.timeout().multipliedBy(2));
    }

    /** The model's name, as configured. */
    public String name() {
        return name;
    }

    /** A model call that did not produce an answer, with the reason in a few words. */
    public static final class ModelFailure extends Exception {
        ModelFailure(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /**
     * The model's answer to {@code question} from {@code passages}, after the earlier turns of the conversation (sent
     * as they were asked and answered; their material is not sent again). The model may call {@code tools} for up to
     * {@value #TOOL_ROUNDS} rounds; their results go back to it as data, like the passages.
     */
    public String answer(String question, List<Passage> passages, List<ConversationMemory.Turn> history, Tools tools)
            throws ModelFailure {
        List<ChatMessage> messages = conversation(question, passages, history);
        for (int round = 0; ; round++) {
            AiMessage reply = call(ChatRequest.builder().messages(messages)
                    .toolSpecifications(tools.specifications()).build());
            if (!reply.hasToolExecutionRequests()) {
                return text(reply);
            }
            if (round == TOOL_ROUNDS) {
                throw new ModelFailure("the model kept calling tools without answering", null);
            }
            messages.add(reply);
            for (ToolExecutionRequest r : reply.toolExecutionRequests()) {
                String result = tools.execute().apply(r.name() == null ? "" : r.name(),
                        r.arguments() == null ? "" : r.arguments());
                messages.add(ToolExecutionResultMessage.from(r, GroundedPrompt.toolResult(r.name(), result)));
            }
        }
    }

    /**
     * {@link #answer} without tools, its text passed to {@code tokens} piece by piece as the model writes it (on the
     * calling thread); the whole text is returned at the end. No retry: what was streamed cannot be taken back. The
     * whole answer may take twice {@code LLM_TIMEOUT_SECONDS}.
     */
    public String stream(String question, List<Passage> passages, List<ConversationMemory.Turn> history,
                         Consumer<String> tokens) throws ModelFailure {
        List<ChatMessage> messages = conversation(question, passages, history);
        BlockingQueue<String> pieces = new LinkedBlockingQueue<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        try {
            streaming.chat(ChatRequest.builder().messages(messages).build(), new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String piece) {
                    pieces.add(piece);
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            throw failure(e);
        }
        long deadline = System.nanoTime() + streamLimit.toNanos();
        StringBuilder text = new StringBuilder();
        try {
            while (!done.isDone() || !pieces.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new ModelFailure("the model timed out", null);
                }
                String piece = pieces.poll(50, TimeUnit.MILLISECONDS);
                if (piece != null) {
                    text.append(piece);
                    tokens.accept(piece);
                }
            }
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelFailure("the answer was interrupted", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
        if (text.isEmpty() || text.toString().isBlank()) {
            throw new ModelFailure("the model returned an empty answer", null);
        }
        return text.toString().strip();
    }

    /** The system message, the earlier turns as asked and answered, then the question with its material. */
    private static List<ChatMessage> conversation(String question, List<Passage> passages,
                                                  List<ConversationMemory.Turn> history) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(GroundedPrompt.SYSTEM));
        for (ConversationMemory.Turn t : history) {
            messages.add(UserMessage.from(t.question()));
            messages.add(AiMessage.from(t.answer()));
        }
        messages.add(UserMessage.from(GroundedPrompt.user(question, passages)));
        return messages;
    }

    /**
     * A few sentences on the market reading in {@code data} (the pulse's figures), using no figure that is not in
     * it; {@link FigureCheck} verifies that, and a narrative that cites anything else is a {@link ModelFailure}.
     */
    public String narrate(Map<String, Object> data) throws ModelFailure {
        String json;
        try {
            json = Json.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("pulse data must serialise", e);
        }
        String text = complete(List.of(SystemMessage.from(GroundedPrompt.NARRATIVE),
                // the figures are the platform's own numbers, not text from outside: no escaping needed
                UserMessage.from("<data>\n" + json + "\n</data>")));
        List<String> ungrounded = FigureCheck.ungrounded(text, data);
        if (!ungrounded.isEmpty()) {
            throw new ModelFailure("the model's narrative cited figures not in data: "
                    + String.join(", ", ungrounded), null);
        }
        return text;
    }

    private String complete(List<ChatMessage> messages) throws ModelFailure {
        return text(call(ChatRequest.builder().messages(messages).build()));
    }

    private AiMessage call(ChatRequest request) throws ModelFailure {
        ChatResponse response;
        try {
            response = chat.chat(request);
        } catch (RuntimeException e) {
            throw failure(e);
        }
        if (response == null || response.aiMessage() == null) {
            throw new ModelFailure("the model returned an empty answer", null);
        }
        return response.aiMessage();
    }

    /** What went wrong, in words a user can read. */
    private static ModelFailure failure(Throwable e) {
        return switch (e) {
            case TimeoutException t -> new ModelFailure("the model timed out", e);
            case RateLimitException r -> new ModelFailure("the model server is rate limiting (429)", e);
            case InternalServerException i -> new ModelFailure("the model server failed (5xx)", e);
            case HttpException h -> new ModelFailure("the model server answered HTTP " + h.statusCode(), e);
            default -> new ModelFailure("the model's reply could not be used (" + e.getClass().getSimpleName()
                    + ")", e);
        };
    }

    private static String text(AiMessage reply) throws ModelFailure {
        String text = reply.text();
        if (text == null || text.isBlank()) {
            throw new ModelFailure("the model returned an empty answer", null);
        }
        return text.strip();
    }
}
