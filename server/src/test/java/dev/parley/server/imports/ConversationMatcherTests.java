package dev.parley.server.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ingest.TextMessage;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConversationMatcherTests {

    @Test
    void sameOpening_givenAPrefixOfAtLeastTwoMessages_matches() {
        assertThat(ConversationMatcher.sameOpening(List.of("a", "b"), List.of("a", "b", "c")))
                .isTrue();
        assertThat(ConversationMatcher.sameOpening(List.of("a", "b", "c"), List.of("a", "b")))
                .isTrue();
    }

    @Test
    void sameOpening_givenOnlyTheSameFirstMessage_doesNotMatch() {
        // every chat opens with the same encryption notice
        assertThat(ConversationMatcher.sameOpening(List.of("notice"), List.of("notice", "x")))
                .isFalse();
        assertThat(ConversationMatcher.sameOpening(List.of("notice", "x"), List.of("notice", "y")))
                .isFalse();
        assertThat(ConversationMatcher.sameOpening(List.of("notice"), List.of("notice")))
                .isTrue();
    }

    @Test
    void continuation_keepsOnlyMessagesAfterTheOverlap_withConsecutiveOrdinals() {
        Instant last = Instant.parse("2024-03-13T20:05:00Z");
        var plan = new ConversationPlan.Continuation(
                UUID.randomUUID(), 7, last, Set.of(MessageKeys.senderAndText("Ben", "Ok")));

        var before = message(0, last.minusSeconds(60), "Anna", "earlier");
        var sameInstantStored = message(1, last, "Ben", "Ok");
        var sameInstantNew = message(2, last, "Anna", "also at 20:05");
        var after = message(3, last.plusSeconds(60), "Ben", "later");

        assertThat(plan.isNew(before)).isFalse();
        assertThat(plan.isNew(sameInstantStored)).isFalse();
        assertThat(plan.isNew(sameInstantNew)).isTrue();
        assertThat(plan.isNew(after)).isTrue();
        assertThat(plan.ordinalOf(sameInstantNew)).isEqualTo(7);
        assertThat(plan.ordinalOf(after)).isEqualTo(8);
    }

    private static TextMessage message(long ordinal, Instant at, String sender, String text) {
        LocalDateTime local = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        return new TextMessage(ordinal, local, at, sender, text, false, null, null);
    }
}
