package dev.parley.server.search;

import dev.parley.server.database.Transactions;
import dev.parley.server.support.BackgroundLoop;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
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
    /** A batch indexes a few thousand messages in well under a second; longer means a lock held elsewhere. */
    private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(2);

    private final DatabaseClient database;
    private final Transactions transactions;
    private final SearchProperties properties;

    SearchIndexer(DatabaseClient database, Transactions transactions, SearchProperties properties) {
        this.database = database;
        this.transactions = transactions;
        this.properties = properties;
    }

    private record Pending(UUID id, long messageCount, long indexed) {}

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
        return database.sql("SELECT c.id, c.message_count, coalesce(p.indexed_count, 0) AS indexed"
                        + " FROM conversations c LEFT JOIN search_progress p ON p.conversation_id = c.id"
                        + " WHERE c.visible AND c.message_count > coalesce(p.indexed_count, 0)"
                        + " ORDER BY c.updated_at LIMIT :limit")
                .bind("limit", properties.conversationsPerRound())
                .map(row -> new Pending(
                        row.get("id", UUID.class),
                        row.get("message_count", Long.class),
                        row.get("indexed", Long.class)))
                .all()
                .concatMap(this::catchUp)
                .then();
    }

    private Mono<Long> catchUp(Pending conversation) {
        return batch(conversation, conversation.indexed())
                .expand(indexed -> indexed < conversation.messageCount() ? batch(conversation, indexed) : Mono.empty())
                .last();
    }

    private record Text(long ordinal, String body) {}

    private Mono<Long> insert(UUID id, List<Text> texts) {
        Long[] ordinals = new Long[texts.size()];
        String[] configs = new String[texts.size()];
        for (int k = 0; k < ordinals.length; k++) {
            ordinals[k] = texts.get(k).ordinal();
            configs[k] = TextSearchConfigs.of(texts.get(k).body());
        }
        // the lexemes of the rows this batch added (not those another instance indexed first) are counted by month,
        // in search_term_months, and summed in search_terms, each in key order so that two instances lock the counts
        // of a conversation in the same order. The tsvectors are unnested and grouped once, for both
        return database.sql("WITH indexed AS (INSERT INTO message_search"
                        + " (conversation_id, ordinal, sent_at, sender, config, tsv)"
                        + " SELECT m.conversation_id, m.ordinal, m.sent_at, m.sender, u.config,"
                        + " to_tsvector(u.config, m.body)"
                        + " FROM unnest(CAST(:ordinals AS bigint[]), CAST(CAST(:configs AS text[]) AS regconfig[]))"
                        + " AS u(ordinal, config)"
                        + " JOIN messages m ON m.conversation_id = :id AND m.ordinal = u.ordinal"
                        + " ON CONFLICT DO NOTHING"
                        + " RETURNING sent_at, date_trunc('month', sent_at, 'UTC') AS month, tsv),"
                        + " months AS (SELECT t.lexeme, indexed.month, count(*) AS matches,"
                        + " min(indexed.sent_at) AS first_sent_at, max(indexed.sent_at) AS last_sent_at"
                        + " FROM indexed, unnest(indexed.tsv) AS t GROUP BY t.lexeme, indexed.month),"
                        + " terms AS (INSERT INTO search_terms (conversation_id, lexeme, matches)"
                        + " SELECT :id, lexeme, sum(matches) FROM months GROUP BY lexeme ORDER BY lexeme"
                        + " ON CONFLICT (conversation_id, lexeme)"
                        + " DO UPDATE SET matches = search_terms.matches + EXCLUDED.matches)"
                        + " INSERT INTO search_term_months (conversation_id, lexeme, month, matches, first_sent_at,"
                        + " last_sent_at)"
                        + " SELECT :id, lexeme, month, matches, first_sent_at, last_sent_at FROM months"
                        + " ORDER BY lexeme, month"
                        + " ON CONFLICT (conversation_id, lexeme, month) DO UPDATE"
                        + " SET matches = search_term_months.matches + EXCLUDED.matches,"
                        + " first_sent_at = least(search_term_months.first_sent_at, EXCLUDED.first_sent_at),"
                        + " last_sent_at = greatest(search_term_months.last_sent_at, EXCLUDED.last_sent_at)")
                .bind("id", id)
                .bind("ordinals", ordinals)
                .bind("configs", configs)
                .fetch()
                .rowsUpdated();
    }

    /**
     * Indexes ordinals {@code [from, to)} and records the progress in one transaction; emits {@code to}, or
     * {@link Long#MAX_VALUE} when the conversation is gone.
     */
    private Mono<Long> batch(Pending conversation, long from) {
        long to = Math.min(conversation.messageCount(), from + properties.batchSize());
        // the texts go through the JVM once: the language detector picks each row's configuration
        Mono<Long> rows = database.sql("SELECT m.ordinal, m.body FROM messages m WHERE m.conversation_id = :id"
                        + " AND m.ordinal >= :from AND m.ordinal < :to AND m.body IS NOT NULL AND m.kind <> 'DELETED'")
                .bind("id", conversation.id())
                .bind("from", from)
                .bind("to", to)
                .map(row -> new Text(row.get("ordinal", Long.class), row.get("body", String.class)))
                .all()
                .collectList()
                .flatMap(texts -> texts.isEmpty() ? Mono.just(0L) : insert(conversation.id(), texts));
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
        Mono<Long> batch = database.sql("SELECT 1 FROM conversations WHERE id = :id FOR KEY SHARE")
                .bind("id", conversation.id())
                .map(row -> to)
                .one()
                .flatMap(locked -> rows.then(progress).thenReturn(to));
        return transactions.run(STATEMENT_TIMEOUT, batch).defaultIfEmpty(Long.MAX_VALUE);
    }
}
