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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns a message JSON into a {@code parley.messages.v1} record: key = conversation id (per-conversation order),
 * value = the message JSON, CloudEvents binary-mode headers (see docs/events.md).
 *
 * <p>The CloudEvents SDK writes the headers of one template event per publication; each message then only gets its
 * own {@code ce_id} and {@code ce_time}, in the SDK's encoding. Building and writing an event through the SDK for
 * each of millions of messages was a tenth of the upload's CPU.
 */
@Component
public class MessageEvents {

    /** The CloudEvents type of a message record. */
    public static final String TYPE = "dev.parley.message.v1";
    /** Header naming the import that published the message. */
    public static final String IMPORT_ID_HEADER = "parley_import_id";

    private static final String ID_HEADER = "ce_id";
    private static final String TIME_HEADER = "ce_time";
    private static final OffsetDateTime TEMPLATE_TIME = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final String topic;

    MessageEvents(KafkaProperties kafka) {
        this.topic = kafka.name(ParleyTopics.MESSAGES);
    }

    /** Records of one import into one conversation; what is the same for all its messages is computed once. */
    Publication publication(UUID conversationId, UUID importId) {
        String key = conversationId.toString();
        CloudEvent template = CloudEventBuilder.v1()
                .withId(key + ":0")
                .withType(TYPE)
                .withSource(URI.create("/parley/imports/" + importId))
                .withSubject(key)
                .withTime(TEMPLATE_TIME)
                .withDataContentType("application/json")
                .withData(new byte[0])
                .build();
        ProducerRecord<String, byte[]> record =
                KafkaMessageFactory.createWriter(topic, key).writeBinary(template);
        List<String> names = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (Header header : record.headers()) {
            names.add(header.key());
            values.add(header.value());
        }
        // last, so a consumer's lookup of it (Kafka searches headers from the end) decodes one header name
        names.add(IMPORT_ID_HEADER);
        values.add(importId.toString().getBytes(StandardCharsets.US_ASCII));
        return new Publication(key, names.toArray(String[]::new), values.toArray(byte[][]::new));
    }

    final class Publication {

        private final String key;
        private final String[] names;
        private final byte[][] constantValues;
        private final int idIndex;
        private final int timeIndex;
        // consecutive messages mostly share their sentAt (exports have minutes or seconds)
        private @Nullable Instant lastTime;
        private byte[] lastTimeValue = new byte[0];

        private Publication(String key, String[] names, byte[][] constantValues) {
            this.key = key;
            this.names = names;
            this.constantValues = constantValues;
            this.idIndex = List.of(names).indexOf(ID_HEADER);
            this.timeIndex = List.of(names).indexOf(TIME_HEADER);
            if (idIndex < 0 || timeIndex < 0) {
                throw new IllegalStateException("The CloudEvents writer left out ce_id or ce_time");
            }
        }

        /** Not thread-safe: one upload publishes its messages in order, from one thread at a time. */
        OutboundEvent<Long> toRecord(long ordinal, Instant sentAt, byte[] json) {
            byte[][] values = constantValues.clone();
            values[idIndex] = (key + ":" + ordinal).getBytes(StandardCharsets.US_ASCII);
            values[timeIndex] = time(sentAt);
            return new OutboundEvent<>(topic, key, json, new Headers(names, values), ordinal);
        }

        /** The SDK's encoding of an event time: RFC 3339 with the offset, {@code Z} for UTC. */
        private byte[] time(Instant sentAt) {
            if (!sentAt.equals(lastTime)) {
                lastTimeValue = DateTimeFormatter.ISO_OFFSET_DATE_TIME
                        .format(sentAt.atOffset(ZoneOffset.UTC))
                        .getBytes(StandardCharsets.US_ASCII);
                lastTime = sentAt;
            }
            return lastTimeValue;
        }
    }

    /** The headers of one record in the order they are sent; names shared by every record of a publication. */
    private static final class Headers extends AbstractMap<String, byte[]> {

        private final String[] names;
        private final byte[][] values;

        Headers(String[] names, byte[][] values) {
            this.names = names;
            this.values = values;
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super byte[]> action) {
            for (int i = 0; i < names.length; i++) {
                action.accept(names[i], values[i]);
            }
        }

        @Override
        public Set<Entry<String, byte[]>> entrySet() {
            Map<String, byte[]> all = new LinkedHashMap<>();
            forEach(all::put);
            return Collections.unmodifiableSet(all.entrySet());
        }
    }
}
