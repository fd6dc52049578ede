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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

/** Generated exports of realistic size, end to end over HTTP, Kafka and PostgreSQL. */
@ParleyIntegrationTest
class LargeImportIntegrationTests {

    private static final Path DIR = Path.of("target", "large-imports");

    @LocalServerPort
    int port;

    ImportsHttp http;

    @BeforeEach
    void client() {
        http = new ImportsHttp(port);
    }

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

        Map<String, Object> counts = ImportsHttp.counts(done);
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
        String id = (String) http.upload(file).get("id");
        await().atMost(timeout)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> "COMPLETED".equals(http.get(id).get("status")));
        return http.get(id);
    }
}
