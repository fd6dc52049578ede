package dev.parley.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.messages.MessageFixtures;
import dev.parley.server.owner.CurrentOwner;
import dev.parley.server.testing.ParleyIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/** Each message is indexed in the text search configuration of its detected language and searched in it. */
@ParleyIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchLanguageIntegrationTests {

    private static final Instant BASE = Instant.parse("2024-07-01T12:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient database;

    WebTestClient client;
    UUID id;

    @BeforeAll
    void insertAndIndex() {
        client =
                WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        var f = new MessageFixtures(database);
        id = f.conversation(CurrentOwner.DEFAULT_OWNER, "Languages", 4, false).block();
        Flux.concat(
                        f.message(id, 0, BASE, "Alice", "TEXT", "We were running late again, sorry", null),
                        f.message(
                                id,
                                1,
                                BASE.plusSeconds(60),
                                "Bernd",
                                "TEXT",
                                "Wir sind gestern in den Bergen gewandert und es war schön",
                                null),
                        f.message(id, 2, BASE.plusSeconds(120), "Carla", "TEXT", "Zurich", null),
                        f.message(id, 3, BASE.plusSeconds(180), "Alice", "TEXT", "The runners were there", null))
                .blockLast();
        database.sql("UPDATE conversations SET visible = true WHERE id = :id")
                .bind("id", id)
                .then()
                .block();
        SearchIndexing.awaitIndexed(database, id, 4, Duration.ofSeconds(30));
    }

    @Test
    void indexer_storesTheConfigurationOfEachMessagesLanguage() {
        List<String> configs = database.sql(
                        "SELECT config::text FROM message_search WHERE conversation_id = :id" + " ORDER BY ordinal")
                .bind("id", id)
                .map(row -> row.get(0, String.class))
                .all()
                .collectList()
                .block();

        assertThat(configs).containsExactly("english", "german", "simple", "english");
    }

    @Test
    void search_stemsEnglishWords_soRunFindsRunning() {
        assertThat(ordinals("run")).containsExactly(0L);
        assertThat(ordinals("runs")).containsExactly(0L);
        assertThat(ordinals("running")).containsExactly(0L);
        assertThat(ordinals("runner")).containsExactly(3L);
    }

    @Test
    void search_stemsGermanWords_soBergFindsBergen() {
        assertThat(ordinals("Berg")).containsExactly(1L);
    }

    @Test
    void search_keepsUndeterminedTextUnstemmed() {
        assertThat(ordinals("zurich")).containsExactly(2L);
        assertThat(ordinals("zuric")).isEmpty();
        // English, German, French and Dutch stem this to "zurich": the message is not in any of them
        assertThat(ordinals("zurichs")).isEmpty();
    }

    @Test
    void search_highlightsTheStemmedMatch() {
        JsonNode hit = search("run").get("items").get(0);
        assertThat(hit.get("snippet").asString()).contains("<mark>running</mark>");
    }

    private List<Long> ordinals(String q) {
        List<Long> ordinals = new ArrayList<>();
        search(q)
                .get("items")
                .forEach(hit -> ordinals.add(hit.get("message").get("ordinal").asLong()));
        return ordinals;
    }

    private JsonNode search(String q) {
        return client.get()
                .uri(uri -> uri.path("/api/v1/search")
                        .queryParam("q", q)
                        .queryParam("conversationId", id)
                        .build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }
}
