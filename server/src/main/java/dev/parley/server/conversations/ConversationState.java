package dev.parley.server.conversations;

import java.time.Instant;
import java.util.UUID;

/**
 * A visible conversation and how many of its messages enrichment has processed: together they tell whether data
 * derived from the conversation (statistics, first pages) is still current.
 *
 * @param enriched messages enrichment has processed, from the imports' progress counters
 */
public record ConversationState(Conversation conversation, long enriched) {

    /** Changes when messages become visible, the conversation row changes, or enrichment stores results. */
    public Version version() {
        return new Version(conversation.id(), conversation.messageCount(), enriched, conversation.updatedAt());
    }

    /** The key of cached derived data: equal versions see the same messages and enrichment results. */
    public record Version(UUID id, long messageCount, long enriched, Instant updatedAt) {}
}
