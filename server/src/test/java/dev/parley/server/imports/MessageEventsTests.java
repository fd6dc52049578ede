package dev.parley.server.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.kafka.KafkaProperties;
import dev.parley.server.kafka.OutboundEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class MessageEventsTests {

    private final MessageEvents events = new MessageEvents(new KafkaProperties(
            "localhost:9092", "t.", 6, (short) 1, 8192, Duration.ofSeconds(1), Duration.ofSeconds(10)));
    private final UUID conversation = UUID.randomUUID();
    private final UUID importId = UUID.randomUUID();

    @Test
    void toRecord_writesTheHeadersTheCloudEventsSdkWrites_thenTheImportId() {
        var publication = events.publication(conversation, importId);
        for (var sentAt : List.of(
                Instant.parse("2024-03-12T08:17:00Z"),
                Instant.parse("2024-03-12T08:17:00Z"), // the same time again comes from the cache
                Instant.parse("2024-03-12T08:17:05.120Z"),
                Instant.parse("1999-12-31T23:59:59.000000001Z"))) {
            long ordinal = sentAt.getEpochSecond() & 0xffff;
            byte[] json = ("{\"ordinal\":" + ordinal + "}").getBytes(StandardCharsets.UTF_8);

            OutboundEvent<Long> record = publication.toRecord(ordinal, sentAt, json);

            List<Map.Entry<String, String>> expected = sdkHeaders(ordinal, sentAt, json);
            expected.add(Map.entry(MessageEvents.IMPORT_ID_HEADER, importId.toString()));
            assertThat(headers(record)).as(sentAt.toString()).isEqualTo(expected);
            assertThat(record.topic()).isEqualTo("t.parley.messages.v1");
            assertThat(record.key()).isEqualTo(conversation.toString());
            assertThat(record.value()).isEqualTo(json);
            assertThat(record.correlation()).isEqualTo(ordinal);
        }
    }

    private List<Map.Entry<String, String>> sdkHeaders(long ordinal, Instant sentAt, byte[] json) {
        var event = CloudEventBuilder.v1()
                .withId(conversation + ":" + ordinal)
                .withType(MessageEvents.TYPE)
                .withSource(URI.create("/parley/imports/" + importId))
                .withSubject(conversation.toString())
                .withTime(sentAt.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(json)
                .build();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Header header : KafkaMessageFactory.createWriter("t.parley.messages.v1", conversation.toString())
                .writeBinary(event)
                .headers()) {
            headers.add(Map.entry(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
        }
        return headers;
    }

    private static List<Map.Entry<String, String>> headers(OutboundEvent<Long> record) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        record.headers()
                .forEach((name, value) -> headers.add(Map.entry(name, new String(value, StandardCharsets.UTF_8))));
        return headers;
    }
}
