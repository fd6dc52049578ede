package dev.parley.server.enrichment;

import static dev.parley.server.enrichment.EnrichmentMessages.insertImport;
import static dev.parley.server.enrichment.EnrichmentMessages.message;
import static dev.parley.server.enrichment.EnrichmentMessages.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.server.enrichment.ScriptedServer.Response;
import dev.parley.server.kafka.EventSender;
import dev.parley.server.kafka.KafkaProperties;
import dev.parley.server.kafka.OutboundEvent;
import dev.parley.server.kafka.ParleyTopics;
import dev.parley.server.testing.ParleyIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Remote (TEI) sentiment end to end on the real broker and database, against a scripted TEI that starts with a
 * storm of 500s: the circuit opens, imports are unaffected, and once the service recovers the circuit closes and
 * the backlog drains — every message enriched, progress exact, the rate never above the limit.
 */
@ParleyIntegrationTest
class RemoteSentimentIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger PREDICTS = new AtomicInteger();
    private static final int STORM = 8;
    private static final ScriptedServer TEI = ScriptedServer.start(request -> {
        if (request.path().equals("/page")) {
            return Response.html("<html><head><meta property=\"og:title\" content=\"Scripted page\"></head></html>");
        }
        if (request.path().equals("/info")) {
            return Response.json("{\"model_id\":\"scripted/sentiment\",\"max_client_batch_size\":8}");
        }
        if (PREDICTS.incrementAndGet() <= STORM) {
            return Response.status(500, Map.of());
        }
        JsonNode inputs = JSON.readTree(request.body()).path("inputs");
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < inputs.size(); i++) {
            out.append(i == 0 ? "" : ",")
                    .append("[{\"label\":\"positive\",\"score\":0.75},{\"label\":\"negative\",\"score\":0.25}]");
        }
        return Response.json(out.append("]").toString());
    });

    @DynamicPropertySource
    static void remote(DynamicPropertyRegistry registry) {
        registry.add("parley.enrichment.sentiment.mode", () -> "TEI");
        registry.add("parley.enrichment.sentiment.remote.url", TEI::url);
        registry.add("parley.enrichment.sentiment.remote.requests-per-second", () -> "10");
        registry.add("parley.enrichment.sentiment.remote.rate-margin", () -> "250ms");
        registry.add("parley.enrichment.sentiment.remote.retry-attempts", () -> "2");
        registry.add("parley.enrichment.sentiment.remote.breaker-window", () -> "4");
        registry.add("parley.enrichment.sentiment.remote.breaker-open-for", () -> "1s");
        registry.add("parley.enrichment.consumer.retry-backoff", () -> "200ms");
        registry.add("parley.enrichment.consumer.max-retry-backoff", () -> "1s");
        registry.add("parley.enrichment.consumer.batch-size", () -> "40");
        registry.add("parley.enrichment.links.allowed-addresses", () -> "127.0.0.1");
    }

    @AfterAll
    static void stopServer() {
        TEI.close();
    }

    @Autowired
    DatabaseClient database;

    @Autowired
    EventSender sender;

    @Autowired
    KafkaProperties kafka;

    @Autowired
    MeterRegistry meters;

    @Test
    void storm_opensBreakerThenBacklogDrainsWithinTheRateLimit() {
        UUID conversation = UUID.randomUUID();
        UUID importId = UUID.randomUUID();
        insertImport(database, importId, conversation).block();
        String topic = kafka.name(ParleyTopics.MESSAGES);
        List<OutboundEvent<Long>> events = LongStream.range(0, 200)
                .mapToObj(i -> message(topic, conversation, importId, i, "message number " + i + " is fine"))
                .toList();
        sender.send(Flux.fromIterable(events)).then().block(Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(
                                scalar(database, "SELECT messages_enriched FROM imports WHERE id = $1", importId))
                        .isEqualTo(200));
        assertThat(scalar(
                        database,
                        "SELECT count(*) FROM message_enrichment WHERE conversation_id = $1"
                                + " AND sentiment_model = 'scripted/sentiment' AND sentiment_score = 0.5",
                        conversation))
                .isEqualTo(200);
        assertThat(meters.get("parley.enrichment.remote.breaker.transitions")
                        .tag("to", "OPEN")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("parley.enrichment.remote.breaker.transitions")
                        .tag("from", "HALF_OPEN")
                        .tag("to", "CLOSED")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(TEI.maxRequestsPerWindow("/predict", Duration.ofSeconds(1))).isLessThanOrEqualTo(10);
        assertThat(meters.get("parley.enrichment.dlt").counter().count()).isZero();
    }

    @Test
    void link_givenAllowListedLocalPage_storesItsPreviewOnce() {
        UUID conversation = UUID.randomUUID();
        UUID importId = UUID.randomUUID();
        insertImport(database, importId, conversation).block();
        String url = TEI.url() + "/page";
        String topic = kafka.name(ParleyTopics.MESSAGES);
        sender.send(Flux.just(
                        message(topic, conversation, importId, 0, "look " + url),
                        message(topic, conversation, importId, 1, "again " + url + " !")))
                .then()
                .block(Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(scalar(
                                database,
                                "SELECT count(*) FROM link_previews WHERE url = $1 AND status = 'OK' AND title = 'Scripted page'",
                                url))
                        .isEqualTo(1));
        assertThat(scalar(database, "SELECT count(*) FROM message_links WHERE url = $1", url))
                .isEqualTo(2);
        assertThat(TEI.requests("/page")).hasSize(1);
    }
}
