package dev.parley.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ingest.ChatMessage;
import dev.parley.ingest.ChatParser;
import dev.parley.ingest.ParseOptions;
import dev.parley.server.messages.MessageFixtures;
import dev.parley.server.owner.CurrentOwner;
import dev.parley.server.testing.ParleyIntegrationTest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.reactivestreams.Subscription;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ParleyIntegrationTest
@TestPropertySource(
        properties = {
            // large fixtures; the search indexer would only compete for the two cores
            "parley.search.indexer-enabled=false",
            // exports have a pool of their own: with as many stalled downloads as the main pool has connections,
            // pages must still be read
            "spring.r2dbc.pool.max-size=2",
            "parley.export.max-concurrent=2"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportIntegrationTests {

    private static final Instant BASE = Instant.parse("2024-05-01T10:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient database;

    WebTestClient client;
    UUID chat;

    @BeforeAll
    void insertConversation() {
        client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
        var fixtures = new MessageFixtures(database);
        chat = fixtures.conversation(CurrentOwner.DEFAULT_OWNER, "Family: \"Holidays\" 2024/25", 1_000, true)
                .block();
        fixtures.generate(chat, 1_010, 300, BASE).block();
        // a few real shapes with text that CSV must quote
        database.sql("UPDATE messages SET body = 'Hi, \"you\"' || chr(10) || 'there', sender = 'Alice'"
                        + " WHERE conversation_id = :id AND ordinal = 1")
                .bind("id", chat)
                .then()
                .block();
    }

    @Test
    void export_ndjson_streamsEveryVisibleMessageInOrder_withAFileName() {
        var result = client.get()
                .uri("/api/v1/conversations/{id}/export?format=ndjson", chat)
                .header("Accept-Encoding", "identity")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/x-ndjson")
                .expectBody(String.class)
                .returnResult();
        String disposition = result.getResponseHeaders().getFirst("Content-Disposition");
        assertThat(disposition).startsWith("attachment;").contains(".ndjson");
        assertThat(disposition).doesNotContain("/");

        List<String> lines = result.getResponseBody().lines().toList();
        assertThat(lines).hasSize(1_000);
        JsonMapper mapper = JsonMapper.builder().build();
        JsonNode first = mapper.readTree(lines.getFirst());
        JsonNode page = client.get()
                .uri("/api/v1/conversations/{id}/messages?limit=1", chat)
                .exchange()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(first).isEqualTo(page.get("items").get(0));
        assertThat(lines).allMatch(line -> mapper.readTree(line).get("ordinal").asLong() < 1_000);
    }

    @Test
    void export_jsonAndCsv_areWellFormed() {
        JsonNode array = client.get()
                .uri("/api/v1/conversations/{id}/export?format=json&sender=Alice", chat)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isGreaterThan(300);
        array.forEach(message -> assertThat(message.get("sender").asString()).isEqualTo("Alice"));

        String csv = client.get()
                .uri("/api/v1/conversations/{id}/export?format=csv", chat)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("text/csv;charset=UTF-8")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(csv).startsWith("ordinal,localTime,sentAt,sender,kind,text,edited,extra\r\n");
        assertThat(csv).contains(",\"Alice\",TEXT,\"Hi, \"\"you\"\"\nthere\",");
    }

    @Test
    void export_txt_parsesBackToTheSameMessages() {
        byte[] txt = client.get()
                .uri("/api/v1/conversations/{id}/export?format=txt", chat)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("text/plain;charset=UTF-8")
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        List<ChatMessage> parsed = ChatParser.create(ParseOptions.defaults())
                .parse(Flux.just(ByteBuffer.wrap(txt)))
                .ofType(ChatMessage.class)
                .collectList()
                .block();
        List<ChatMessage> stored = database.sql("SELECT " + dev.parley.server.messages.MessageRow.columns("m")
                        + " FROM messages m WHERE conversation_id = :id AND ordinal < 1000"
                        + " ORDER BY sent_at, ordinal")
                .bind("id", chat)
                .map(row -> dev.parley.server.messages.MessageRow.from(row, 0))
                .all()
                .map(dev.parley.server.messages.MessageJson::toChatMessage)
                .collectList()
                .block();

        assertThat(parsed).hasSize(stored.size());
        for (int i = 0; i < parsed.size(); i++) {
            // the re-import numbers messages in export order
            assertThat(parsed.get(i)).isEqualTo(withOrdinal(stored.get(i), i));
        }
    }

    @Test
    void export_givenAcceptEncodingGzip_isGzipped() throws IOException {
        byte[] gzipped = HttpClient.create()
                .headers(headers -> headers.set(HttpHeaderNames.ACCEPT_ENCODING, "gzip"))
                .get()
                .uri("http://localhost:" + port + "/api/v1/conversations/" + chat + "/export?format=ndjson")
                .responseSingle((response, body) -> {
                    assertThat(response.responseHeaders().get("Content-Encoding"))
                            .isEqualTo("gzip");
                    return body.asByteArray();
                })
                .block(Duration.ofSeconds(30));
        String plain;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            plain = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(plain.lines()).hasSize(1_000);
    }

    @Test
    void export_unknownFormatOrConversation_isAProblem() {
        client.get()
                .uri("/api/v1/conversations/{id}/export?format=pdf", chat)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://parley.dev/problems/invalid-format");
        client.get()
                .uri("/api/v1/conversations/{id}/export", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    /**
     * A million messages to a client that stops reading: the query stays open (it is not drained into memory) and
     * the heap does not grow by anything near the export's size (~180 MB); then the whole export arrives.
     */
    @Test
    void export_ofAMillionMessages_toAStalledClient_holdsTheQueryNotTheRows() {
        var fixtures = new MessageFixtures(database);
        long count = 1_000_000;
        UUID big = fixtures.conversation(CurrentOwner.DEFAULT_OWNER, "big", count, true)
                .block();
        fixtures.generate(big, count, 50_000, BASE).block();
        long heapBefore = usedHeapAfterGc();

        Download reader = Download.stalled(port, big);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> reader.bytes.get() > 0);
        // the server fills the socket buffers, then must stop: the query stays open for as long as the client waits
        org.awaitility.Awaitility.await()
                .during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(30))
                .until(() -> exportQueriesRunning() == 1);
        long heapStalled = usedHeapAfterGc();
        assertThat(reader.lines.get()).isLessThan(count / 10);
        assertThat(heapStalled - heapBefore).as("heap growth while stalled").isLessThan(64L * 1024 * 1024);

        reader.request(Long.MAX_VALUE);
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> reader.lines.get() == count);
        assertThat(reader.bytes.get()).isGreaterThan(100L * 1024 * 1024);
        reader.dispose();
    }

    /**
     * Exports run on connections of their own, at most {@code max-concurrent} at a time: with both slots held by
     * stalled downloads (and the main pool no larger), one more export is refused with 503 and Retry-After while
     * pages are still read; a download whose client goes away frees its slot.
     */
    @Test
    void exports_beyondTheLimit_areRefused_whilePagesAreStillRead() {
        var fixtures = new MessageFixtures(database);
        long count = 200_000;
        UUID big = fixtures.conversation(CurrentOwner.DEFAULT_OWNER, "big too", count, true)
                .block();
        fixtures.generate(big, count, 10_000, BASE).block();
        Download first = Download.stalled(port, big);
        Download second = Download.stalled(port, big);
        org.awaitility.Awaitility.await()
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(30))
                .until(() -> exportQueriesRunning() == 2);

        client.get()
                .uri("/api/v1/conversations/{id}/export?format=csv", chat)
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals("Retry-After", "10")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://parley.dev/problems/too-many-exports");
        client.get()
                .uri("/api/v1/conversations/{id}/messages?limit=5", chat)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(5);
        assertThat(first.lines.get() + second.lines.get()).isLessThan(count);

        first.dispose();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> client.get()
                                .uri("/api/v1/conversations/{id}/export?format=csv", chat)
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value()
                        == 200);
        second.dispose();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> exportQueriesRunning() == 0);
    }

    private long exportQueriesRunning() {
        return database.sql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '/* parley-export */%'"
                        + " AND state <> 'idle' AND pid <> pg_backend_pid()")
                .map(row -> row.get(0, Long.class))
                .one()
                .block();
    }

    /** An NDJSON download that reads its first 4 chunks, then waits for {@link #request} or {@link #dispose}. */
    private static final class Download extends BaseSubscriber<byte[]> {

        final AtomicLong bytes = new AtomicLong();
        final AtomicLong lines = new AtomicLong();

        static Download stalled(int port, UUID conversation) {
            Download download = new Download();
            HttpClient.create()
                    .get()
                    .uri("http://localhost:" + port + "/api/v1/conversations/" + conversation + "/export?format=ndjson")
                    .responseContent()
                    .as(ByteBufFlux::fromInbound)
                    .asByteArray()
                    .subscribe(download);
            return download;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            request(4);
        }

        @Override
        protected void hookOnNext(byte[] chunk) {
            bytes.addAndGet(chunk.length);
            for (byte b : chunk) {
                if (b == '\n') {
                    lines.incrementAndGet();
                }
            }
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static ChatMessage withOrdinal(ChatMessage message, long ordinal) {
        return dev.parley.ingest.MessageCodec.fromJson(
                new String(dev.parley.ingest.MessageCodec.toJson(message), StandardCharsets.UTF_8)
                        .replaceFirst("\"ordinal\":\\d+", "\"ordinal\":" + ordinal)
                        .getBytes(StandardCharsets.UTF_8));
    }
}
