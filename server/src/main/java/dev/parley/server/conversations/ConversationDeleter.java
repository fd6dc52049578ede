package dev.parley.server.conversations;

import dev.parley.server.database.Transactions;
import dev.parley.server.kafka.EventSender;
import dev.parley.server.kafka.KafkaProperties;
import dev.parley.server.kafka.OutboundEvent;
import dev.parley.server.kafka.ParleyTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes a conversation with everything of it in one transaction — messages, imports, search data and, when the
 * enrichment tables exist, enrichment rows — and then writes tombstones (null value) so Kafka subscribers delete
 * their copies: key = conversation id on the messages, dead-letter and enrichment topics, key = import id on the
 * compacted imports topic.
 */
@Component
class ConversationDeleter {

    private static final Logger log = LoggerFactory.getLogger(ConversationDeleter.class);

    /** Deleting millions of messages takes minutes; a statement still running after this waits for a lock. */
    private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(30);

    /** Tables keyed by conversation id that other features own; deleted from only when they exist. */
    private static final List<String> OPTIONAL_TABLES = List.of("message_enrichment", "message_links");

    private final DatabaseClient database;
    private final Transactions transactions;
    private final ConversationCache cache;
    private final EventSender sender;
    private final KafkaProperties kafka;

    ConversationDeleter(
            DatabaseClient database,
            Transactions transactions,
            ConversationCache cache,
            EventSender sender,
            KafkaProperties kafka) {
        this.database = database;
        this.transactions = transactions;
        this.cache = cache;
        this.sender = sender;
        this.kafka = kafka;
    }

    /**
     * True when the owner's conversation existed and is gone, tombstones acknowledged; false when there was none.
     * Once subscribed, the delete runs to its end even if the caller cancels (a client that goes away has still asked
     * for it): half a delete would leave messages without their import, and no tombstones.
     */
    Mono<Boolean> delete(String owner, UUID id) {
        Mono<List<UUID>> deleted = database.sql(
                        "SELECT id FROM conversations WHERE id = :id AND owner_id = :owner FOR UPDATE")
                .bind("id", id)
                .bind("owner", owner)
                .map(row -> row.get(0, UUID.class))
                .one()
                .flatMap(found -> database.sql("SELECT id FROM imports WHERE conversation_id = :id")
                        .bind("id", id)
                        .map(row -> row.get(0, UUID.class))
                        .all()
                        .collectList()
                        .flatMap(imports -> deleteRows(id).thenReturn(imports)));
        Mono<Boolean> work = transactions
                .run(STATEMENT_TIMEOUT, deleted)
                .doOnNext(imports -> cache.invalidate(owner, id))
                .flatMap(imports -> tombstones(id, imports).thenReturn(true))
                .defaultIfEmpty(false);
        return Mono.fromFuture(work::toFuture, true);
    }

    private Mono<Void> deleteRows(UUID id) {
        Flux<String> statements = Flux.concat(
                Flux.just(
                        "DELETE FROM messages WHERE conversation_id = :id",
                        "DELETE FROM message_search WHERE conversation_id = :id",
                        "DELETE FROM search_terms WHERE conversation_id = :id",
                        "DELETE FROM search_term_months WHERE conversation_id = :id",
                        "DELETE FROM search_progress WHERE conversation_id = :id",
                        "DELETE FROM imports WHERE conversation_id = :id"),
                Flux.fromIterable(OPTIONAL_TABLES)
                        .concatMap(table -> database.sql("SELECT to_regclass(:table) IS NOT NULL")
                                .bind("table", table)
                                .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                                .one()
                                .filter(exists -> exists)
                                .map(exists -> "DELETE FROM " + table + " WHERE conversation_id = :id")),
                Flux.just("DELETE FROM conversations WHERE id = :id"));
        return statements
                .concatMap(sql -> database.sql(sql).bind("id", id).fetch().rowsUpdated())
                .then();
    }

    private Mono<Void> tombstones(UUID id, List<UUID> imports) {
        String key = id.toString();
        Stream<OutboundEvent<String>> byConversation = Stream.of(
                        ParleyTopics.MESSAGES, ParleyTopics.MESSAGES_DLT, ParleyTopics.ENRICHMENTS)
                .map(topic -> new OutboundEvent<>(kafka.name(topic), key, null, Map.of(), topic));
        Stream<OutboundEvent<String>> byImport = imports.stream()
                .map(importId -> new OutboundEvent<>(
                        kafka.name(ParleyTopics.IMPORTS), importId.toString(), null, Map.of(), ParleyTopics.IMPORTS));
        return sender.send(Flux.fromStream(Stream.concat(byConversation, byImport).toList().stream()))
                .then()
                .doOnSuccess(done -> log.info("conversation deleted conversationId={} imports={}", id, imports.size()));
    }
}
