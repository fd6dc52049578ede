package dev.parley.server.enrichment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** The consumer's meters (docs/operations.md, "Enrichment"). */
@Component
class EnrichmentMetrics {

    private final DistributionSummary batchSize;
    private final Timer batchLatency;
    private final Counter scored;
    private final Counter unscored;
    private final Counter deadLettered;
    private final Counter batchRetries;
    private final Counter messageRetries;
    private final AtomicLong lagMillis = new AtomicLong();
    /** Publication time of the oldest record of the batch each partition is working on (bounded by partitions). */
    private final Map<Integer, Instant> inProgress = new ConcurrentHashMap<>();

    EnrichmentMetrics(MeterRegistry registry) {
        batchSize = DistributionSummary.builder("parley.enrichment.batch.size")
                .description("Records per enrichment batch")
                .register(registry);
        batchLatency = Timer.builder("parley.enrichment.batch.latency")
                .description("Time to enrich, store and publish one batch, retries included")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        scored = messages(registry, "scored");
        unscored = messages(registry, "unscored");
        deadLettered = Counter.builder("parley.enrichment.dlt")
                .description("Messages sent to parley.messages.v1-dlt")
                .register(registry);
        batchRetries = Counter.builder("parley.enrichment.retries")
                .tag("scope", "batch")
                .description("Retries of a whole batch while a dependency is down")
                .register(registry);
        messageRetries = Counter.builder("parley.enrichment.retries")
                .tag("scope", "message")
                .description("Retries of single messages that failed on their own")
                .register(registry);
        // a batch that keeps failing (service down, circuit open) counts from its publication: the lag grows while
        // enrichment waits instead of showing the last finished batch's figure
        Gauge.builder("parley.enrichment.lag", this, metrics -> metrics.lagSeconds(Instant.now()))
                .description("Seconds between publication of the oldest message of a batch and its enrichment;"
                        + " for a batch still in progress, until now")
                .baseUnit("seconds")
                .register(registry);
    }

    private static Counter messages(MeterRegistry registry, String outcome) {
        return Counter.builder("parley.enrichment.messages")
                .tag("outcome", outcome)
                .description("Messages enriched")
                .register(registry);
    }

    void batch(int size, Duration latency) {
        batchSize.record(size);
        batchLatency.record(latency);
    }

    void scored(int n) {
        scored.increment(n);
    }

    void unscored(int n) {
        unscored.increment(n);
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void batchRetry() {
        batchRetries.increment();
    }

    void messageRetries(int n) {
        messageRetries.increment(n);
    }

    void batchStarted(int partition, Instant oldestPublished) {
        inProgress.putIfAbsent(partition, oldestPublished);
    }

    /** The batch of {@code partition} is durable: its lag is final. */
    void batchDone(int partition, Instant oldestPublished, Instant now) {
        inProgress.remove(partition);
        lagMillis.set(Math.max(0, Duration.between(oldestPublished, now).toMillis()));
    }

    /** The partition was revoked or the consumer stopped: its batch no longer waits here. */
    void batchAbandoned(int partition) {
        inProgress.remove(partition);
    }

    double lagSeconds(Instant now) {
        long millis = lagMillis.get();
        for (Instant published : inProgress.values()) {
            millis = Math.max(millis, Duration.between(published, now).toMillis());
        }
        return millis / 1000.0;
    }
}
