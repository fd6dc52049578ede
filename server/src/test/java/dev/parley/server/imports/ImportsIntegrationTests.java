package dev.parley.server.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.server.testing.ParleyIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** Uploads over HTTP, through the real Kafka broker, into the real PostgreSQL. */
@ParleyIntegrationTest
class ImportsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                .build();
    }

    @Test
    void upload_givenAndroidExport_storesEveryMessageWithEveryField() throws IOException {
        Map<String, Object> done = uploadAndAwait("android-dmy.txt", uniqueChat("android-dmy.txt"));

        assertThat(done).containsEntry("status", "COMPLETED");
        UUID conversation = UUID.fromString((String) done.get("conversationId"));
        List<Map<String, Object>> rows = db.sql(
                        "SELECT ordinal, local_time::text AS local_time, sent_at, sender, kind,"
                                + " body, edited, extra::text AS extra FROM messages WHERE conversation_id = :c ORDER BY ordinal")
                .bind("c", conversation)
                .fetch()
                .all()
                .collectList()
                .block(Duration.ofSeconds(10));
        assertThat(rows).hasSize(7);
        assertThat(rows).extracting(r -> r.get("ordinal")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(rows)
                .extracting(r -> r.get("kind"))
                .containsExactly("SYSTEM", "SYSTEM", "TEXT", "TEXT", "MEDIA", "DELETED", "TEXT");
        assertThat(rows)
                .extracting(r -> r.get("sender"))
                .containsExactly(null, null, "Anna", "Ben", "Anna", "Chloé", "Ben");
        rows = rows.subList(1, rows.size()); // past the unique first line, the fixture's own messages
        assertThat(rows.get(2).get("body"))
                .isEqualTo("Yes 😀 see https://example.org/plan\nand bring the map\n\nplease");
        assertThat(rows.get(2).get("local_time")).isEqualTo("2024-03-12 09:17:00");
        assertThat(rows.get(2).get("extra")).isNull();
        assertThat((String) rows.get(3).get("extra")).contains("\"attachment\"").contains("\"present\": false");

        Map<String, Object> conversationRow = db.sql("SELECT visible, message_count, array_to_string(participants, ',')"
                        + " AS participants, source_format FROM conversations WHERE id = :c")
                .bind("c", conversation)
                .fetch()
                .one()
                .block(Duration.ofSeconds(10));
        assertThat(conversationRow)
                .containsEntry("visible", true)
                .containsEntry("message_count", 7L)
                .containsEntry("participants", "Anna,Ben,Chloé")
                .containsEntry("source_format", "whatsapp");
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) done.get("counts");
        assertThat(counts)
                .containsEntry("messagesParsed", 7)
                .containsEntry("messagesStored", 7)
                .containsEntry("messagesNew", 7);
    }

    @Test
    void reimport_ofTheSameFile_addsNoRows_andAnOverlappingExport_appendsOnlyNewMessages() throws IOException {
        byte[] chat = uniqueChat("android-dmy.txt");
        Map<String, Object> first = uploadAndAwait("chat.txt", chat);
        Map<String, Object> again = uploadAndAwait("chat.txt", chat);
        assertThat(again.get("conversationId")).isEqualTo(first.get("conversationId"));
        assertThat(again).containsEntry("status", "COMPLETED");
        assertThat(counts(again)).containsEntry("messagesParsed", 7).containsEntry("messagesNew", 0);
        assertThat(again.get("sha256")).isEqualTo(first.get("sha256"));

        String continued = new String(chat, StandardCharsets.UTF_8).replace("13/03/2024, 20:05 - Ben: Ok\n", "")
                + new String(fixture("android-dmy-continued.txt"), StandardCharsets.UTF_8);
        Map<String, Object> later = uploadAndAwait("chat.txt", continued.getBytes(StandardCharsets.UTF_8));
        assertThat(later.get("conversationId")).isEqualTo(first.get("conversationId"));
        assertThat(counts(later)).containsEntry("messagesParsed", 9).containsEntry("messagesNew", 2);

        UUID conversation = UUID.fromString((String) first.get("conversationId"));
        List<String> bodies = db.sql("SELECT body FROM messages WHERE conversation_id = :c ORDER BY ordinal")
                .bind("c", conversation)
                .map(row -> String.valueOf(row.get("body", String.class)))
                .all()
                .collectList()
                .block(Duration.ofSeconds(10));
        assertThat(bodies).hasSize(9).endsWith("Ok", "New day, new message", "Second new one");
        assertThat(db.sql("SELECT message_count FROM conversations WHERE id = :c")
                        .bind("c", conversation)
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block(Duration.ofSeconds(10)))
                .isEqualTo(9L);
    }

    @Test
    void upload_ofTwoChatsOpeningWithTheSameNoticeInTheSameMinute_makesTwoConversations() {
        String notice = "01/02/2024, 10:00 - Messages and calls are end-to-end encrypted. " + UUID.randomUUID() + "\n";
        byte[] one =
                (notice + "01/02/2024, 10:01 - Anna: hello from the first chat\n").getBytes(StandardCharsets.UTF_8);
        byte[] two =
                (notice + "01/02/2024, 10:01 - Omar: hello from the second chat\n").getBytes(StandardCharsets.UTF_8);

        Map<String, Object> first = uploadAndAwait("one.txt", one);
        Map<String, Object> second = uploadAndAwait("two.txt", two);

        assertThat(second.get("conversationId")).isNotEqualTo(first.get("conversationId"));
        assertThat(counts(second)).containsEntry("messagesNew", 2);
    }

    @Test
    void upload_givenGarbage_failsTheImportWithTheParsersReason() {
        byte[] pdf = "%PDF-1.7\n%âãÏÓ\n1 0 obj <</Type /Catalog>> endobj\n".getBytes(StandardCharsets.ISO_8859_1);
        http.post()
                .uri("/api/v1/imports?fileName=report.pdf")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(pdf)
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).containsIgnoringCase("pdf"));

        Map<String, Object> latest = latestImport();
        assertThat(latest).containsEntry("status", "FAILED");
        assertThat(latest.get("problem").toString()).containsIgnoringCase("pdf");
        assertThat(db.sql("SELECT count(*) FROM conversations WHERE id = :c")
                        .bind("c", UUID.fromString((String) latest.get("conversationId")))
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block())
                .as("the failed import's conversation is gone")
                .isZero();
    }

    @Test
    void upload_givenUnsupportedMediaType_is415() {
        String id = create("photo.png");
        http.put()
                .uri("/api/v1/imports/{id}/content", id)
                .contentType(MediaType.IMAGE_PNG)
                .bodyValue(new byte[] {1, 2, 3})
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void events_streamMonotonicProgressThenCompleted_andAReconnectAfterTheEndGets204() throws IOException {
        String id = create("android-dmy.txt");
        WebClient client = WebClient.create("http://localhost:" + port);
        Flux<ServerSentEvent<Map<String, Object>>> events = client.get()
                .uri("/api/v1/imports/{id}/events", id)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<>() {});
        var received = events.filter(e -> e.event() != null).collectList().cache();
        received.subscribe();

        http.put()
                .uri("/api/v1/imports/{id}/content", id)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue(uniqueChat("android-dmy.txt"))
                .exchange()
                .expectStatus()
                .isAccepted();

        List<ServerSentEvent<Map<String, Object>>> all = received.block(Duration.ofSeconds(60));
        assertThat(all).isNotEmpty();
        assertThat(all.getLast().event()).isEqualTo("completed");
        assertThat(all)
                .extracting(ServerSentEvent::id)
                .isSortedAccordingTo((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        List<Long> stored = all.stream()
                .map(e -> ((Number) e.data().get("messagesStored")).longValue())
                .toList();
        assertThat(stored).isSorted();
        assertThat(stored.getLast()).isEqualTo(7L);

        http.get()
                .uri("/api/v1/imports/{id}/events", id)
                .header("Last-Event-ID", all.getLast().id())
                .exchange()
                .expectStatus()
                .isNoContent();
        // without Last-Event-ID a finished import sends its final event and closes
        StepVerifier.create(client.get()
                        .uri("/api/v1/imports/{id}/events", id)
                        .retrieve()
                        .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
                        .filter(e -> e.event() != null))
                .assertNext(e -> assertThat(e.event()).isEqualTo("completed"))
                .verifyComplete();
    }

    @Test
    void cancel_duringUpload_endsCancelledAndKeepsNothing() throws IOException {
        String id = create("android-dmy.txt");
        Sinks.Many<DataBuffer> body = Sinks.many().unicast().onBackpressureBuffer();
        byte[] start = uniqueChat("android-dmy.txt");
        body.tryEmitNext(DefaultDataBufferFactory.sharedInstance.wrap(start));
        var upload = uploadOf(id, body).retrieve().toBodilessEntity().cache();
        upload.subscribe(ok -> {}, error -> {});
        awaitBytesReceived(id);

        http.delete()
                .uri("/api/v1/imports/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CANCELLED");

        body.tryEmitComplete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get(id)).containsEntry("status", "CANCELLED");
            assertThat(messagesStoredBy(id)).isZero();
        });
    }

    @Test
    void deleteOfTheConversation_duringUpload_stopsTheUploadWithGone() throws IOException {
        String id = create("android-dmy.txt");
        Sinks.Many<DataBuffer> body = Sinks.many().unicast().onBackpressureBuffer();
        body.tryEmitNext(DefaultDataBufferFactory.sharedInstance.wrap(uniqueChat("android-dmy.txt")));
        Mono<String> upload = uploadOf(id, body)
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .map(problem -> response.statusCode().value() + " " + problem))
                .cache();
        upload.subscribe(answer -> {}, error -> {});
        awaitBytesReceived(id);
        Object conversation = get(id).get("conversationId");

        http.delete()
                .uri("/api/v1/conversations/{id}", conversation)
                .exchange()
                .expectStatus()
                .isNoContent();

        // the body is still open: the upload stops because its import is gone, not because the file ended
        upload.as(StepVerifier::create)
                .assertNext(answer -> assertThat(answer).startsWith("410 ").contains("conversation-deleted"))
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        body.tryEmitComplete();
        assertThat(messagesStoredBy(id)).isZero();
    }

    @Test
    void clientDisconnect_midUpload_failsTheImport() throws IOException {
        String id = create("android-dmy.txt");
        Sinks.Many<DataBuffer> body = Sinks.many().unicast().onBackpressureBuffer();
        body.tryEmitNext(DefaultDataBufferFactory.sharedInstance.wrap(uniqueChat("android-dmy.txt")));
        var upload = uploadOf(id, body).retrieve().toBodilessEntity().subscribe(ok -> {}, error -> {});
        awaitBytesReceived(id);

        upload.dispose(); // the client goes away mid-upload

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> state = get(id);
            assertThat(state).containsEntry("status", "FAILED");
            assertThat(state.get("problem").toString()).contains("interrupted");
        });
    }

    private Map<String, Object> uploadAndAwait(String fileName, byte[] content) {
        Map<String, Object> accepted = http.post()
                .uri("/api/v1/imports?fileName={name}", fileName)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue(content)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        String id = (String) accepted.get("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(get(id).get("status")));
        return get(id);
    }

    private String create(String fileName) {
        return (String) http.post()
                .uri("/api/v1/imports")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("fileName", fileName))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    /** An upload whose body the test sends (and holds back) through {@code body}. */
    private WebClient.RequestHeadersSpec<?> uploadOf(String importId, Sinks.Many<DataBuffer> body) {
        return WebClient.create("http://localhost:" + port)
                .put()
                .uri("/api/v1/imports/{id}/content", importId)
                .contentType(MediaType.TEXT_PLAIN)
                .body(body.asFlux(), DataBuffer.class);
    }

    private void awaitBytesReceived(String importId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ((Number) counts(get(importId)).get("bytesReceived")).longValue() > 0);
    }

    private long messagesStoredBy(String importId) {
        return db.sql("SELECT count(*) FROM messages WHERE import_id = :id")
                .bind("id", UUID.fromString(importId))
                .map(row -> row.get(0, Long.class))
                .one()
                .block(Duration.ofSeconds(30));
    }

    private Map<String, Object> get(String id) {
        return http.get()
                .uri("/api/v1/imports/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    private Map<String, Object> latestImport() {
        Map<String, Object> page = http.get()
                .uri("/api/v1/imports?limit=1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        return items.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> counts(Map<String, Object> imp) {
        return (Map<String, Object>) imp.get("counts");
    }

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/fixtures", name));
    }

    /**
     * The fixture behind a first line of its own: tests share a database, and two uploads of the same chat would
     * (rightly) continue one conversation.
     */
    private static byte[] uniqueChat(String name) throws IOException {
        String header = "11/03/2024, 08:00 - Group " + UUID.randomUUID() + " was created\n";
        return (header + new String(fixture(name), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }
}
