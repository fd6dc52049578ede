package dev.parley.server.enrichment.sentiment;

import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The offline default: VADER in-process for English text; text in another language, or of undetermined language,
 * is {@link SentimentResult.Unscored} rather than scored as if it were English. CPU-only and fast (see
 * docs/performance.md), so it runs on the calling thread.
 */
public final class BuiltInSentimentAnalyzer implements SentimentAnalyzer {

    public static final String MODEL = "vader-3.3-en";

    /** Loads the lexicon (a classpath read): create it at startup, off any event loop. */
    public BuiltInSentimentAnalyzer() {
        Vader.lexiconSize();
    }

    @Override
    public Mono<List<SentimentResult>> analyze(List<String> texts) {
        return Mono.fromSupplier(() -> {
            List<SentimentResult> results = new ArrayList<>(texts.size());
            for (String text : texts) {
                try {
                    results.add(analyze(text));
                } catch (RuntimeException e) {
                    // a bug on one odd text must not stall the partition: that text alone goes to the DLT
                    results.add(new SentimentResult.Failed(e.getClass().getSimpleName() + ": " + e.getMessage()));
                }
            }
            return results;
        });
    }

    /** One text's result. */
    public SentimentResult analyze(String text) {
        if (text == null || text.isBlank()) {
            return new SentimentResult.Unscored("no-text", LanguageDetector.UNDETERMINED, MODEL);
        }
        String language = LanguageDetector.detect(text);
        if (!language.equals("en")) {
            return new SentimentResult.Unscored("language", language, MODEL);
        }
        double score = Math.round(Vader.compound(text) * 10_000) / 10_000.0;
        return new SentimentResult.Scored(new Sentiment(score, Sentiment.labelOf(score), MODEL), "en");
    }

    @Override
    public String mode() {
        return "builtin";
    }
}
