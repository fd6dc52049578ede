package dev.parley.server.imports;

import dev.parley.ingest.ChatMessage;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Where an import's messages go and which of them are new. A first export of a chat fills a new conversation
 * with every message; a later export of the same chat (users re-export periodically) continues the existing one
 * with only the messages after the overlap. Stateful: one plan serves one upload, in message order.
 */
sealed interface ConversationPlan {

    UUID conversationId();

    /** Whether {@code message} is new to the conversation (and so stored and published). */
    boolean isNew(ChatMessage message);

    /** The ordinal of a new message in the conversation; call once per new message, in order. */
    long ordinalOf(ChatMessage message);

    /** Every message is new and keeps the ordinal the parser gave it. */
    record NewConversation(UUID conversationId) implements ConversationPlan {

        @Override
        public boolean isNew(ChatMessage message) {
            return true;
        }

        @Override
        public long ordinalOf(ChatMessage message) {
            return message.ordinal();
        }
    }

    /**
     * Continues {@code conversationId}, whose visible history ends at {@code lastSentAt}: messages before it are the
     * overlap; messages at that same instant are new unless one with the same sender and text is already stored.
     */
    final class Continuation implements ConversationPlan {

        private final UUID conversationId;
        private final long firstOrdinal;
        private final Instant lastSentAt;
        private final Set<String> storedAtLastInstant;
        private long added;

        Continuation(UUID conversationId, long firstOrdinal, Instant lastSentAt, Set<String> storedAtLastInstant) {
            this.conversationId = conversationId;
            this.firstOrdinal = firstOrdinal;
            this.lastSentAt = lastSentAt;
            this.storedAtLastInstant = storedAtLastInstant;
        }

        @Override
        public UUID conversationId() {
            return conversationId;
        }

        long firstOrdinal() {
            return firstOrdinal;
        }

        @Override
        public boolean isNew(ChatMessage message) {
            int order = message.sentAt().compareTo(lastSentAt);
            return order > 0 || (order == 0 && !storedAtLastInstant.contains(MessageKeys.senderAndText(message)));
        }

        @Override
        public long ordinalOf(ChatMessage message) {
            return firstOrdinal + added++;
        }
    }
}
