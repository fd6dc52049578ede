package dev.parley.server.imports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.web.ErrorResponseException;

/** The {@code parley.import.*} meters of the upload side (see docs/operations.md). */
final class ImportMetrics {

    private final MeterRegistry registry;
    private final Counter bytes;
    private final Counter parsed;
    private final Counter published;

    ImportMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.bytes = Counter.builder("parley.import.bytes.received")
                .baseUnit("bytes")
                .register(registry);
        this.parsed = Counter.builder("parley.import.messages.parsed").register(registry);
        this.published = Counter.builder("parley.import.messages.published").register(registry);
    }

    void bytesReceived(long n) {
        bytes.increment(n);
    }

    void parsed(long n) {
        parsed.increment(n);
    }

    void published(long n) {
        published.increment(n);
    }

    void failed(ErrorResponseException problem) {
        String type = String.valueOf(problem.getBody().getType());
        Counter.builder("parley.import.failures")
                .tag("reason", type.substring(type.lastIndexOf('/') + 1))
                .register(registry)
                .increment();
    }
}
