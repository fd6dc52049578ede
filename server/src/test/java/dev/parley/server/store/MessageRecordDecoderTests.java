package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ingest.Attachment;
import dev.parley.ingest.MediaMessage;
import dev.parley.ingest.MediaType;
import dev.parley.ingest.MessageCodec;
import dev.parley.ingest.TextMessage;
import dev.parley.server.imports.MessageEvents;
import dev.parley.server.kafka.InboundEvent;
import dev.parley.server.kafka.InboundEventsForTests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MessageRecordDecoderTests {

    private final MessageRecordDecoder decoder =
            new MessageRecordDecoder(JsonMapper.builder().build());
    private final UUID conversation = UUID.randomUUID();
    private final UUID importId = UUID.randomUUID();

    @Test
    void decode_textMessage_mapsColumnsAndLeavesNoExtra() {
        var message = new TextMessage(
                3,
                LocalDateTime.parse("2024-03-12T09:17"),
                Instant.parse("2024-03-12T08:17:00Z"),
                "Ben",
                "multi\nline \"quoted\" 😀",
                true,
                null,
                null);

        StoredMessage row = decoder.decode(record(MessageCodec.toJson(message))).orElseThrow();

        assertThat(row)
                .isEqualTo(new StoredMessage(
                        conversation,
                        3,
                        "2024-03-12T08:17:00Z",
                        "2024-03-12T09:17",
                        "Ben",
                        "TEXT",
                        "multi\nline \"quoted\" 😀",
                        true,
                        null,
                        importId));
    }

    @Test
    void decode_mediaMessage_keepsTheAttachmentInExtra() {
        var message = new MediaMessage(
                4,
                LocalDateTime.parse("2024-03-12T09:18"),
                Instant.parse("2024-03-12T09:18:00Z"),
                "Anna",
                null,
                false,
                null,
                null,
                new Attachment("IMG-1.jpg", MediaType.IMAGE, true));

        StoredMessage row = decoder.decode(record(MessageCodec.toJson(message))).orElseThrow();

        assertThat(row.kind()).isEqualTo("MEDIA");
        assertThat(row.body()).isNull();
        assertThat(row.extra())
                .isEqualTo("{\"attachment\":{\"fileName\":\"IMG-1.jpg\",\"mediaType\":\"IMAGE\",\"present\":true}}");
    }

    @Test
    void decode_tombstone_isEmpty() {
        var tombstone = new InboundEventsForTests().event(conversation.toString(), null, Map.of());
        assertThat(decoder.decode(tombstone)).isEmpty();
    }

    private InboundEvent record(byte[] value) {
        return new InboundEventsForTests()
                .event(
                        conversation.toString(),
                        value,
                        Map.of(
                                MessageEvents.IMPORT_ID_HEADER,
                                importId.toString().getBytes(StandardCharsets.US_ASCII)));
    }
}
