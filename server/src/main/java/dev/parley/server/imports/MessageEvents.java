package dev.parley.server.imports;

import dev.parley.server.kafka.KafkaProperties;
import dev.parley.server.kafka.OutboundEvent;
import dev.parley.server.kafka.ParleyTopics;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.stereotype.Component;

/**
 * Turns a message JSON into a {@code parley.messages.v1} record: key = conversation id (per-conversation order),
 * value = the message JSON, CloudEvents binary-mode headers (see docs/events.md).
 */
@Component
public class MessageEvents {

    /** The CloudEvents type of a message record. */
    public static final String TYPE = "dev.parley.message.v1";
    /** Header naming the import that published the message. */
    public static final String IMPORT_ID_HEADER = "parley_import_id";

    private final String topic;

    MessageEvents(KafkaProperties kafka) {
        this.topic = kafka.name(ParleyTopics.MESSAGES);
    }

    /** Records of one import into one conversation; what is the same for all its messages is computed once. */
    Publication publication(UUID conversationId, UUID importId) {
        return new Publication(
                conversationId.toString(),
                URI.create("/parley/imports/" + importId),
                importId.toString().getBytes(StandardCharsets.US_ASCII));
    }

    final class Publication {

        private final String key;
        private final URI source;
        private final byte[] importHeader;

        private Publication(String key, URI source, byte[] importHeader) {
            this.key = key;
            this.source = source;
            this.importHeader = importHeader;
        }

        OutboundEvent<Long> toRecord(long ordinal, Instant sentAt, byte[] json) {
            CloudEvent event = CloudEventBuilder.v1()
                    .withId(key + ":" + ordinal)
                    .withType(TYPE)
                    .withSource(source)
                    .withSubject(key)
                    .withTime(sentAt.atOffset(ZoneOffset.UTC))
                    .withDataContentType("application/json")
                    .withData(json)
                    .build();
            ProducerRecord<String, byte[]> record =
                    KafkaMessageFactory.createWriter(topic, key).writeBinary(event);
            Map<String, byte[]> headers = new HashMap<>(16);
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value());
            }
            headers.put(IMPORT_ID_HEADER, importHeader);
            return new OutboundEvent<>(topic, key, record.value(), headers, ordinal);
        }
    }
}
