package dev.parley.server.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnrichmentMetricsTests {

    @Test
    void lag_givenBatchStillFailing_growsFromItsPublicationUntilItIsDone() {
        var metrics = new EnrichmentMetrics(new SimpleMeterRegistry());
        Instant now = Instant.now();
        metrics.batchDone(0, now.minusSeconds(2), now);

        metrics.batchStarted(1, now.minusSeconds(30));
        metrics.batchStarted(1, now.minusSeconds(5)); // a retry of the same batch keeps the first start

        assertThat(metrics.lagSeconds(now)).isCloseTo(30, within(0.5));
        assertThat(metrics.lagSeconds(now.plus(Duration.ofSeconds(60)))).isCloseTo(90, within(0.5));
        metrics.batchDone(1, now.minusSeconds(30), now.plusSeconds(60));
        assertThat(metrics.lagSeconds(now.plus(Duration.ofSeconds(120)))).isCloseTo(90, within(0.5));
    }

    @Test
    void lag_givenPartitionAbandoned_forgetsItsBatch() {
        var metrics = new EnrichmentMetrics(new SimpleMeterRegistry());
        Instant now = Instant.now();
        metrics.batchStarted(3, now.minusSeconds(40));

        metrics.batchAbandoned(3);

        assertThat(metrics.lagSeconds(now)).isZero();
    }
}
