package dev.parley.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.messages.MessageFixtures;
import dev.parley.server.owner.CurrentOwner;
import dev.parley.server.testing.ParleyIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * Search relevance on a small fixture, once the background indexer has caught up. (Which route a one-conversation
 * search takes for words of every frequency: {@link SearchPlanningIntegrationTests}.)
 */
@ParleyIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient database;

    WebTestClient client;
    UUID family;
    UUID friends;

    @BeforeAll
    void insertAndIndex() {
        client =
                WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        var f = new MessageFixtures(database);
        // visible only once their rows are stored, as the import pipeline does: the indexer must not see a count
        // whose rows are not all there yet
        family = f.conversation(CurrentOwner.DEFAULT_OWNER, "Family", 6, false).block();
        friends =
                f.conversation(CurrentOwner.DEFAULT_OWNER, "Friends", 1, false).block();
        UUID foreign = f.conversation("someone-else", "Theirs", 1, true).block();
        UUID hidden = f.conversation(CurrentOwner.DEFAULT_OWNER, "Importing", 1, false)
                .block();
        Flux.concat(
                        f.message(family, 0, at(0), "Alice", "TEXT", "Let's meet at the train station tomorrow", null),
                        f.message(family, 1, at(1), "Bob", "TEXT", "The station was closed", null),
                        f.message(family, 2, at(2), "Alice", "TEXT", "pizza tonight?", null),
                        f.message(family, 3, at(3), "Bob", "TEXT", "I love pizza and pasta, pizza forever", null),
                        f.message(family, 4, at(4), "Bob", "DELETED", null, null),
                        f.message(family, 5, at(5), "Carol", "TEXT", "<b>pizza</b> & wine", null),
                        f.message(family, 6, at(6), "Alice", "TEXT", "pizza above the message count", null),
                        f.message(friends, 0, at(7), "Dave", "TEXT", "pizza party", null),
                        f.message(foreign, 0, at(8), "Eve", "TEXT", "pizza elsewhere", null),
                        f.message(hidden, 0, at(9), "Eve", "TEXT", "pizza hidden", null))
                .blockLast();
        database.sql("UPDATE conversations SET visible = true WHERE id IN (:a, :b)")
                .bind("a", family)
                .bind("b", friends)
                .then()
                .block();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> database.sql("SELECT count(*) FROM search_progress WHERE conversation_id IN (:a, :b)"
                                        + " AND indexed_count >= 1")
                                .bind("a", family)
                                .bind("b", friends)
                                .map(row -> row.get(0, Long.class))
                                .one()
                                .block()
                        == 2);
    }

    @Test
    void search_findsVisibleMessagesOfTheOwner_newestFirst() {
        JsonNode page = search(uri -> uri.queryParam("q", "pizza"));

        assertThat(hits(page)).containsExactly("Friends/0", "Family/5", "Family/3", "Family/2");
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void search_withWebSearchSyntax_matchesPhrasesAndExclusions() {
        assertThat(hits(search(uri -> uri.queryParam("q", "\"train station\""))))
                .containsExactly("Family/0");
        assertThat(hits(search(uri -> uri.queryParam("q", "station -closed")))).containsExactly("Family/0");
        assertThat(hits(search(uri -> uri.queryParam("q", "pasta or tomorrow"))))
                .containsExactly("Family/3", "Family/0");
    }

    @Test
    void search_byRank_putsTheDensestMatchFirst() {
        JsonNode page = search(uri -> uri.queryParam("q", "pizza").queryParam("order", "rank"));
        assertThat(hits(page).getFirst()).isEqualTo("Family/3");
        assertThat(hits(page)).hasSize(4);
    }

    @Test
    void search_newestFirst_reportsTheRanksThatOrderByRank() {
        Map<String, Double> newest = ranks(search(uri -> uri.queryParam("q", "pizza")));
        Map<String, Double> byRank =
                ranks(search(uri -> uri.queryParam("q", "pizza").queryParam("order", "rank")));

        assertThat(newest).hasSize(4).isEqualTo(byRank);
        assertThat(newest.values()).allSatisfy(rank -> assertThat(rank).isPositive());
    }

    @Test
    void search_filtersByConversationSenderAndTime() {
        assertThat(hits(search(uri -> uri.queryParam("q", "pizza").queryParam("conversationId", friends))))
                .containsExactly("Friends/0");
        // trigram / prefix match on names
        assertThat(hits(search(uri -> uri.queryParam("q", "pizza").queryParam("sender", "ali"))))
                .containsExactly("Family/2");
        assertThat(hits(search(uri -> uri.queryParam("q", "pizza")
                        .queryParam("from", at(3).toString())
                        .queryParam("to", at(6).toString()))))
                .containsExactly("Family/5", "Family/3");
    }

    @Test
    void search_pagesWithCursors_inBothOrders() {
        for (String order : List.of("newest", "rank")) {
            List<String> all = new ArrayList<>();
            String cursor = null;
            do {
                String current = cursor;
                JsonNode page = search(uri -> {
                    uri.queryParam("q", "pizza").queryParam("limit", 1).queryParam("order", order);
                    return current == null ? uri : uri.queryParam("cursor", current);
                });
                all.addAll(hits(page));
                cursor = page.get("nextCursor").isNull()
                        ? null
                        : page.get("nextCursor").asString();
            } while (cursor != null);
            assertThat(all).as(order).containsExactlyInAnyOrder("Friends/0", "Family/5", "Family/3", "Family/2");
        }
    }

    @Test
    void search_inOneConversation_pagesNewestFirst() {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            String current = cursor;
            JsonNode page = search(uri -> {
                uri.queryParam("q", "pizza").queryParam("limit", 1).queryParam("conversationId", family);
                return current == null ? uri : uri.queryParam("cursor", current);
            });
            all.addAll(hits(page));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(all).containsExactly("Family/5", "Family/3", "Family/2");
    }

    @Test
    void search_snippetIsEscapedHtmlWithMarks_andTheContextCursorOpensTheHit() {
        JsonNode hit = search(uri -> uri.queryParam("q", "wine")).get("items").get(0);

        // ts_headline's parser drops tag-like tokens; everything else is escaped
        assertThat(hit.get("snippet").asString())
                .endsWith(" &amp; <mark>wine</mark>")
                .doesNotContain("<b>");
        assertThat(hit.get("message").get("text").asString()).isEqualTo("<b>pizza</b> & wine");
        JsonNode context = client.get()
                .uri(uri -> uri.path("/api/v1/conversations/{id}/messages")
                        .queryParam("limit", 2)
                        .queryParam("cursor", hit.get("contextCursor").asString())
                        .build(family))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(context.get("items").get(0).get("ordinal").asLong()).isEqualTo(5);
        assertThat(context.get("prevCursor").isNull()).isFalse();
    }

    @Test
    void search_withoutQuery_is400() {
        client.get()
                .uri("/api/v1/search?q=")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://parley.dev/problems/invalid-query");
    }

    private JsonNode search(Function<UriBuilder, UriBuilder> query) {
        return client.get()
                .uri(uri -> query.apply(uri.path("/api/v1/search")).build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static List<String> hits(JsonNode page) {
        List<String> hits = new ArrayList<>();
        page.get("items")
                .forEach(hit -> hits.add(hit.get("conversationTitle").asString() + "/"
                        + hit.get("message").get("ordinal").asLong()));
        return hits;
    }

    private static Map<String, Double> ranks(JsonNode page) {
        Map<String, Double> ranks = new HashMap<>();
        page.get("items")
                .forEach(hit -> ranks.put(
                        hit.get("conversationTitle").asString() + "/"
                                + hit.get("message").get("ordinal").asLong(),
                        hit.get("rank").asDouble()));
        return ranks;
    }

    private static Instant at(int minutes) {
        return Instant.parse("2024-06-01T12:00:00Z").plusSeconds(60L * minutes);
    }
}
