package dev.parley.server.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/**
 * First pages and conversation metadata come from Caffeine, and stop coming from it when the conversation changes:
 * messages stored by an import, enrichment results, a delete. Changes are written straight into the tables, as the
 * import pipeline or another instance would, so they show once the metadata entry (1 s) expires.
 */
@ParleyIntegrationTest
class FirstPageCacheIntegrationTests {

    private static final Instant BASE = Instant.parse("2024-03-01T10:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient database;

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    private UUID conversationOfThree() {
        var fixtures = new MessageFixtures(database);
        UUID id = fixtures.conversation(CurrentOwner.DEFAULT_OWNER, "cached", 3, true)
                .block();
        Flux.concat(
                        fixtures.message(id, 0, BASE, "Alice", "TEXT", "one", null),
                        fixtures.message(id, 1, BASE.plusSeconds(60), "Bob", "TEXT", "two", null),
                        fixtures.message(id, 2, BASE.plusSeconds(120), "Alice", "TEXT", "three", null))
                .blockLast();
        return id;
    }

    @Test
    void firstPage_isServedFromCache_untilNewMessagesAreStored() {
        UUID id = conversationOfThree();
        String first = firstPage(id);
        double hitsBefore = cacheGets("parley.first-pages", "hit");

        String second = firstPage(id);

        assertThat(second).isEqualTo(first);
        assertThat(cacheGets("parley.first-pages", "hit")).isEqualTo(hitsBefore + 1);
        assertThat(cacheGets("parley.conversations", "hit")).isPositive();

        // what the import pipeline does when an import of the conversation completes
        new MessageFixtures(database)
                .message(id, 3, BASE.plusSeconds(180), "Bob", "TEXT", "four", null)
                .then(database.sql("UPDATE conversations SET message_count = 4, updated_at = now() WHERE id = :id")
                        .bind("id", id)
                        .then())
                .block();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode items = json(firstPage(id)).get("items");
            assertThat(items.size()).isEqualTo(4);
            assertThat(items.get(3).get("text").asString()).isEqualTo("four");
        });
    }

    @Test
    void firstPage_showsSentiment_onceEnrichmentProgresses() {
        UUID id = conversationOfThree();
        assertThat(json(firstPage(id)).get("items").get(0).has("sentiment")).isFalse();

        database.sql("INSERT INTO message_enrichment (conversation_id, ordinal, sentiment_status, sentiment_score,"
                        + " sentiment_label, sentiment_model) VALUES (:id, 0, 'SCORED', 0.5, 'positive', 'test')")
                .bind("id", id)
                .then()
                .then(database.sql("INSERT INTO imports (id, owner_id, conversation_id, file_name, options, status,"
                                + " messages_enriched) VALUES (:import, 'local', :id, 'chat.txt', '{}'::jsonb,"
                                + " 'COMPLETED', 1)")
                        .bind("import", UUID.randomUUID())
                        .bind("id", id)
                        .then())
                .block();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(json(firstPage(id))
                                .at("/items/0/sentiment/label")
                                .toString())
                        .isEqualTo("\"positive\""));
    }

    @Test
    void firstPage_isGoneAtOnce_afterTheConversationIsDeletedHere() {
        UUID id = conversationOfThree();
        firstPage(id);
        firstPage(id);

        client().delete()
                .uri("/api/v1/conversations/{id}", id)
                .exchange()
                .expectStatus()
                .isNoContent();

        client().get()
                .uri("/api/v1/conversations/{id}/messages", id)
                .exchange()
                .expectStatus()
                .isNotFound();
        client().get()
                .uri("/api/v1/conversations/{id}", id)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private String firstPage(UUID id) {
        return client().get()
                .uri("/api/v1/conversations/{id}/messages", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private static JsonNode json(String body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
    }

    private double cacheGets(String cache, String result) {
        JsonNode metric = client().get()
                .uri("/actuator/metrics/cache.gets?tag=cache:" + cache + "&tag=result:" + result)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        return metric.get("measurements").get(0).get("value").asDouble();
    }
}
