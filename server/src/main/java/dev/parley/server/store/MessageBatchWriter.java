package dev.parley.server.store;

import dev.parley.server.database.Transactions;
import dev.parley.server.imports.ImportCompletion;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes a batch of messages in one transaction. First optimistically: one binary COPY straight into {@code
 * messages}, the cheapest way in. A batch that meets rows already stored (a redelivery after a restart or
 * rebalance) fails that COPY on the primary key, rolls back, and is written again idempotently: COPY into a staging
 * table, then {@code INSERT ... ON CONFLICT DO NOTHING}. Either way the import counters grow by the rows actually
 * inserted, in the same transaction, so they are exact under redelivery too.
 *
 * <p>Rows of an import that has ended (failed, cancelled) are not written. The imports are locked first, with the
 * lock their counter update takes at the end ({@code FOR NO KEY UPDATE}), so a concurrent cancel waits for the batch and
 * then deletes what it wrote, and two writes of the same rows (a redelivery while the first write still runs) queue
 * instead of deadlocking: with a shared lock, each waited for the other's rows or lock.
 *
 * <p>A batch's transaction is never cancelled half-way ({@link Transactions}): the counter update of a batch whose
 * COPY had been rolled back by a cancel once got committed on its own, and the batch, delivered again, was counted
 * twice. A caller that cancels (the store consumer stopping, its timeout) only stops waiting for the whole write, its
 * idempotent second attempt included; PostgreSQL's statement timeout bounds it and fails it in order.
 */
@Component
class MessageBatchWriter {

