package dev.parley.server.enrichment;

import dev.parley.server.enrichment.sentiment.SentimentResult;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One message's enrichment, as stored and published. */
record EnrichedMessage(
        UUID conversationId, long ordinal, @Nullable UUID importId, SentimentResult sentiment, List<String> urls) {

    String status() {
        return sentiment instanceof SentimentResult.Scored ? "SCORED" : "UNSCORED";
    }
}
