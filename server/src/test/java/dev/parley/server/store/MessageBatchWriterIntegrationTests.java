package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.ingest.Attachment;
import dev.parley.ingest.ChatMessage;
import dev.parley.ingest.MediaMessage;
import dev.parley.ingest.MediaType;
import dev.parley.ingest.MessageCodec;
import dev.parley.ingest.TextMessage;
import dev.parley.server.imports.MessageEvents;
import dev.parley.server.kafka.InboundEvent;
import dev.parley.server.kafka.InboundEventsForTests;
import dev.parley.server.testing.ParleyIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.test.StepVerifier;

/** The writer against the real PostgreSQL: what a batch stores, and what a redelivered batch does not. */
@ParleyIntegrationTest
class MessageBatchWriterIntegrationTests {

    @Autowired
    MessageBatchWriter writer;

    @Autowired
    MessageRecordDecoder decoder;

    @Autowired
    DatabaseClient db;

    private final UUID conversation = UUID.randomUUID();
    private final UUID importId = UUID.randomUUID();

    @Test
    void write_storesEveryColumnAsTheMessageJsonSaysIt() {
        insertImport("PROCESSING");
        var text = new TextMessage(
                0,
                LocalDateTime.parse("1999-12-31T23:59:58.123456"),
                Instant.parse("1999-12-31T22:59:58.123456Z"),
                null,
                "tab\there\nnew line\r\\ back \"quoted\" 😀 ünïcödé",
                true,
                null,
                null);
        var media = new MediaMessage(
                1,
                LocalDateTime.parse("2024-03-12T09:18"),
                Instant.parse("2024-03-12T08:18:00Z"),
                "Anna",
                null,
                false,
                12L,
                null,
                new Attachment("IMG-1.jpg", MediaType.IMAGE, true));

        write(List.of(text, media))
                .expectNext(new MessageBatchWriter.BatchResult(2, List.of()))
                .verifyComplete();

        List<Map<String, Object>> rows = db.sql("SELECT ordinal, sent_at, local_time, sender, kind, body, edited,"
                        + " extra::text AS extra, import_id FROM messages WHERE conversation_id = :c ORDER BY ordinal")
                .bind("c", conversation)
                .fetch()
                .all()
                .collectList()
                .block(Duration.ofSeconds(30));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0))
                .containsEntry("ordinal", 0L)
                .containsEntry("local_time", LocalDateTime.parse("1999-12-31T23:59:58.123456"))
                .containsEntry("sender", null)
                .containsEntry("kind", "TEXT")
                .containsEntry("body", "tab\there\nnew line\r\\ back \"quoted\" 😀 ünïcödé")
                .containsEntry("edited", true)
                .containsEntry("extra", null)
                .containsEntry("import_id", importId);
        assertThat(sentAt(rows.get(0))).isEqualTo("1999-12-31T22:59:58.123456Z");
        assertThat(sentAt(rows.get(1))).isEqualTo("2024-03-12T08:18:00Z");
        assertThat(rows.get(1))
                .containsEntry("local_time", LocalDateTime.parse("2024-03-12T09:18"))
                .containsEntry("sender", "Anna")
                .containsEntry("kind", "MEDIA")
                .containsEntry("body", null)
                .containsEntry("edited", false)
                .containsEntry(
                        "extra",
                        "{\"sourceId\": 12, \"attachment\": {\"present\": true, \"fileName\": \"IMG-1.jpg\","
                                + " \"mediaType\": \"IMAGE\"}}");
        assertThat(storedCount()).isEqualTo(2);
    }

    @Test
    void write_ofABatchThatMeetsStoredRows_insertsOnlyTheOthersAndCountsThemOnce() {
        insertImport("PROCESSING");
        write(messages(0, 300)).expectNextMatches(r -> r.inserted() == 300).verifyComplete();

        // a redelivery: the first 300 again and 200 more (the direct COPY fails on the primary key and rolls back)
        write(messages(0, 500)).expectNextMatches(r -> r.inserted() == 200).verifyComplete();
        // the very same batch once more
        write(messages(0, 500)).expectNextMatches(r -> r.inserted() == 0).verifyComplete();

        Map<String, Object> rows = db.sql("SELECT count(*) AS n, count(DISTINCT ordinal) AS distinct_ordinals"
                        + " FROM messages WHERE conversation_id = :c")
                .bind("c", conversation)
                .fetch()
                .one()
                .block(Duration.ofSeconds(30));
        assertThat(rows).containsEntry("n", 500L).containsEntry("distinct_ordinals", 500L);
        assertThat(storedCount()).isEqualTo(500);
    }

    @Test
    void write_cancelledByItsCaller_stillRunsItsTransactionToTheEnd() {
        insertImport("PROCESSING");

        writer.write(decode(messages(0, 500))).subscribe().dispose();

        // a transaction cancelled half-way was rolled back beside statements still under way, which then ran alone
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(storedCount()).isEqualTo(500));
        assertThat(rowCount()).isEqualTo(500);
    }

    @Test
    void write_cancelledAtAnyMomentThenDeliveredAgain_countsEveryRowOnce() {
        insertImport("PROCESSING");
        var random = new Random(4);
        for (int i = 0; i < 100; i++) {
            List<TextMessage> batch = messages(i * 200L, i * 200L + 200);
            Duration cancelAfter = Duration.ofNanos(random.nextLong(20_000_000));
            // a consumer that stops mid-batch, then the same records delivered again to its successor
            writer.write(decode(batch))
                    .take(cancelAfter)
                    .then(writer.write(decode(batch)))
                    .as(StepVerifier::create)
                    .expectNextCount(1)
                    .expectComplete()
                    .verify(Duration.ofSeconds(30));
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(storedCount()).isEqualTo(20_000));
        assertThat(rowCount()).isEqualTo(20_000);
    }

    @Test
    void write_ofAnEndedImport_storesNothing() {
        insertImport("CANCELLED");

        write(messages(0, 10))
                .expectNext(new MessageBatchWriter.BatchResult(0, List.of()))
                .verifyComplete();

        assertThat(db.sql("SELECT count(*) FROM messages WHERE conversation_id = :c")
                        .bind("c", conversation)
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block(Duration.ofSeconds(30)))
                .isZero();
    }

    private static String sentAt(Map<String, Object> row) {
        return ((OffsetDateTime) row.get("sent_at")).toInstant().toString();
    }

    private StepVerifier.FirstStep<MessageBatchWriter.BatchResult> write(List<? extends ChatMessage> messages) {
        return writer.write(decode(messages)).as(StepVerifier::create);
    }

    private StoreBatch decode(List<? extends ChatMessage> messages) {
        var events = new InboundEventsForTests();
        List<InboundEvent> records = messages.stream()
                .map(m -> events.event(
                        conversation.toString(),
                        MessageCodec.toJson(m),
                        Map.of(
                                MessageEvents.IMPORT_ID_HEADER,
                                importId.toString().getBytes(StandardCharsets.US_ASCII))))
                .toList();
        var encoder = new RowEncoder(decoder);
        return StoreBatch.of(records.stream().map(encoder::encode).toList());
    }

    private long rowCount() {
        return db.sql("SELECT count(*) FROM messages WHERE conversation_id = :c")
                .bind("c", conversation)
                .map(row -> row.get(0, Long.class))
                .one()
                .block(Duration.ofSeconds(30));
    }

    private static List<TextMessage> messages(long from, long to) {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        return LongStream.range(from, to)
                .mapToObj(i -> new TextMessage(
                        i,
                        LocalDateTime.ofInstant(start.plusSeconds(60 * i), ZoneOffset.ofHours(2)),
                        start.plusSeconds(60 * i),
                        "Ben",
                        "message " + i,
                        false,
                        null,
                        null))
                .toList();
    }

    private void insertImport(String status) {
        db.sql("INSERT INTO imports (id, owner_id, conversation_id, file_name, options, status)"
                        + " VALUES (:id, 'local', :c, 'chat.txt', '{}'::jsonb, :status)")
                .bind("id", importId)
                .bind("c", conversation)
                .bind("status", status)
                .then()
                .block(Duration.ofSeconds(30));
    }

    private long storedCount() {
        return db.sql("SELECT messages_stored FROM imports WHERE id = :id")
                .bind("id", importId)
                .map(row -> row.get(0, Long.class))
                .one()
                .block(Duration.ofSeconds(30));
    }
}
