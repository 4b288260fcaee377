package io.deltastream.ai.model;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent turns of each conversation, so that a follow-up question ("and for BANKNIFTY?") reaches the model with
 * what came before. Keyed by caller and {@code conversation_id}, so one user cannot read another's conversation by
 * guessing its id. Bounded three ways: at most {@value #MAX_TURNS} turns and {@value #MAX_CHARS} characters (about a
 * thousand tokens) per conversation, oldest turns dropped first; forgotten after {@link #IDLE} without a question; and
 * at most {@value #MAX_CONVERSATIONS} conversations, the least recently used dropped first.
 */
public final class ConversationMemory {
    static final int MAX_TURNS = 6;
    static final int MAX_CHARS = 4_000;
    static final int MAX_CONVERSATIONS = 10_000;
    static final Duration IDLE = Duration.ofMinutes(30);

    /** One question and the model's answer to it. */
    public record Turn(String question, String answer) {
        int chars() {
            return question.length() + answer.length();
        }
    }

    private static final class Conversation {
        final Deque<Turn> turns = new ArrayDeque<>();
        long lastUsedMillis;
    }

    private final Clock clock;
    /** In access order: the eldest entry is the least recently used conversation. */
    private final LinkedHashMap<String, Conversation> conversations = new LinkedHashMap<>(16, 0.75f, true);

    public ConversationMemory(Clock clock) {
        this.clock = clock;
    }

    private static String key(String caller, String conversationId) {
        return caller + "\u0000" + conversationId;
    }

    /** The turns of the conversation, oldest first (empty when unknown or expired). */
    public synchronized List<Turn> turns(String caller, String conversationId) {
        Conversation c = conversations.get(key(caller, conversationId));
        if (c == null || expired(c)) {
            return List.of();
        }
        return List.copyOf(c.turns);
    }

    /** Adds a turn, then trims the conversation and the memory to their bounds. */
    public synchronized void add(String caller, String conversationId, Turn turn) {
        String key = key(caller, conversationId);
        Conversation c = conversations.get(key);
        if (c == null || expired(c)) {
            c = new Conversation();
            conversations.put(key, c);
        }
        c.turns.addLast(turn);
        c.lastUsedMillis = clock.millis();
        int chars = c.turns.stream().mapToInt(Turn::chars).sum();
        while (c.turns.size() > MAX_TURNS || chars > MAX_CHARS && c.turns.size() > 1) {
            chars -= c.turns.removeFirst().chars();
        }
        conversations.values().removeIf(this::expired);
        while (conversations.size() > MAX_CONVERSATIONS) {
            conversations.remove(conversations.keySet().iterator().next());
        }
    }

    synchronized int size() {
        return conversations.size();
    }

    private boolean expired(Conversation c) {
        return clock.millis() - c.lastUsedMillis > IDLE.toMillis();
    }
}
