package dev.parley.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.server.kafka.EventReceiver;
import dev.parley.server.kafka.InboundEvent;
import dev.parley.server.kafka.ParleyTopics;
import dev.parley.server.messages.MessageFixtures;
import dev.parley.server.owner.CurrentOwner;
import dev.parley.server.testing.ParleyIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

@ParleyIntegrationTest
class ConversationsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient database;

    @Autowired
    EventReceiver receiver;

    @Autowired
    ConversationDeleter deleter;

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void list_pagesThroughVisibleConversationsOfTheOwner_newestFirst() {
        var fixtures = new MessageFixtures(database);
        List<UUID> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(fixtures.conversation(CurrentOwner.DEFAULT_OWNER, "chat " + i, 3, true)
                    .block());
        }
        fixtures.conversation(CurrentOwner.DEFAULT_OWNER, "importing", 0, false).block();
        fixtures.conversation("someone-else", "theirs", 3, true).block();

        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            String current = cursor;
            JsonNode page = client().get()
                    .uri(uri -> {
                        uri.path("/api/v1/conversations").queryParam("limit", 2);
                        return (current == null ? uri : uri.queryParam("cursor", current)).build();
                    })
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            page.get("items").forEach(item -> ids.add(item.get("id").asString()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(ids)
                .containsExactlyInAnyOrderElementsOf(
                        mine.stream().map(UUID::toString).toList());
    }

    @Test
    void get_returnsMetadata_and404ForHiddenOrForeign() {
        var fixtures = new MessageFixtures(database);
        UUID id = fixtures.conversation(CurrentOwner.DEFAULT_OWNER, "Family", 42, true)
                .block();
        UUID hidden = fixtures.conversation(CurrentOwner.DEFAULT_OWNER, "half", 0, false)
                .block();
        UUID foreign = fixtures.conversation("someone-else", "theirs", 3, true).block();

        client().get()
                .uri("/api/v1/conversations/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Family")
                .jsonPath("$.messageCount")
                .isEqualTo(42)
                .jsonPath("$.participants[1]")
                .isEqualTo("Bob");
        client().get()
                .uri("/api/v1/conversations/{id}", hidden)
                .exchange()
                .expectStatus()
                .isNotFound();
        client().get()
                .uri("/api/v1/conversations/{id}", foreign)
                .exchange()
                .expectStatus()
                .isNotFound();
        client().delete()
                .uri("/api/v1/conversations/{id}", foreign)
                .exchange()
                .expectStatus()
                .isNotFound();
        client().get()
                .uri("/api/v1/conversations?cursor=forged")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void delete_removesAllRows_andWritesTombstones() {
        var fixtures = new MessageFixtures(database);
        UUID id = fixtures.conversation(CurrentOwner.DEFAULT_OWNER, "to delete", 100, true)
                .block();
        fixtures.generate(id, 120, 10, Instant.parse("2024-01-01T00:00:00Z")).block();
        UUID importId = UUID.randomUUID();
        database.sql("INSERT INTO imports (id, owner_id, conversation_id, file_name, options, status)"
                        + " VALUES (:id, 'local', :conversation, 'chat.txt', '{}'::jsonb, 'COMPLETED')")
                .bind("id", importId)
                .bind("conversation", id)
                .then()
                .block();
        UUID other = fixtures.conversation(CurrentOwner.DEFAULT_OWNER, "kept", 10, true)
                .block();
        fixtures.generate(other, 10, 10, Instant.parse("2024-01-01T00:00:00Z")).block();

        client().delete()
                .uri("/api/v1/conversations/{id}", id)
                .exchange()
                .expectStatus()
                .isNoContent();

        for (String table : List.of(
                "messages", "imports", "message_search", "search_progress", "search_terms", "search_term_months")) {
            assertThat(count("SELECT count(*) FROM " + table + " WHERE conversation_id = :id", id))
                    .as(table)
                    .isZero();
        }
        assertThat(count("SELECT count(*) FROM conversations WHERE id = :id", id))
                .isZero();
        assertThat(count("SELECT count(*) FROM messages WHERE conversation_id = :id", other))
                .isEqualTo(10);
        client().get()
                .uri("/api/v1/conversations/{id}", id)
                .exchange()
                .expectStatus()
                .isNotFound();

        String key = id.toString();
        for (String topic : List.of(ParleyTopics.MESSAGES, ParleyTopics.ENRICHMENTS)) {
            expectTombstone(topic, key);
        }
        expectTombstone(ParleyTopics.IMPORTS, importId.toString());
    }

    @Test
    void delete_whoseCallerGoesAway_stillRemovesEverythingAndWritesTombstones() {
        var fixtures = new MessageFixtures(database);
        UUID id = fixtures.conversation(CurrentOwner.DEFAULT_OWNER, "deleted by a client that left", 2_000, true)
                .block();
        fixtures.generate(id, 2_000, 10, Instant.parse("2024-01-01T00:00:00Z")).block();
        client().get()
                .uri("/api/v1/conversations/{id}", id)
                .exchange()
                .expectStatus()
                .isOk();

        // the client disconnects right after asking: what it asked for is still done, all of it
        deleter.delete(CurrentOwner.DEFAULT_OWNER, id).subscribe().dispose();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(count("SELECT count(*) FROM conversations WHERE id = :id", id))
                        .isZero());
        assertThat(count("SELECT count(*) FROM messages WHERE conversation_id = :id", id))
                .isZero();
        expectTombstone(ParleyTopics.MESSAGES, id.toString());
        // the cached conversation was dropped at the commit, before the tombstones went out
        client().get()
                .uri("/api/v1/conversations/{id}", id)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private void expectTombstone(String topic, String key) {
        Flux<InboundEvent> tombstones =
                receiver.receive(topic, "tombstones-" + UUID.randomUUID()).filter(event -> key.equals(event.key()));
        StepVerifier.create(tombstones.take(1).map(event -> event.value() == null))
                .expectNext(true)
                .expectComplete()
                .verify(Duration.ofSeconds(60));
    }

    private long count(String sql, UUID id) {
        return database.sql(sql)
                .bind("id", id)
                .map(row -> row.get(0, Long.class))
                .one()
                .block();
    }
}
