package dev.parley.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.messages.MessageFixtures;
import dev.parley.server.owner.CurrentOwner;
import dev.parley.server.testing.ParleyIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** txt export → HTTP import → the same messages, through the real import pipeline (Kafka + storage consumer). */
@ParleyIntegrationTest
class ExportRoundTripIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient database;

    @Test
    void exportTxt_thenImport_yieldsTheSameMessages() {
        WebTestClient client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024))
                .build();
        var fixtures = new MessageFixtures(database);
        UUID original = fixtures.conversation(CurrentOwner.DEFAULT_OWNER, "Round trip", 600, true)
                .block();
        fixtures.generate(original, 600, 120, Instant.parse("2024-02-29T23:00:00Z"))
                .block();

        byte[] txt = client.get()
                .uri("/api/v1/conversations/{id}/export?format=txt", original)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        JsonNode created = client.post()
                .uri("/api/v1/imports?fileName=WhatsApp Chat with Round trip.txt")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue(txt)
                .exchange()
                .expectStatus()
                .is2xxSuccessful()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        String importId = created.get("id").asString();
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    JsonNode status = client.get()
                            .uri("/api/v1/imports/{id}", importId)
                            .exchange()
                            .expectBody(JsonNode.class)
                            .returnResult()
                            .getResponseBody();
                    String state = status.get("status").asString();
                    assertThat(state).isNotIn("FAILED", "CANCELLED");
                    return state.equals("COMPLETED");
                });
        UUID imported = UUID.fromString(created.get("conversationId").asString());

        List<JsonNode> before = messages(client, original);
        List<JsonNode> after = messages(client, imported);

        assertThat(imported).isNotEqualTo(original);
        assertThat(after).hasSize(600).isEqualTo(before);
    }

    /**
     * All messages in time order, without ordinals (the re-import numbers them in export = time order) and without
     * what enrichment adds (the imported copy is enriched as it streams; the original rows were written directly).
     */
    private static List<JsonNode> messages(WebTestClient client, UUID conversation) {
        JsonNode page = client.get()
                .uri("/api/v1/conversations/{id}/messages?limit=500", conversation)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        List<JsonNode> all = new ArrayList<>();
        while (true) {
            page.get("items").forEach(item -> {
                ObjectNode copy = (ObjectNode) item.deepCopy();
                copy.remove(List.of("ordinal", "sentiment", "links"));
                all.add(copy);
            });
            if (page.get("nextCursor").isNull()) {
                return all;
            }
            String cursor = page.get("nextCursor").asString();
            page = client.get()
                    .uri(uri -> uri.path("/api/v1/conversations/{id}/messages")
                            .queryParam("limit", 500)
                            .queryParam("cursor", cursor)
                            .build(conversation))
                    .exchange()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
        }
    }
}
