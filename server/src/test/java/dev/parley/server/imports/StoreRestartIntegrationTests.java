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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

/** The store consumer stopped and restarted mid-stream loses and duplicates nothing. */
@ParleyIntegrationTest
// small batches: storing the export takes hundreds of transactions, so the stop lands mid-stream
@TestPropertySource(properties = "parley.store.batch-size=500")
class StoreRestartIntegrationTests {

    @LocalServerPort
    int port;

    ImportsHttp http;

    @BeforeEach
    void client() {
        http = new ImportsHttp(port);
    }

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
        String id = (String) http.upload(file).get("id");
        assertThat(http.count(id, "messagesStored")).isZero();
        store.start();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> http.count(id, "messagesStored") > 0);
        store.stop(); // leaves the group with acknowledged offsets not yet committed: they are delivered again
        long storedWhileStopped = http.count(id, "messagesStored");
        store.start();

        await().atMost(Duration.ofMinutes(5))
                .until(() -> "COMPLETED".equals(http.get(id).get("status")));
        Map<String, Object> done = http.get(id);
        long parsed = ((Number) ImportsHttp.counts(done).get("messagesParsed")).longValue();
        assertThat(storedWhileStopped).as("stopped mid-stream").isLessThan(parsed);
        assertThat(((Number) ImportsHttp.counts(done).get("messagesStored")).longValue())
                .isEqualTo(parsed);
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
}