    private static final Logger log = LoggerFactory.getLogger(MessageBatchWriter.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String LIVE_IMPORTS = "SELECT id FROM imports WHERE id = ANY(:ids::uuid[])"
            + " AND status IN ('RECEIVING', 'PROCESSING') FOR NO KEY UPDATE";

    private static final String COPY = "COPY messages " + CopyRows.COLUMNS + " FROM STDIN (FORMAT binary)";

    private static final String STAGING = "CREATE TEMP TABLE IF NOT EXISTS message_staging"
            + " (LIKE messages INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";

    private static final String COPY_STAGING =
            "COPY message_staging " + CopyRows.COLUMNS + " FROM STDIN (FORMAT binary)";

    private static final String INSERT_STAGED = """
            WITH inserted AS (
                INSERT INTO messages SELECT * FROM message_staging
                ON CONFLICT DO NOTHING
                RETURNING import_id)
            SELECT import_id, count(*) AS n FROM inserted GROUP BY import_id
            """;

    private static final String COUNT_STORED = "UPDATE imports i SET messages_stored = i.messages_stored + c.n,"
            + " version = i.version + 1, updated_at = now()"
            + " FROM unnest(:ids::uuid[], :counts::bigint[]) AS c(id, n) WHERE i.id = c.id";

    private final DatabaseClient db;
    private final Transactions transactions;
    private final ImportCompletion completion;
    private final Duration copyTimeout;

    MessageBatchWriter(
            DatabaseClient db, Transactions transactions, ImportCompletion completion, StoreProperties properties) {
        this.copyTimeout = properties.writeTimeout();
        this.db = db;
        this.transactions = transactions;
        this.completion = completion;
    }

    /**
     * Stores {@code batch}; emits the imports it completed (announce them after it is committed). Once subscribed, the
     * write runs to its commit or rollback even if the returned Mono is cancelled: cancelling only stops waiting.
     */
    Mono<BatchResult> write(StoreBatch batch) {
        if (batch.importIds().isEmpty()) {
            return Mono.just(new BatchResult(0, List.of()));
        }
        return Mono.fromFuture(() -> writeToTheEnd(batch).toFuture(), true);
    }

    private Mono<BatchResult> writeToTheEnd(StoreBatch batch) {
        return write(batch, this::copyDirect).onErrorResume(MessageBatchWriter::isUniqueViolation, overlap -> {
            log.info("A batch meets stored messages (a redelivery); writing it idempotently records={}", batch.size());
            return write(batch, this::copyIdempotent);
        });
    }

    private Mono<BatchResult> write(StoreBatch batch, Copy copy) {
        String[] ids = batch.importIds().stream().map(UUID::toString).toArray(String[]::new);
        Mono<BatchResult> work = db.sql(LIVE_IMPORTS)
                .bind("ids", ids)
                .map(row -> row.get("id", UUID.class))
                .all()
                .collect(Collectors.toSet())
                .flatMap(live -> live.isEmpty()
                        ? Mono.just(new BatchResult(0, List.of()))
                        : copy.rows(batch, live).flatMap(inserted -> recordStored(inserted, live)));
        return transactions.run(copyTimeout, work);
    }

    /** COPY straight into {@code messages}: fails with a unique violation if any row is already there. */
    private Mono<Map<UUID, Long>> copyDirect(StoreBatch batch, Set<UUID> live) {
        return Flux.fromIterable(live)
                .concatMap(id -> copyIn(COPY, batch.rowsOf(id)).map(rows -> Map.entry(id, rows)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    /** COPY into a per-connection staging table, then insert what is not stored yet. */
    private Mono<Map<UUID, Long>> copyIdempotent(StoreBatch batch, Set<UUID> live) {
        return db.sql(STAGING)
                .then()
                .thenMany(Flux.fromIterable(live).concatMap(id -> copyIn(COPY_STAGING, batch.rowsOf(id))))
                .then(db.sql(INSERT_STAGED)
                        .map(row -> Map.entry(row.get("import_id", UUID.class), row.get("n", Long.class)))
                        .all()
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new));
    }

    /**
     * One COPY of one import's rows. copyIn requests its publisher unbounded, so it gets exactly one bounded buffer
     * (one batch), and a timeout: a failure inside a COPY can leave it hanging.
     */
    private Mono<Long> copyIn(String sql, CopyRows rows) {
        return db.inConnection(connection -> postgres(connection)
                .copyIn(sql, Mono.fromSupplier(rows::copyData))
                .timeout(copyTimeout));
    }

    private Mono<BatchResult> recordStored(Map<UUID, Long> inserted, Set<UUID> live) {
        return countStored(inserted)
                .thenMany(Flux.fromIterable(live)
                        .concatMap(id -> completion
                                .completeIfStored(id)
                                .filter(Boolean::booleanValue)
                                .map(done -> id)))
                .collectList()
                .map(completed -> new BatchResult(
                        inserted.values().stream().mapToLong(Long::longValue).sum(), completed));
    }

    private Mono<Void> countStored(Map<UUID, Long> inserted) {
        if (inserted.isEmpty()) {
            return Mono.empty();
        }
        List<UUID> ids = new ArrayList<>(inserted.keySet());
        return db.sql(COUNT_STORED)
                .bind("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .bind("counts", ids.stream().map(inserted::get).toArray(Long[]::new))
                .then();
    }

    /** The driver's connection under Spring's proxy and the pool's wrapper. */
    private static PostgresqlConnection postgres(Connection connection) {
        Object current = connection;
        while (!(current instanceof PostgresqlConnection) && current instanceof Wrapped<?> wrapped) {
            current = wrapped.unwrap();
        }
        if (current instanceof PostgresqlConnection postgres) {
            return postgres;
        }
        throw new IllegalStateException(
                "Storing needs r2dbc-postgresql, got " + connection.getClass().getName());
    }

    /** A duplicate key, whether the driver's exception or Spring's translation of it (which keeps it as cause). */
    private static boolean isUniqueViolation(Throwable error) {
        for (@Nullable Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof R2dbcException r2dbc && UNIQUE_VIOLATION.equals(r2dbc.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /** How a batch's rows get into {@code messages}; emits the rows inserted per import. */
    @FunctionalInterface
    private interface Copy {
        Mono<Map<UUID, Long>> rows(StoreBatch batch, Set<UUID> live);
    }

    /** What a batch did: rows inserted (redeliveries excluded) and imports it completed. */
    record BatchResult(long inserted, List<UUID> completed) {}
}
