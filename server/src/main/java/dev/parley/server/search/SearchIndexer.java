package dev.parley.server.search;

import dev.parley.server.support.BackgroundLoop;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Builds {@code message_search} behind the imports: every {@code index-interval} it picks visible conversations
 * whose {@code message_count} is above their {@code search_progress.indexed_count} and indexes the next ordinals,
 * {@code batch-size} per transaction, until each has caught up. Batches are idempotent (primary key + {@code ON
 * CONFLICT DO NOTHING}, progress only moves forward), so several instances may run it. One round at a time; a
 * failed round is logged and the next one retries. Started and stopped with the application context.
 */
@Component
class SearchIndexer extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);

    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final SearchProperties properties;

    SearchIndexer(DatabaseClient database, ReactiveTransactionManager transactionManager, SearchProperties properties) {
        this.database = database;
        this.transactions = TransactionalOperator.create(transactionManager);
        this.properties = properties;
    }

    private record Pending(UUID id, long messageCount, long indexed, String config) {}

    @Override
    protected boolean enabled() {
        return properties.indexerEnabled();
    }

    @Override
    protected Flux<?> loop() {
        return Flux.interval(properties.indexInterval())
                .onBackpressureDrop()
                .concatMap(
                        tick -> indexPending().onErrorResume(e -> {
                            log.warn("search indexing round failed error={}", e.toString());
                            return Mono.empty();
                        }),
                        1);
    }

    /** One round: brings the picked conversations up to their message count; emits nothing. */
    Mono<Void> indexPending() {
        return database.sql("SELECT c.id, c.message_count, coalesce(p.indexed_count, 0) AS indexed,"
                        + " coalesce(p.config, 'simple'::regconfig)::text AS config"
                        + " FROM conversations c LEFT JOIN search_progress p ON p.conversation_id = c.id"
                        + " WHERE c.visible AND c.message_count > coalesce(p.indexed_count, 0)"
                        + " ORDER BY c.updated_at LIMIT :limit")
                .bind("limit", properties.conversationsPerRound())
                .map(row -> new Pending(
                        row.get("id", UUID.class),
                        row.get("message_count", Long.class),
                        row.get("indexed", Long.class),
                        row.get("config", String.class)))
                .all()
                .concatMap(this::catchUp)
                .then();
    }

    private Mono<Long> catchUp(Pending conversation) {
        return batch(conversation, conversation.indexed())
                .expand(indexed -> indexed < conversation.messageCount() ? batch(conversation, indexed) : Mono.empty())
                .last();
    }

    /**
     * Indexes ordinals {@code [from, to)} and records the progress in one transaction; emits {@code to}, or
     * {@link Long#MAX_VALUE} when the conversation is gone.
     */
    private Mono<Long> batch(Pending conversation, long from) {
        long to = Math.min(conversation.messageCount(), from + properties.batchSize());
        Mono<Long> rows = database.sql("INSERT INTO message_search (conversation_id, ordinal, sent_at, sender, tsv)"
                        + " SELECT m.conversation_id, m.ordinal, m.sent_at, m.sender,"
                        + " to_tsvector(CAST(:config AS regconfig), m.body)"
                        + " FROM messages m WHERE m.conversation_id = :id AND m.ordinal >= :from AND m.ordinal < :to"
                        + " AND m.body IS NOT NULL AND m.kind <> 'DELETED'"
                        + " ON CONFLICT DO NOTHING")
                .bind("id", conversation.id())
                .bind("config", conversation.config())
                .bind("from", from)
                .bind("to", to)
                .fetch()
                .rowsUpdated();
        Mono<Long> progress = database.sql("INSERT INTO search_progress (conversation_id, indexed_count)"
                        + " VALUES (:id, :to) ON CONFLICT (conversation_id) DO UPDATE"
                        + " SET indexed_count = greatest(search_progress.indexed_count, EXCLUDED.indexed_count),"
                        + " updated_at = now()")
                .bind("id", conversation.id())
                .bind("to", to)
                .fetch()
                .rowsUpdated();
        // KEY SHARE on the conversation row: a concurrent delete (FOR UPDATE) waits for this batch and then removes
        // its rows too, or runs first and this batch finds no conversation and stops; ordinary updates of the
        // conversation (message_count) are not blocked
        return database.sql("SELECT 1 FROM conversations WHERE id = :id FOR KEY SHARE")
                .bind("id", conversation.id())
                .map(row -> to)
                .one()
                .flatMap(locked -> rows.then(progress).thenReturn(to))
                .defaultIfEmpty(Long.MAX_VALUE)
                .as(transactions::transactional);
    }
}
