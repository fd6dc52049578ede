package dev.parley.server.enrichment;

import dev.parley.server.enrichment.sentiment.SentimentResult;
import dev.parley.server.kafka.EventSender;
import dev.parley.server.kafka.InboundEvent;
import dev.parley.server.kafka.KafkaProperties;
import dev.parley.server.kafka.OutboundEvent;
import dev.parley.server.kafka.ParleyTopics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * Publishes results on {@code parley.enrichments.v1} and dead letters on {@code parley.messages.v1-dlt}, both as
 * CloudEvents in binary mode (docs/events.md).
 */
@Component
class EnrichmentEvents {

    static final String SENTIMENT_TYPE = "dev.parley.enrichment.message.v1";
    static final String SOURCE = "/parley/enrichment";
    static final String ERROR_CLASS = "parley_error_class";
    static final String ERROR_MESSAGE = "parley_error_message";
    static final String ERROR_STAGE = "parley_error_stage";
    static final String ATTEMPTS = "parley_attempts";
    static final String ORIGINAL_PARTITION = "parley_original_partition";
    static final String ORIGINAL_OFFSET = "parley_original_offset";

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final EventSender sender;
    private final KafkaProperties kafka;

    EnrichmentEvents(EventSender sender, KafkaProperties kafka) {
        this.sender = sender;
        this.kafka = kafka;
    }

    /** Publishes one event per message; completes when the broker has acknowledged all of them. */
    Mono<Void> publish(List<EnrichedMessage> messages) {
        if (messages.isEmpty()) {
            return Mono.empty();
        }
        String topic = kafka.name(ParleyTopics.ENRICHMENTS);
        String now = Instant.now().toString();
        return sender.send(Flux.fromIterable(messages).map(m -> {
                    String conversation = m.conversationId().toString();
                    Map<String, byte[]> headers = new HashMap<>();
                    headers.put("ce_specversion", utf8("1.0"));
                    headers.put("ce_id", utf8(conversation + ":" + m.ordinal() + ":enrichment"));
                    headers.put("ce_type", utf8(SENTIMENT_TYPE));
                    headers.put("ce_source", utf8(SOURCE));
                    headers.put("ce_subject", utf8(conversation));
                    headers.put("ce_time", utf8(now));
                    headers.put("content-type", utf8("application/json"));
                    if (m.importId() != null) {
                        headers.put("parley_import_id", utf8(m.importId().toString()));
                    }
                    return new OutboundEvent<>(topic, conversation, toJson(m), headers, m.ordinal());
                }))
                .then();
    }

    /** Sends {@code event} unchanged to the DLT, with the error in headers. */
    Mono<Void> deadLetter(InboundEvent event, String stage, String errorClass, String message, int attempts) {
        Map<String, byte[]> headers = new HashMap<>(event.headers());
        headers.put(ERROR_STAGE, utf8(stage));
        headers.put(ERROR_CLASS, utf8(errorClass));
        headers.put(ERROR_MESSAGE, utf8(message.length() > 1000 ? message.substring(0, 1000) : message));
        headers.put(ATTEMPTS, utf8(Integer.toString(attempts)));
        headers.put(ORIGINAL_PARTITION, utf8(Integer.toString(event.partition())));
        headers.put(ORIGINAL_OFFSET, utf8(Long.toString(event.offset())));
        String key = event.key() == null ? "" : event.key();
        var outbound =
                new OutboundEvent<>(kafka.name(ParleyTopics.MESSAGES_DLT), key, event.value(), headers, event.offset());
        return sender.send(Flux.just(outbound)).then();
    }

    static byte[] toJson(EnrichedMessage m) {
        var out = new ByteArrayOutputStream(192);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("conversationId", m.conversationId().toString());
            g.writeNumberProperty("ordinal", m.ordinal());
            g.writeStringProperty(
                    "importId", m.importId() == null ? null : m.importId().toString());
            g.writeName("sentiment");
            switch (m.sentiment()) {
                case SentimentResult.Scored scored -> {
                    g.writeStartObject();
                    g.writeNumberProperty("score", scored.sentiment().score());
                    g.writeStringProperty("label", scored.sentiment().label());
                    g.writeStringProperty("model", scored.sentiment().model());
                    g.writeEndObject();
                }
                default -> g.writeNull();
            }
            if (m.sentiment() instanceof SentimentResult.Unscored unscored) {
                g.writeName("unscored");
                g.writeStartObject();
                g.writeStringProperty("reason", unscored.reason());
                g.writeStringProperty("language", unscored.language());
                g.writeStringProperty("model", unscored.model());
                g.writeEndObject();
            }
            g.writeName("urls");
            g.writeStartArray();
            for (String url : m.urls()) {
                g.writeString(url);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
