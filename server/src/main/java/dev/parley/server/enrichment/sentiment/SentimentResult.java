package dev.parley.server.enrichment.sentiment;

import org.jspecify.annotations.Nullable;

/** What an analyzer says about one text: a score, a reason it was not scored, or an error for that text only. */
public sealed interface SentimentResult {

    /**
     * The text has a sentiment.
     *
     * @param language the language the text was scored as, when the analyzer knows it
     */
    record Scored(Sentiment sentiment, @Nullable String language) implements SentimentResult {}

    /**
     * The text is deliberately not scored (empty, or in a language the analyzer does not cover). Final: it is
     * stored as such and never retried.
     *
     * @param reason {@code no-text} or {@code language}
     * @param language the detected language, or {@code und}
     */
    record Unscored(String reason, String language, String model) implements SentimentResult {}

    /** Scoring this text failed; the batch's other texts are unaffected. Retried, then dead-lettered. */
    record Failed(String error) implements SentimentResult {}
}
