package dev.parley.server.enrichment.sentiment;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Scores a batch of texts. The result list is positional: one result per input text, in order. A failure of the
 * whole call (remote service down, circuit open) is an error signal; a failure of single texts is
 * {@link SentimentResult.Failed}.
 */
public interface SentimentAnalyzer {

    Mono<List<SentimentResult>> analyze(List<String> texts);

    /** A short name for metrics and logs: {@code builtin}, {@code tei}, {@code generic}. */
    String mode();
}
