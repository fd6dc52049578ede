package dev.parley.server.store;

import dev.parley.server.imports.ImportCompletion;
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
 * Writes a batch of messages in one transaction: one multi-row {@code INSERT ... SELECT unnest(...)} with
 * {@code ON CONFLICT DO NOTHING}, so a redelivered record never duplicates a row; the import counters grow by the
 * rows actually inserted, in the same transaction, so they are exact under redelivery too.
 *
 * <p>Rows of an import that has ended (failed, cancelled) are not written. The imports are locked {@code FOR SHARE}
 * for the batch, so a concurrent cancel waits for it and then deletes what it wrote.
 */
@Component
class MessageBatchWriter {

    private static final String LIVE_IMPORTS = "SELECT id FROM imports WHERE id = ANY(:ids::uuid[])"
            + " AND status IN ('RECEIVING', 'PROCESSING') FOR SHARE";

    private static final String INSERT = """
            WITH inserted AS (
                INSERT INTO messages (conversation_id, ordinal, sent_at, local_time, sender, kind, body, edited, extra,
                                      import_id)
                SELECT * FROM unnest(:conversation::uuid[], :ordinal::bigint[], :sentAt::timestamptz[],
                                     :localTime::timestamp[], :sender::text[], :kind::text[], :body::text[],
                                     :edited::boolean[], :extra::jsonb[], :importId::uuid[])
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

    MessageBatchWriter(DatabaseClient db, TransactionalOperator tx, ImportCompletion completion) {
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
        int n = kept.size();
        var conversation = new String[n];
        var ordinal = new Long[n];
        var sentAt = new String[n];
        var localTime = new String[n];
        var sender = new String[n];
        var kind = new String[n];
        var body = new String[n];
        var edited = new Boolean[n];
        var extra = new String[n];
        var importId = new String[n];
        for (int i = 0; i < n; i++) {
            StoredMessage r = kept.get(i);
            conversation[i] = r.conversationId().toString();
            ordinal[i] = r.ordinal();
            sentAt[i] = r.sentAt();
            localTime[i] = r.localTime();
            sender[i] = r.sender();
            kind[i] = r.kind();
            body[i] = r.body();
            edited[i] = r.edited();
            extra[i] = r.extra();
            importId[i] = r.importId().toString();
        }
        Mono<Map<String, Long>> inserted = db.sql(INSERT)
                .bind("conversation", conversation)
                .bind("ordinal", ordinal)
                .bind("sentAt", sentAt)
                .bind("localTime", localTime)
                .bind("sender", sender)
                .bind("kind", kind)
                .bind("body", body)
                .bind("edited", edited)
                .bind("extra", extra)
                .bind("importId", importId)
                .map(row -> Map.entry(row.get("import_id", String.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
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
