package dev.parley.server.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.loadtest.generator.ExportGenerator;
import dev.parley.loadtest.generator.ExportStyle;
import dev.parley.loadtest.generator.GeneratorOptions;
import dev.parley.server.testing.ParleyIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

/** The store consumer stopped and restarted mid-stream loses and duplicates nothing. */
@ParleyIntegrationTest
// small batches: storing the export takes hundreds of transactions, so the stop lands mid-stream
@TestPropertySource(properties = "parley.store.batch-size=500")
class StoreRestartIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Autowired
    ApplicationContext context;

    @Test
    void storeConsumer_stoppedAndRestartedMidStream_losesAndDuplicatesNothing() throws IOException {
        Path file = Files.createDirectories(Path.of("target", "store-restart")).resolve("ios-20mb.txt");
        ExportGenerator.create(GeneratorOptions.defaults()
                        .withStyle(ExportStyle.IOS)
                        .withSeed(11)
                        .withTargetBytes(20L << 20))
                .writeTo(file);
        SmartLifecycle store = context.getBean("messageStoreConsumer", SmartLifecycle.class);

        store.stop(); // everything the upload publishes waits in Kafka
        String id = (String) upload(file).get("id");
        assertThat(stored(id)).isZero();
        store.start();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> stored(id) > 0);
        store.stop(); // leaves the group with acknowledged offsets not yet committed: they are delivered again
        long storedWhileStopped = stored(id);
        store.start();

        await().atMost(Duration.ofMinutes(5)).until(() -> "COMPLETED".equals(get(id).get("status")));
        Map<String, Object> done = get(id);
        long parsed = ((Number) counts(done).get("messagesParsed")).longValue();
        assertThat(storedWhileStopped).as("stopped mid-stream").isLessThan(parsed);
        assertThat(((Number) counts(done).get("messagesStored")).longValue()).isEqualTo(parsed);
        Map<String, Object> rows = db.sql("SELECT count(*) AS n, count(DISTINCT ordinal) AS distinct_ordinals,"
                        + " max(ordinal) AS hi FROM messages WHERE conversation_id = :c")
                .bind("c", UUID.fromString((String) done.get("conversationId")))
                .fetch()
                .one()
                .block(Duration.ofSeconds(60));
        assertThat(rows)
                .containsEntry("n", parsed)
                .containsEntry("distinct_ordinals", parsed)
                .containsEntry("hi", parsed - 1);
        Files.deleteIfExists(file);
    }

    private Map<String, Object> upload(Path file) {
        return WebClient.create("http://localhost:" + port)
                .post()
                .uri("/api/v1/imports?fileName={name}", file.getFileName().toString())
                .contentType(MediaType.TEXT_PLAIN)
                .body(DataBufferUtils.read(file, DefaultDataBufferFactory.sharedInstance, 1 << 20), DataBuffer.class)
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
                .block(Duration.ofMinutes(5));
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
