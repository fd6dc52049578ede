package dev.parley.server.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.server.messages.MessageFixtures;
import dev.parley.server.owner.CurrentOwner;
import dev.parley.server.testing.ParleyIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/** Statistics of a small conversation against values computed by hand (see the comments). */
@ParleyIntegrationTest
class StatsIntegrationTests {

    private static final String MEDIA =
            "{\"attachment\":{\"fileName\":\"IMG-1.jpg\",\"mediaType\":\"IMAGE\",\"present\":false}}";

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient database;

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    private UUID conversation() {
        var f = new MessageFixtures(database);
        UUID id = f.conversation(CurrentOwner.DEFAULT_OWNER, "stats", 8, true).block();
        Flux.concat(
                        // Monday 2024-05-06
                        f.message(
                                id,
                                0,
                                at("2024-05-06T09:00:00Z"),
                                "Alice",
                                "TEXT",
                                "Hello Bob 👋🏽 see https://www.example.com/a",
                                null),
                        f.message(id, 1, at("2024-05-06T09:10:00Z"), "Bob", "TEXT", "Hi Alice 👨‍👩‍👧 🇩🇪🇩🇪", null),
                        f.message(id, 2, at("2024-05-06T09:12:00Z"), "Bob", "MEDIA", "photo", MEDIA),
                        f.message(
                                id,
                                3,
                                at("2024-05-06T09:20:00Z"),
                                "Alice",
                                "TEXT",
                                "ok http://Example.com and https://other.org/x 👋🏽",
                                null),
                        // 10 h 40 min later: Bob starts a new conversation; not a response time
                        f.message(id, 4, at("2024-05-06T20:00:00Z"), "Bob", "TEXT", "evening", null),
                        f.message(id, 5, at("2024-05-06T20:05:00Z"), "Alice", "TEXT", "yes", null),
                        f.message(id, 6, at("2024-05-06T20:06:00Z"), null, "SYSTEM", "Alice changed the subject", null),
                        // Tuesday: Alice starts again
                        f.message(id, 7, at("2024-05-07T08:00:00Z"), "Alice", "TEXT", "morning 👋🏽", null),
                        // above the message count: an import still running
                        f.message(
                                id, 8, at("2024-05-07T09:00:00Z"), "Bob", "TEXT", "hidden 😀 https://hidden.net", null))
                .blockLast();
        return id;
    }

    @Test
    void stats_matchHandComputedValues() {
        UUID id = conversation();

        JsonNode stats = stats(id);

        assertThat(stats.get("messageCount").asLong()).isEqualTo(8);
        JsonNode alice = stats.get("senders").get(0);
        JsonNode bob = stats.get("senders").get(1);
        assertThat(stats.get("senders").size()).isEqualTo(2);
        // Alice: messages 0, 3, 5, 7; words 5 + 5 + 1 + 2; links 1 + 2; starts 0 and 7; answers 480 s and 300 s
        assertThat(alice.get("sender").asString()).isEqualTo("Alice");
        assertThat(alice.get("messages").asLong()).isEqualTo(4);
        assertThat(alice.get("words").asLong()).isEqualTo(13);
        assertThat(alice.get("media").asLong()).isZero();
        assertThat(alice.get("links").asLong()).isEqualTo(3);
        assertThat(alice.get("firstSentAt").asString()).isEqualTo("2024-05-06T09:00:00Z");
        assertThat(alice.get("lastSentAt").asString()).isEqualTo("2024-05-07T08:00:00Z");
        assertThat(alice.get("conversationsStarted").asLong()).isEqualTo(2);
        assertThat(alice.get("medianResponseSeconds").asDouble()).isEqualTo(390.0);
        // Bob: messages 1, 2, 4; words 4 + 1 + 1; one media; starts 4; answers 600 s (4 follows a 10 h gap)
        assertThat(bob.get("messages").asLong()).isEqualTo(3);
        assertThat(bob.get("words").asLong()).isEqualTo(6);
        assertThat(bob.get("media").asLong()).isEqualTo(1);
        assertThat(bob.get("links").asLong()).isZero();
        assertThat(bob.get("conversationsStarted").asLong()).isEqualTo(1);
        assertThat(bob.get("medianResponseSeconds").asDouble()).isEqualTo(600.0);
        // all answers: 600, 480, 300
        assertThat(stats.get("medianResponseSeconds").asDouble()).isEqualTo(480.0);

        assertThat(stats.get("messagesPerDay").toString())
                .isEqualTo("[{\"day\":\"2024-05-06\",\"messages\":7},{\"day\":\"2024-05-07\",\"messages\":1}]");
        JsonNode week = stats.get("hourOfWeek");
        assertThat(week.size()).isEqualTo(7);
        assertThat(week.get(0).get(9).asLong()).isEqualTo(4);
        assertThat(week.get(0).get(20).asLong()).isEqualTo(3);
        assertThat(week.get(1).get(8).asLong()).isEqualTo(1);
        long total = 0;
        for (JsonNode day : week) {
            for (JsonNode hour : day) {
                total += hour.asLong();
            }
        }
        assertThat(total).isEqualTo(8);
        assertThat(stats.get("topEmojis").toString())
                .isEqualTo("[{\"value\":\"👋🏽\",\"count\":3},{\"value\":\"🇩🇪\",\"count\":2},"
                        + "{\"value\":\"👨‍👩‍👧\",\"count\":1}]");
        assertThat(stats.get("topLinkDomains").toString())
                .isEqualTo("[{\"value\":\"example.com\",\"count\":2},{\"value\":\"other.org\",\"count\":1}]");
        assertThat(stats.get("sentimentPerDay").size()).isZero();
    }

