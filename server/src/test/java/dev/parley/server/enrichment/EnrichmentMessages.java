package dev.parley.server.enrichment;

import dev.parley.ingest.MessageCodec;
import dev.parley.ingest.TextMessage;
import dev.parley.server.kafka.OutboundEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Records shaped like the imports feature publishes them on parley.messages.v1. */
final class EnrichmentMessages {

    private EnrichmentMessages() {}

    static OutboundEvent<Long> message(String topic, UUID conversation, UUID importId, long ordinal, String text) {
        LocalDateTime local = LocalDateTime.of(2024, 5, 1, 12, 0).plusMinutes(ordinal);
        var message =
                new TextMessage(ordinal, local, local.toInstant(ZoneOffset.UTC), "Alice", text, false, null, null);
        return new OutboundEvent<>(
                topic,
                conversation.toString(),
                MessageCodec.toJson(message),
                headers(conversation, importId, ordinal),
                ordinal);
    }

    static OutboundEvent<Long> raw(String topic, UUID conversation, UUID importId, long ordinal, byte[] value) {
        return new OutboundEvent<>(
                topic, conversation.toString(), value, headers(conversation, importId, ordinal), ordinal);
    }

    static Map<String, byte[]> headers(UUID conversation, UUID importId, long ordinal) {
        Map<String, byte[]> headers = new HashMap<>();
        headers.put("ce_specversion", utf8("1.0"));
        headers.put("ce_id", utf8(conversation + ":" + ordinal));
        headers.put("ce_type", utf8("dev.parley.message.v1"));
        headers.put("ce_source", utf8("/parley/imports/" + importId));
        headers.put("ce_subject", utf8(conversation.toString()));
        headers.put("ce_time", utf8(Instant.now().toString()));
        headers.put("parley_import_id", utf8(importId.toString()));
        return headers;
    }

    static Mono<Void> insertImport(DatabaseClient database, UUID importId, UUID conversation) {
        return database.sql("""
                        INSERT INTO imports (id, owner_id, conversation_id, file_name, options, status)
                        VALUES ($1, 'local', $2, 'chat.txt', '{}'::jsonb, 'PROCESSING')
                        """).bind(0, importId).bind(1, conversation).then();
    }

    static long scalar(DatabaseClient database, String sql, Object... args) {
        var spec = database.sql(sql);
        for (int i = 0; i < args.length; i++) {
            spec = spec.bind(i, args[i]);
        }
        return spec.map(row -> ((Number) row.get(0)).longValue())
                .one()
                .defaultIfEmpty(0L)
                .block();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
