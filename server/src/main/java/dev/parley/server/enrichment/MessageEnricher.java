package dev.parley.server.enrichment;

import dev.parley.ingest.ChatMessage;
import dev.parley.ingest.MessageCodec;
import dev.parley.server.enrichment.links.UrlExtractor;
import dev.parley.server.enrichment.sentiment.SentimentAnalyzer;
import dev.parley.server.enrichment.sentiment.SentimentResult;
import dev.parley.server.kafka.InboundEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Enriches one batch of {@code parley.messages.v1} records: decode, score sentiment (single messages that fail on
 * their own are retried, then dead-lettered), extract links, store, publish, and only then acknowledge every
 * record of the batch. An error of the returned Mono means nothing was acknowledged; the caller retries the batch,
 * and storing is idempotent.
 */
@Component
class MessageEnricher {

    private static final Logger log = LoggerFactory.getLogger(MessageEnricher.class);

    private final SentimentAnalyzer analyzer;
    private final EnrichmentRepository repository;
    private final EnrichmentEvents events;
    private final EnrichmentMetrics metrics;
    private final EnrichmentProperties.Consumer settings;
    private final boolean links;

    MessageEnricher(
            SentimentAnalyzer analyzer,
            EnrichmentRepository repository,
            EnrichmentEvents events,
            EnrichmentMetrics metrics,
            EnrichmentProperties properties) {
        this.analyzer = analyzer;
        this.repository = repository;
        this.events = events;
        this.metrics = metrics;
        this.settings = properties.consumer();
        this.links = properties.links().enabled();
    }

    private record Decoded(
            InboundEvent event,
            UUID conversationId,
            long ordinal,
            @Nullable UUID importId,
            String text) {}

    private record DeadLetter(InboundEvent event, String stage, String errorClass, String message, int attempts) {}

    Mono<Void> enrich(List<InboundEvent> batch) {
        Instant published = published(batch.getFirst());
        int partition = batch.getFirst().partition();
        return Mono.defer(() -> {
            if (published != null) {
                metrics.batchStarted(partition, published);
            }
            long started = System.nanoTime();
            List<Decoded> decoded = new ArrayList<>(batch.size());
            List<DeadLetter> dead = new ArrayList<>();
            Set<UUID> deleted = new LinkedHashSet<>();
            decode(batch, decoded, dead, deleted);
            List<String> texts = decoded.stream().map(Decoded::text).toList();
            return score(texts)
                    .flatMap(results -> {
                        List<EnrichedMessage> enriched = new ArrayList<>(decoded.size());
                        for (int i = 0; i < decoded.size(); i++) {
                            Decoded d = decoded.get(i);
                            SentimentResult result = results.get(i);
                            if (result instanceof SentimentResult.Failed failed) {
                                dead.add(new DeadLetter(
                                        d.event(),
                                        "sentiment",
                                        "SentimentFailed",
                                        failed.error(),
                                        settings.maxAttempts()));
                                continue;
                            }
                            List<String> urls = links ? UrlExtractor.extract(d.text()) : List.of();
                            enriched.add(
                                    new EnrichedMessage(d.conversationId(), d.ordinal(), d.importId(), result, urls));
                        }
                        return repository
                                .store(deleted, enriched)
                                .then(events.publish(enriched))
                                .then(Flux.fromIterable(dead)
                                        .concatMap(letter -> events.deadLetter(
                                                        letter.event(),
                                                        letter.stage(),
                                                        letter.errorClass(),
                                                        letter.message(),
                                                        letter.attempts())
                                                .doOnSuccess(ignored -> {
                                                    metrics.deadLettered();
                                                    log.warn(
                                                            "Dead-lettered message partition={} offset={} stage={} error={}",
                                                            letter.event().partition(),
                                                            letter.event().offset(),
                                                            letter.stage(),
                                                            letter.errorClass());
                                                }))
                                        .then())
                                .then(Mono.fromRunnable(() -> {
                                    batch.forEach(InboundEvent::acknowledge);
                                    int scoredCount = (int) enriched.stream()
                                            .filter(m -> m.sentiment() instanceof SentimentResult.Scored)
                                            .count();
                                    metrics.scored(scoredCount);
                                    metrics.unscored(enriched.size() - scoredCount);
                                    metrics.batch(batch.size(), Duration.ofNanos(System.nanoTime() - started));
                                    if (published != null) {
                                        metrics.batchDone(partition, published, Instant.now());
                                    }
                                }));
                    })
                    .then()
                    .doOnCancel(() -> metrics.batchAbandoned(partition));
        });
    }

    private void decode(List<InboundEvent> batch, List<Decoded> decoded, List<DeadLetter> dead, Set<UUID> deleted) {
        Map<UUID, Integer> lastTombstone = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            InboundEvent event = batch.get(i);
            if (event.value() == null) {
                UUID conversation = uuid(event.key());
                if (conversation != null) {
                    lastTombstone.put(conversation, i);
                    deleted.add(conversation);
                }
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            InboundEvent event = batch.get(i);
            byte[] value = event.value();
            if (value == null) {
                continue;
            }
            UUID conversation = uuid(event.key());
            if (conversation == null) {
                dead.add(new DeadLetter(event, "decode", "InvalidKey", "Key is not a conversation id", 1));
                continue;
            }
            Integer tombstone = lastTombstone.get(conversation);
            if (tombstone != null && tombstone > i) {
                continue; // deleted later in this batch
            }
            try {
                ChatMessage message = MessageCodec.fromJson(value);
                String text = message.text() == null ? "" : message.text();
                decoded.add(new Decoded(event, conversation, message.ordinal(), importId(event), text));
            } catch (RuntimeException e) {
                dead.add(new DeadLetter(
                        event, "decode", e.getClass().getSimpleName(), String.valueOf(e.getMessage()), 1));
            }
        }
    }

    /** Scores all texts; texts that fail on their own are retried one by one, up to the configured attempts. */
    private Mono<List<SentimentResult>> score(List<String> texts) {
        if (texts.isEmpty()) {
            return Mono.just(List.of());
        }
        return analyzer.analyze(texts).flatMap(first -> {
            List<SentimentResult> results = new ArrayList<>(first);
            return retryFailed(texts, results, 1);
        });
    }

    private Mono<List<SentimentResult>> retryFailed(List<String> texts, List<SentimentResult> results, int attempt) {
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof SentimentResult.Failed) {
                failed.add(i);
            }
        }
        if (failed.isEmpty() || attempt >= settings.maxAttempts()) {
            return Mono.just(results);
        }
        metrics.messageRetries(failed.size());
        Duration backoff = settings.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
        // one call per failed text: a text that breaks the whole call must not take its batch-mates with it
        return Mono.delay(backoff)
                .thenMany(Flux.fromIterable(failed)
                        .concatMap(i -> analyzer.analyze(List.of(texts.get(i)))
                                .doOnNext(single -> results.set(i, single.getFirst()))))
                .then(Mono.defer(() -> retryFailed(texts, results, attempt + 1)));
    }

    /** When the record was published (its CloudEvent time), or null for a record that is not Parley's. */
    private static @Nullable Instant published(InboundEvent event) {
        byte[] time = event.header("ce_time");
        if (time == null) {
            return null;
        }
        try {
            return Instant.parse(new String(time, StandardCharsets.UTF_8));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable UUID importId(InboundEvent event) {
        byte[] header = event.header("parley_import_id");
        return header == null ? null : uuid(new String(header, StandardCharsets.UTF_8));
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
