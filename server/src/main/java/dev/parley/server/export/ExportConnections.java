package dev.parley.server.export;

import dev.parley.server.database.DedicatedPools;
import dev.parley.server.problem.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * The database connections of streaming exports: a pool of their own, of {@code max-concurrent} connections, and as
 * many exports at a time. A download holds its connection (the query's cursor) for as long as its client takes to
 * read; on the pool of every other read, a few slow downloads would stall all pages and searches, and that pool
 * could not be sized to the database's cores, where its tails are shortest (docs/performance.md, "The R2DBC pool
 * against 2 cores"). One export more than the limit is refused at once with 503 and {@code Retry-After} rather than
 * queued: its client may be gone before a slot frees. The pool is metered like the main one, as {@code name=export}.
 */
@Component
class ExportConnections implements DisposableBean {

    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final ConnectionPool pool;
    private final DatabaseClient database;
    private final Semaphore slots;

    ExportConnections(ConnectionFactory connections, ExportProperties properties, MeterRegistry registry) {
        int size = properties.maxConcurrent();
        pool = DedicatedPools.create(connections, "export", size, properties.idleTime(), registry, Map.of());
        database = DatabaseClient.create(pool);
        slots = new Semaphore(size);
    }

    DatabaseClient database() {
        return database;
    }

    /**
     * Runs the export that {@code export} makes when a slot is free, and frees the slot when it ends, fails or its
     * client goes away; fails with 503 when every slot is taken.
     */
    Mono<Void> run(Supplier<Mono<Void>> export) {
        return Mono.defer(() -> {
            if (!slots.tryAcquire()) {
                return Mono.error(busy());
            }
            return Mono.defer(export).doFinally(signal -> slots.release());
        });
    }

    private static ErrorResponseException busy() {
        ErrorResponseException busy = Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "too-many-exports",
                "Too many exports",
                "The server is already streaming as many exports as it allows at a time; try again shortly.");
        busy.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
        return busy;
    }

    @Override
    public void destroy() {
        pool.dispose();
    }
}