    @Test
    void stats_areCachedUntilTheMessageCountChanges_andChangeWithinTheMetadataFreshness() {
        UUID id = conversation();
        double hitsBefore = cacheGets("hit");

        JsonNode first = stats(id);
        JsonNode second = stats(id);

        assertThat(second.get("computedAt")).isEqualTo(first.get("computedAt"));
        assertThat(cacheGets("hit")).isEqualTo(hitsBefore + 1);

        database.sql("UPDATE conversations SET message_count = 9 WHERE id = :id")
                .bind("id", id)
                .then()
                .block();
        // another writer (the import pipeline) changed the row: visible once the 1 s metadata entry expires
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode third = stats(id);
            assertThat(third.get("messageCount").asLong()).isEqualTo(9);
            assertThat(third.get("senders").get(0).get("messages").asLong()).isEqualTo(4);
            assertThat(third.get("senders").get(1).get("messages").asLong()).isEqualTo(4);
            assertThat(third.get("topLinkDomains").size()).isEqualTo(3);
        });
    }

    @Test
    void stats_includeSentimentPerDay_onceEnrichmentProgresses() {
        UUID id = conversation();
        assertThat(stats(id).get("sentimentPerDay").size()).isZero();

        // 0 and 1 on Monday (0.5, -0.25), 7 on Tuesday (0.75); 6 unscored; 8 above the message count
        Flux.concat(
                        enrichment(id, 0, "SCORED", 0.5f),
                        enrichment(id, 1, "SCORED", -0.25f),
                        enrichment(id, 6, "UNSCORED", null),
                        enrichment(id, 7, "SCORED", 0.75f),
                        enrichment(id, 8, "SCORED", 1f))
                .blockLast();
        database.sql("INSERT INTO imports (id, owner_id, conversation_id, file_name, options, status,"
                        + " messages_enriched) VALUES (:id, 'local', :conversation, 'chat.txt', '{}'::jsonb,"
                        + " 'COMPLETED', 5)")
                .bind("id", UUID.randomUUID())
                .bind("conversation", id)
                .then()
                .block();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode stats = stats(id);
            assertThat(stats.get("enrichedMessages").asLong()).isEqualTo(5);
            assertThat(stats.get("sentimentPerDay").toString())
                    .isEqualTo("[{\"day\":\"2024-05-06\",\"sentiment\":0.125,\"scoredMessages\":2},"
                            + "{\"day\":\"2024-05-07\",\"sentiment\":0.75,\"scoredMessages\":1}]");
        });
    }

    private reactor.core.publisher.Mono<Void> enrichment(UUID id, long ordinal, String status, Float score) {
        var spec = database.sql("INSERT INTO message_enrichment (conversation_id, ordinal, sentiment_status,"
                        + " sentiment_score, sentiment_model) VALUES (:id, :ordinal, :status, :score, 'test')")
                .bind("id", id)
                .bind("ordinal", ordinal)
                .bind("status", status);
        return (score == null ? spec.bindNull("score", Float.class) : spec.bind("score", score)).then();
    }

    @Test
    void stats_ofUnknownConversation_is404() {
        client().get()
                .uri("/api/v1/conversations/{id}/stats", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private JsonNode stats(UUID id) {
        return client().get()
                .uri("/api/v1/conversations/{id}/stats", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private double cacheGets(String result) {
        JsonNode metric = client().get()
                .uri("/actuator/metrics/cache.gets?tag=cache:parley.stats&tag=result:" + result)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        return metric.get("measurements").get(0).get("value").asDouble();
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
