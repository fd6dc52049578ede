package dev.parley.server.enrichment;

import dev.parley.server.database.Transactions;
import dev.parley.server.enrichment.sentiment.SentimentResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stores a batch's results, links and import progress in one transaction. */
@Repository
class EnrichmentRepository {

    /** A batch of enrichment rows is written in milliseconds; longer means a lock held elsewhere. */
    private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(2);

    // One statement: the rows actually inserted (not those a redelivery finds already there) are counted into
    // their import's messages_enriched, so progress is exact under at-least-once delivery.
    private static final String STORE = """
            WITH inserted AS (
                INSERT INTO message_enrichment (conversation_id, ordinal, import_id, sentiment_status,
                    sentiment_score, sentiment_label, sentiment_model, language, unscored_reason)
                SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::text[], $5::float8[], $6::text[],
                    $7::text[], $8::text[], $9::text[])
                ON CONFLICT DO NOTHING
                RETURNING import_id
            ), counts AS (
                SELECT import_id, count(*) AS n FROM inserted WHERE import_id IS NOT NULL GROUP BY import_id
            ), progress AS (
                UPDATE imports i SET messages_enriched = i.messages_enriched + counts.n, version = i.version + 1,
                    updated_at = now()
                FROM counts WHERE i.id = counts.import_id
                RETURNING i.id
            ), links AS (
                INSERT INTO message_links (conversation_id, ordinal, position, url)
                SELECT * FROM unnest($10::uuid[], $11::bigint[], $12::int[], $13::text[])
                ON CONFLICT DO NOTHING
                RETURNING url
            ), previews AS (
                INSERT INTO link_previews (url, status)
                SELECT DISTINCT u, 'PENDING' FROM unnest($13::text[]) AS u
                ON CONFLICT DO NOTHING
                RETURNING url
            )
            SELECT (SELECT count(*) FROM inserted) AS inserted, (SELECT count(*) FROM progress) AS imports,
                (SELECT count(*) FROM links) AS links, (SELECT count(*) FROM previews) AS previews
            """;

    private final DatabaseClient database;
    private final Transactions transactions;

    EnrichmentRepository(DatabaseClient database, Transactions transactions) {
        this.database = database;
        this.transactions = transactions;
    }

    /**
     * Deletes the enrichment of {@code deletedConversations} (tombstones), then inserts {@code messages}; emits how
     * many messages were new.
     */
    Mono<Long> store(Collection<UUID> deletedConversations, List<EnrichedMessage> messages) {
        Mono<Void> deletes = Flux.fromIterable(deletedConversations)
                .concatMap(id -> database.sql("DELETE FROM message_enrichment WHERE conversation_id = $1")
                        .bind(0, id)
                        .then()
                        .then(database.sql("DELETE FROM message_links WHERE conversation_id = $1")
                                .bind(0, id)
                                .then()))
                .then();
        Mono<Long> inserts = messages.isEmpty() ? Mono.just(0L) : insert(messages);
        return transactions.run(STATEMENT_TIMEOUT, deletes.then(inserts));
    }

    private Mono<Long> insert(List<EnrichedMessage> messages) {
        int n = messages.size();
        UUID[] conversations = new UUID[n];
        Long[] ordinals = new Long[n];
        UUID[] imports = new UUID[n];
        String[] statuses = new String[n];
        Double[] scores = new Double[n];
        String[] labels = new String[n];
        String[] models = new String[n];
        String[] languages = new String[n];
        String[] reasons = new String[n];
        List<UUID> linkConversations = new ArrayList<>();
        List<Long> linkOrdinals = new ArrayList<>();
        List<Integer> linkPositions = new ArrayList<>();
        List<String> linkUrls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            EnrichedMessage m = messages.get(i);
            conversations[i] = m.conversationId();
            ordinals[i] = m.ordinal();
            imports[i] = m.importId();
            statuses[i] = m.status();
            switch (m.sentiment()) {
                case SentimentResult.Scored scored -> {
                    scores[i] = scored.sentiment().score();
                    labels[i] = scored.sentiment().label();
                    models[i] = scored.sentiment().model();
                    languages[i] = scored.language();
                }
                case SentimentResult.Unscored unscored -> {
                    models[i] = unscored.model();
                    languages[i] = unscored.language();
                    reasons[i] = unscored.reason();
                }
                case SentimentResult.Failed failed ->
                    throw new IllegalArgumentException("A failed message is dead-lettered, not stored");
            }
            for (int p = 0; p < m.urls().size(); p++) {
                linkConversations.add(m.conversationId());
                linkOrdinals.add(m.ordinal());
                linkPositions.add(p);
                linkUrls.add(m.urls().get(p));
            }
        }
        return database.sql(STORE)
                .bind(0, conversations)
                .bind(1, ordinals)
                .bind(2, imports)
                .bind(3, statuses)
                .bind(4, scores)
                .bind(5, labels)
                .bind(6, models)
                .bind(7, languages)
                .bind(8, reasons)
                .bind(9, linkConversations.toArray(UUID[]::new))
                .bind(10, linkOrdinals.toArray(Long[]::new))
                .bind(11, linkPositions.toArray(Integer[]::new))
                .bind(12, linkUrls.toArray(String[]::new))
                .map(row -> row.get("inserted", Long.class))
                .one();
    }
}
