package dev.parley.server.enrichment.sentiment;

/**
 * A message's sentiment.
 *
 * @param score in [-1, 1]; negative is negative sentiment
 * @param label {@code positive}, {@code negative} or {@code neutral}, or the remote model's own label
 * @param model the analyzer or remote model that scored it, e.g. {@code vader-3.3-en}
 */
public record Sentiment(double score, String label, String model) {

    /** VADER's conventional thresholds on the compound score. */
    public static String labelOf(double score) {
        return score >= 0.05 ? "positive" : score <= -0.05 ? "negative" : "neutral";
    }
}
