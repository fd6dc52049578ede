package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ingest.MessageCodec;
import dev.parley.ingest.TextMessage;
import dev.parley.server.imports.MessageEvents;
import dev.parley.server.kafka.InboundEvent;
import dev.parley.server.kafka.InboundEventsForTests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StoreBatchTests {

    private final RowEncoder encoder =
            new RowEncoder(new MessageRecordDecoder(JsonMapper.builder().build()));
    private final InboundEventsForTests events = new InboundEventsForTests();
    private final UUID conversation = UUID.randomUUID();

    @Test
    void of_groupsRowsByImportAndAcknowledgesTheLastRecordOfEachPartition() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        List<ReceivedRow> received = List.of(
                encoder.encode(message(0, 10, first, 0)),
                encoder.encode(message(1, 20, second, 0)),
                encoder.encode(message(0, 11, first, 1)),
                encoder.encode(events.event(2, 5, conversation.toString(), null, Map.of())), // a tombstone
                encoder.encode(message(1, 21, second, 1)),
                encoder.encode(message(0, 12, first, 2)));

        StoreBatch batch = StoreBatch.of(received);
        batch.acknowledge();

        assertThat(batch.size()).isEqualTo(6);
        assertThat(batch.importIds()).containsExactly(first, second);
        assertThat(batch.rowsOf(first).rows()).isEqualTo(3);
        assertThat(batch.rowsOf(second).rows()).isEqualTo(2);
        assertThat(events.acknowledged()).containsExactlyInAnyOrder("0@12", "1@21", "2@5");
    }

    @Test
    void copyData_isTheHeaderTheTuplesInOrderAndTheTrailer() {
        ReceivedRow a = encoder.encode(message(0, 0, conversation, 0));
        ReceivedRow b = encoder.encode(message(0, 1, conversation, 1));

        var rows = StoreBatch.of(List.of(a, b)).rowsOf(conversation);
        var data = rows.copyData();
        byte[] bytes = new byte[data.readableBytes()];
        data.readBytes(bytes);
        data.release();

        int header = 19;
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("PGCOP");
        assertThat(bytes).hasSize(header + a.tuple().length + b.tuple().length + 2);
        assertThat(Arrays.copyOfRange(bytes, header, header + a.tuple().length)).isEqualTo(a.tuple());
        assertThat(Arrays.copyOfRange(bytes, bytes.length - 2, bytes.length)).containsExactly(0xff, 0xff);
    }

    private InboundEvent message(int partition, long offset, UUID importId, long ordinal) {
        var message = new TextMessage(
                ordinal,
                LocalDateTime.parse("2024-03-12T09:17"),
                Instant.parse("2024-03-12T08:17:00Z"),
                "Ben",
                "hello " + ordinal,
                false,
                null,
                null);
        return events.event(
                partition,
                offset,
                conversation.toString(),
                MessageCodec.toJson(message),
                Map.of(MessageEvents.IMPORT_ID_HEADER, importId.toString().getBytes(StandardCharsets.US_ASCII)));
    }
}
