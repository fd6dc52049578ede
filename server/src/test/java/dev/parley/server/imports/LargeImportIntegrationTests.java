package dev.parley.server.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.loadtest.generator.ExportGenerator;
import dev.parley.loadtest.generator.ExportStyle;
import dev.parley.loadtest.generator.GenerationResult;
import dev.parley.loadtest.generator.GeneratorOptions;
import dev.parley.server.testing.ParleyIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** Generated exports of realistic size, end to end over HTTP, Kafka and PostgreSQL. */
@ParleyIntegrationTest
class LargeImportIntegrationTests {

    private static final Path DIR = Path.of("target", "large-imports");

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @BeforeAll
    static void directory() throws IOException {
        Files.createDirectories(DIR);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var files = Files.list(DIR)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    void upload_of100MbExport_storesEveryParsedMessageOnceWithDenseOrdinals() throws IOException {
        Path file = DIR.resolve("android-100mb.txt");
        GenerationResult generated = ExportGenerator.create(GeneratorOptions.defaults()
                        .withStyle(ExportStyle.ANDROID_24H)
                        .withSeed(7)
                        .withTargetBytes(100L << 20))
                .writeTo(file);

        Map<String, Object> done = uploadAndAwaitCompletion(file, Duration.ofMinutes(10));

        Map<String, Object> counts = counts(done);
        long parsed = ((Number) counts.get("messagesParsed")).longValue();
        assertThat(parsed).isEqualTo(generated.messages());
        assertThat(((Number) counts.get("messagesStored")).longValue()).isEqualTo(parsed);
        assertStoredExactlyOnce(UUID.fromString((String) done.get("conversationId")), parsed);
    }

    private void assertStoredExactlyOnce(UUID conversation, long parsed) {
        Map<String, Object> stats = db.sql("SELECT count(*) AS n, count(DISTINCT ordinal) AS distinct_ordinals,"
                        + " min(ordinal) AS lo, max(ordinal) AS hi FROM messages WHERE conversation_id = :c")
                .bind("c", conversation)
                .fetch()
                .one()
                .block(Duration.ofSeconds(60));
        assertThat(stats)
                .containsEntry("n", parsed)
                .containsEntry("distinct_ordinals", parsed)
                .containsEntry("lo", 0L)
                .containsEntry("hi", parsed - 1);
    }

    private Map<String, Object> uploadAndAwaitCompletion(Path file, Duration timeout) {
        String id = (String) upload(file).get("id");
        await().atMost(timeout)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> "COMPLETED".equals(get(id).get("status")));
        return get(id);
    }

    /** Streams the file in 1 MB chunks, as a browser or curl would, without holding it in memory. */
    private Map<String, Object> upload(Path file) {
        Flux<DataBuffer> body = DataBufferUtils.read(file, DefaultDataBufferFactory.sharedInstance, 1 << 20);
        return WebClient.create("http://localhost:" + port)
                .post()
                .uri("/api/v1/imports?fileName={name}", file.getFileName().toString())
                .contentType(MediaType.TEXT_PLAIN)
                .body(body, DataBuffer.class)
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
                .block(Duration.ofMinutes(10));
    }

    private long stored(String id) {
        return ((Number) counts(get(id)).get("messagesStored")).longValue();
    }

    private Map<String, Object> get(String id) {
        return WebClient.create("http://localhost:" + port)
                .get()
                .uri("/api/v1/imports/{id}", id)
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
                .block(Duration.ofSeconds(30));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> counts(Map<String, Object> imp) {
        return (Map<String, Object>) imp.get("counts");
    }
}
