package dev.parley.server.store;

import dev.parley.server.imports.ImportCompletion;
import io.netty.buffer.Unpooled;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Wrapped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes a batch of messages in one transaction: COPY into a staging table, then {@code INSERT ... ON CONFLICT DO
 * NOTHING}, so a redelivered record never duplicates a row; the import counters grow by the
 * rows actually inserted, in the same transaction, so they are exact under redelivery too.
 *
 * <p>Rows of an import that has ended (failed, cancelled) are not written. The imports are locked {@code FOR SHARE}
 * for the batch, so a concurrent cancel waits for it and then deletes what it wrote.
 */
@Component
class MessageBatchWriter {

    private static final String LIVE_IMPORTS = "SELECT id FROM imports WHERE id = ANY(:ids::uuid[])"
            + " AND status IN ('RECEIVING', 'PROCESSING') FOR SHARE";

    private static final String STAGING = "CREATE TEMP TABLE IF NOT EXISTS message_staging"
            + " (LIKE messages INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";

    private static final String COPY = "COPY message_staging (conversation_id, ordinal, sent_at, local_time, sender,"
            + " kind, body, edited, extra, import_id) FROM STDIN";

    private static final String INSERT = """
            WITH inserted AS (
                INSERT INTO messages SELECT * FROM message_staging
                ON CONFLICT DO NOTHING
                RETURNING import_id)
            SELECT import_id::text AS import_id, count(*) AS n FROM inserted GROUP BY import_id
            """;

    private static final String COUNT_STORED = "UPDATE imports i SET messages_stored = i.messages_stored + c.n,"
            + " version = i.version + 1, updated_at = now()"
            + " FROM unnest(:ids::uuid[], :counts::bigint[]) AS c(id, n) WHERE i.id = c.id";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final ImportCompletion completion;
    private final java.time.Duration copyTimeout;

    MessageBatchWriter(
            DatabaseClient db, TransactionalOperator tx, ImportCompletion completion, StoreProperties properties) {
        this.copyTimeout = properties.writeTimeout();
        this.db = db;
        this.tx = tx;
        this.completion = completion;
    }

    /** Stores {@code rows}; emits the imports this batch completed (announce them after it is committed). */
    Mono<BatchResult> write(List<StoredMessage> rows) {
        if (rows.isEmpty()) {
            return Mono.just(new BatchResult(0, List.of()));
        }
        String[] importIds =
                rows.stream().map(r -> r.importId().toString()).distinct().toArray(String[]::new);
        return db.sql(LIVE_IMPORTS)
                .bind("ids", importIds)
                .map(row -> row.get("id", UUID.class))
                .all()
                .collect(Collectors.toSet())
                .flatMap(live -> insert(rows, live))
                .as(tx::transactional);
    }

    private Mono<BatchResult> insert(List<StoredMessage> rows, Set<UUID> live) {
        List<StoredMessage> kept =
                rows.stream().filter(r -> live.contains(r.importId())).toList();
        if (kept.isEmpty()) {
            return Mono.just(new BatchResult(0, List.of()));
        }
        // COPY into a per-connection staging table, then one INSERT ... ON CONFLICT DO NOTHING: COPY is the fastest
        // way in, and the insert keeps redelivery idempotent. copyIn requests its publisher unbounded, so it gets
        // exactly one bounded buffer (one batch), and a timeout: a failure inside a COPY can leave it hanging.
        byte[] copy = CopyRows.encode(kept);
        Mono<Map<String, Long>> inserted = db.sql(STAGING)
                .then()
                .then(db.inConnection(connection -> postgres(connection)
                        .copyIn(COPY, Mono.fromSupplier(() -> Unpooled.wrappedBuffer(copy)))
                        .timeout(copyTimeout)))
                .then(db.sql(INSERT)
                        .map(row -> Map.entry(row.get("import_id", String.class), row.get("n", Long.class)))
                        .all()
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new));
        return inserted.flatMap(counts -> countStored(counts)
                .thenMany(Flux.fromIterable(live)
                        .concatMap(id -> completion
                                .completeIfStored(id)
                                .filter(Boolean::booleanValue)
                                .map(done -> id)))
                .collectList()
                .map(completed -> new BatchResult(
                        counts.values().stream().mapToLong(Long::longValue).sum(), completed)));
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

    private Mono<Void> countStored(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return Mono.empty();
        }
        List<String> ids = new ArrayList<>(counts.keySet());
        return db.sql(COUNT_STORED)
                .bind("ids", ids.toArray(String[]::new))
                .bind("counts", ids.stream().map(counts::get).toArray(Long[]::new))
                .then();
    }

    /** What a batch did: rows inserted (redeliveries excluded) and imports it completed. */
    record BatchResult(long inserted, List<UUID> completed) {}
}
