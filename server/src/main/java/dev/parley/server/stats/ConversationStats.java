package dev.parley.server.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Statistics of a conversation's first {@code messageCount} messages. Days and hours are the local times the export
 * shows; {@code hourOfWeek[d][h]} counts messages on ISO day {@code d + 1} (Monday first) at hour {@code h}.
 *
 * @param medianResponseSeconds median time between a message and the next one from a different sender, gaps
 *     above the conversation gap excluded; null when there is none
 * @param enrichedMessages messages enriched so far (the imports' progress); part of the cache key
 * @param sentimentPerDay average sentiment per day of the messages enrichment has scored; empty until then
 */
record ConversationStats(
        UUID conversationId,
        long messageCount,
        long enrichedMessages,
        Instant computedAt,
        List<SenderStats> senders,
        List<DayCount> messagesPerDay,
        long[][] hourOfWeek,
        List<Ranked> topEmojis,
        List<Ranked> topLinkDomains,
        @Nullable Double medianResponseSeconds,
        List<DaySentiment> sentimentPerDay) {

    /**
     * @param words whitespace-separated tokens of text and captions
     * @param links {@code http(s)://} links in the text
     * @param conversationsStarted messages of this sender that opened a conversation (first, or after the gap)
     * @param medianResponseSeconds this sender's median time to answer someone else
     */
    record SenderStats(
            String sender,
            long messages,
            long words,
            long media,
            long links,
            Instant firstSentAt,
            Instant lastSentAt,
            long conversationsStarted,
            @Nullable Double medianResponseSeconds) {}

    record DayCount(LocalDate day, long messages) {}

    record Ranked(String value, long count) {}

    /** Average {@code sentiment_score} (in [-1, 1]) of the day's scored messages. */
    record DaySentiment(LocalDate day, double sentiment, long scoredMessages) {}
}
