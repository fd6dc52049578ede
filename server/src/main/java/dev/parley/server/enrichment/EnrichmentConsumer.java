package dev.parley.server.enrichment;

import dev.parley.server.kafka.EventReceiver;
import dev.parley.server.kafka.InboundEvent;
import dev.parley.server.kafka.ParleyTopics;
import dev.parley.server.support.BackgroundLoop;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The parley-enrich consumer group on {@code parley.messages.v1}. Records are batched per partition by size and
 * time; each partition has one batch in flight, so in-flight work is bounded by the partitions this instance owns
 * and offsets are acknowledged in order. A batch that fails as a whole (remote service down, circuit open,
 * database unavailable) is retried with backoff until it succeeds: enrichment waits and catches up, and the
 * receiver is not polled faster than batches complete.
 */
@Component
@ConditionalOnBooleanProperty(name = "parley.enrichment.enabled", matchIfMissing = true)
class EnrichmentConsumer extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(EnrichmentConsumer.class);

    private final EventReceiver receiver;
    private final MessageEnricher enricher;
    private final EnrichmentMetrics metrics;
    private final EnrichmentProperties.Consumer settings;

    EnrichmentConsumer(
            EventReceiver receiver,
            MessageEnricher enricher,
            EnrichmentMetrics metrics,
            EnrichmentProperties properties) {
        this.receiver = receiver;
        this.enricher = enricher;
        this.metrics = metrics;
        this.settings = properties.consumer();
    }

    Flux<List<InboundEvent>> run() {
        return receiver.receive(ParleyTopics.MESSAGES, settings.group())
                .groupBy(InboundEvent::partition)
                .flatMap(
                        partition -> partition
                                .bufferTimeout(settings.batchSize(), settings.batchTimeout(), true)
                                .concatMap(batch -> enricher.enrich(batch)
                                        .retryWhen(Retry.backoff(Long.MAX_VALUE, settings.retryBackoff())
                                                .maxBackoff(settings.maxRetryBackoff())
                                                .doBeforeRetry(signal -> {
                                                    metrics.batchRetry();
                                                    log.warn(
                                                            "Enrichment batch failed, retrying partition={} attempt={} error={}",
                                                            partition.key(),
                                                            signal.totalRetries() + 1,
                                                            signal.failure().toString());
                                                }))
                                        .thenReturn(batch)),
                        1024);
    }

    @Override
    protected Flux<?> loop() {
        return run().retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                        .maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(signal -> log.warn(
                                "Enrichment consumer failed, rejoining group={} error={}",
                                settings.group(),
                                signal.failure().toString())))
                .onErrorResume(e -> Mono.empty())
                .doOnSubscribe(s -> log.info("Enrichment consumer started group={}", settings.group()));
    }
}
