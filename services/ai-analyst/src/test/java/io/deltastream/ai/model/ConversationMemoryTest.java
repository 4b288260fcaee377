package io.deltastream.ai.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.ai.model.ConversationMemory.Turn;
import io.deltastream.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConversationMemoryTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final ConversationMemory memory = new ConversationMemory(clock);

    @Test
    void turnsAreKeptPerCallerAndConversationInOrder() {
        memory.add("user:a", "c1", new Turn("q1", "a1"));
        memory.add("user:a", "c1", new Turn("q2", "a2"));
        assertThat(memory.turns("user:a", "c1")).containsExactly(new Turn("q1", "a1"), new Turn("q2", "a2"));
        assertThat(memory.turns("user:b", "c1")).as("another caller, same id").isEmpty();
        assertThat(memory.turns("user:a", "c2")).isEmpty();
    }

    @Test
    void theOldestTurnsGoBeyondTheTurnAndCharacterBounds() {
        for (int i = 0; i < ConversationMemory.MAX_TURNS + 2; i++) {
            memory.add("u", "c", new Turn("q" + i, "a" + i));
        }
        assertThat(memory.turns("u", "c")).hasSize(ConversationMemory.MAX_TURNS).first()
                .isEqualTo(new Turn("q2", "a2"));

        String half = "x".repeat(ConversationMemory.MAX_CHARS / 2);
        memory.add("u", "long", new Turn("first", half));
        memory.add("u", "long", new Turn("second", half));
        assertThat(memory.turns("u", "long")).extracting(Turn::question).containsExactly("second");
        // a single turn over the bound is kept: the model gets at least the last exchange
        memory.add("u", "huge", new Turn("q", "y".repeat(2 * ConversationMemory.MAX_CHARS)));
        assertThat(memory.turns("u", "huge")).hasSize(1);
    }

    @Test
    void anIdleConversationIsForgotten() {
        memory.add("u", "c", new Turn("q", "a"));
        clock.advance(ConversationMemory.IDLE.minusSeconds(1));
        assertThat(memory.turns("u", "c")).hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(memory.turns("u", "c")).isEmpty();
        memory.add("u", "other", new Turn("q", "a"));
        assertThat(memory.size()).as("expired conversations are dropped").isEqualTo(1);
        memory.add("u", "c", new Turn("new", "start"));
        assertThat(memory.turns("u", "c")).containsExactly(new Turn("new", "start"));
    }
}
