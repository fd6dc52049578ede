package dev.parley.server.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.database.DedicatedPools;
import dev.parley.server.owner.CurrentOwner;
import dev.parley.server.testing.ParleyIntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Keyset pages over a real database: every message exactly once in both directions, cursors that can't be forged. */
@ParleyIntegrationTest
// large fixtures; the search indexer would only compete for the two cores
@TestPropertySource(properties = "parley.search.indexer-enabled=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagesIntegrationTests {

    private static final long VISIBLE = 100_000;
    private static final Instant BASE = Instant.parse("2024-03-01T08:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient database;

    @Autowired
    ConnectionFactory connections;

    WebTestClient client;
    UUID big;
    UUID small;
    UUID hidden;
    UUID foreign;

    @BeforeAll
    void insertConversations() {
        client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .build();
        var fixtures = new MessageFixtures(database);
        big = fixtures.conversation(CurrentOwner.DEFAULT_OWNER, "big", VISIBLE, true)
                .block();
        // 25 rows above the bound: an import still running
        fixtures.generate(big, VISIBLE + 25, 1_500, BASE).block();
        small = fixtures.conversation(CurrentOwner.DEFAULT_OWNER, "small", 30, true)
                .block();
        fixtures.generate(small, 30, 5, BASE).block();
        hidden = fixtures.conversation(CurrentOwner.DEFAULT_OWNER, "hidden", 30, false)
                .block();
        fixtures.generate(hidden, 30, 5, BASE).block();
        foreign = fixtures.conversation("someone-else", "foreign", 30, true).block();
        fixtures.generate(foreign, 30, 5, BASE).block();
    }

    @Test
    void page_walkingForwardAndBackwardOver100kMessages_returnsEachVisibleMessageOnceInOrder() {
        List<JsonNode> forward = walk(big, "forward", "nextCursor", 500, Function.identity());
        List<JsonNode> backward = walk(big, "backward", "prevCursor", 500, Function.identity());

        assertThat(forward).hasSize((int) VISIBLE);
        assertExactlyOnceInOrder(forward);
        assertThat(forward).allMatch(message -> message.get("ordinal").asLong() < VISIBLE);
        assertThat(backward).hasSize((int) VISIBLE);
        assertExactlyOnceInOrder(backward);
        assertThat(backward).isEqualTo(forward);
    }

    @Test
    void page_nextThenPrev_returnsThePreviousPageAgain() {
        JsonNode first = page(big, uri -> uri.queryParam("limit", 100));
        JsonNode second = page(
                big,
                uri -> uri.queryParam("limit", 100)
                        .queryParam("cursor", first.get("nextCursor").asString()));
        JsonNode back = page(
                big,
                uri -> uri.queryParam("limit", 100)
                        .queryParam("cursor", second.get("prevCursor").asString()));

        assertThat(first.get("prevCursor").isNull()).isTrue();
        assertThat(back.get("items")).isEqualTo(first.get("items"));
        assertThat(second.get("items").get(0).get("sentAt").asString())
                .isGreaterThanOrEqualTo(first.get("items").get(99).get("sentAt").asString());
    }

    @Test
    void page_givenMessagesWithExtra_returnsTheMessageJsonShape() {
        JsonNode media = page(small, uri -> uri.queryParam("kind", "MEDIA").queryParam("limit", 1))
                .get("items")
                .get(0);

        assertThat(media.propertyNames())
                .containsExactly("ordinal", "localTime", "sentAt", "sender", "kind", "text", "attachment", "edited");
        assertThat(media.get("kind").asString()).isEqualTo("MEDIA");
        assertThat(media.get("attachment").get("mediaType").asString()).isEqualTo("IMAGE");
        JsonNode text = page(small, uri -> uri.queryParam("kind", "TEXT").queryParam("limit", 1))
                .get("items")
                .get(0);
        assertThat(text.get("attachment").isNull()).isTrue();
    }

    @Test
    void page_withFilters_returnsOnlyMatchingMessagesAcrossPages() {
        List<JsonNode> bobsMedia = walk(
                big,
                "forward",
                "nextCursor",
                200,
                uri -> uri.queryParam("sender", "Bob").queryParam("kind", "MEDIA"));

        // ordinals with i % 3 == 1 (Bob) and i % 10 == 0 (MEDIA)
        assertThat(bobsMedia).hasSize((int) (VISIBLE / 30));
        assertThat(bobsMedia)
                .allMatch(m -> m.get("sender").asString().equals("Bob")
                        && m.get("kind").asString().equals("MEDIA"));
        assertExactlyOnceInOrder(bobsMedia);
    }

    @Test
    void page_withEveryFilterBackward_returnsTheMatchingMessagesOfTheWindowAcrossPages() {
        // the fixture spreads the messages over 1,500 minutes from BASE
        Instant from = BASE.plusSeconds(60 * 300);
        Instant to = BASE.plusSeconds(60 * 900);
        List<JsonNode> bobsMedia = walk(
                big,
                "forward",
                "nextCursor",
                500,
                uri -> uri.queryParam("sender", "Bob").queryParam("kind", "MEDIA"));
        List<JsonNode> inWindow = walk(
                big,
                "backward",
                "prevCursor",
                40,
                uri -> uri.queryParam("sender", "Bob")
                        .queryParam("kind", "MEDIA")
                        .queryParam("from", from.toString())
                        .queryParam("to", to.toString()));

        List<JsonNode> expected = bobsMedia.stream()
                .filter(m -> {
                    Instant at = Instant.parse(m.get("sentAt").asString());
                    return !at.isBefore(from) && at.isBefore(to);
                })
                .toList();
        assertThat(expected).hasSizeGreaterThan(40);
        assertThat(inWindow).isEqualTo(expected);
    }

    @Test
    void page_fromADate_jumpsToTheFirstMessageAtOrAfterIt() {
        Instant jump = BASE.plusSeconds(60 * 700);
        JsonNode page = page(big, uri -> uri.queryParam("from", jump.toString()).queryParam("limit", 10));

        JsonNode first = page.get("items").get(0);
        assertThat(Instant.parse(first.get("sentAt").asString())).isEqualTo(jump);
        assertThat(page.get("prevCursor").isNull()).isTrue();
        JsonNode before = page(
                big,
                uri -> uri.queryParam("to", jump.toString())
                        .queryParam("direction", "backward")
                        .queryParam("limit", 10));
        JsonNode last = before.get("items").get(9);
        assertThat(Instant.parse(last.get("sentAt").asString())).isEqualTo(jump.minusSeconds(60));
    }

    @Test
    void page_givenTimesBefore2000WithFractions_returnsThemExactlyAndPagesOverThem() {
        // results are binary: before 2000 the microsecond count is negative, which the driver's own codec rejects
        // for a fraction of a second (phones with a reset clock write such dates)
        var fixtures = new MessageFixtures(database);
        UUID old = fixtures.conversation(CurrentOwner.DEFAULT_OWNER, "old clock", 3, true)
                .block();
        List<Instant> times = List.of(
                Instant.parse("1970-01-01T00:00:00.000001Z"),
                Instant.parse("1999-12-31T22:59:58.123456Z"),
                Instant.parse("1999-12-31T23:59:59.999999Z"));
        for (int i = 0; i < times.size(); i++) {
            fixtures.message(old, i, times.get(i), "Alice", "TEXT", "before 2000", null)
                    .block();
        }

        JsonNode first = page(old, uri -> uri.queryParam("limit", 2));
        JsonNode second = page(
                old, uri -> uri.queryParam("cursor", first.get("nextCursor").asString()));

        List<JsonNode> items = new ArrayList<>();
        first.get("items").forEach(items::add);
        second.get("items").forEach(items::add);
        assertThat(items)
                .extracting(item -> item.get("sentAt").asString())
                .containsExactly(
                        "1970-01-01T00:00:00.000001Z", "1999-12-31T22:59:58.123456Z", "1999-12-31T23:59:59.999999Z");
        assertThat(items)
                .extracting(item -> item.get("localTime").asString())
                .containsExactly(
                        "1970-01-01T00:00:00.000001", "1999-12-31T22:59:58.123456", "1999-12-31T23:59:59.999999");
    }

    @Test
    void page_givenTamperedOrForeignCursor_is400() {
        String cursor =
                page(big, uri -> uri.queryParam("limit", 5)).get("nextCursor").asString();
        char flipped = cursor.charAt(10) == 'A' ? 'B' : 'A';
        String tampered = cursor.substring(0, 10) + flipped + cursor.substring(11);

        expectInvalidCursor(big, tampered, "");
        expectInvalidCursor(big, "not-a-cursor!", "");
        expectInvalidCursor(small, cursor, "");
        expectInvalidCursor(big, cursor, "Bob");
    }

    @Test
    void page_givenHiddenForeignOrUnknownConversation_is404() {
        for (UUID id : List.of(hidden, foreign, UUID.randomUUID())) {
            client.get()
                    .uri("/api/v1/conversations/{id}/messages", id)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://parley.dev/problems/not-found");
        }
    }

    @Test
    void page_givenLimitAboveMaximumOrBadKind_is400() {
        client.get()
                .uri("/api/v1/conversations/{id}/messages?limit=501", small)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://parley.dev/problems/invalid-limit");
        client.get()
                .uri("/api/v1/conversations/{id}/messages?kind=SHOUT", small)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://parley.dev/problems/invalid-filter");
    }

    @Test
    void page_withoutLimit_returns50() {
        JsonNode page = page(big, Function.identity());
        assertThat(page.get("items").size()).isEqualTo(50);
    }

    @Test
    void page_preparesItsStatementWithThePageSizeInTheText_notAsAParameter() {
        // one connection, so the reads and the look at its prepared statements share a session
        ConnectionPool single = DedicatedPools.create(
                connections, "one-connection", 1, Duration.ofMinutes(1), new SimpleMeterRegistry(), Map.of());
        try {
            var repository = new MessageRepository(single);
            for (int limit : new int[] {11, 51, 51}) {
                var position = new MessagePosition(true, BASE.plus(Duration.ofMinutes(limit)), 0);
                assertThat(repository
                                .page(CurrentOwner.DEFAULT_OWNER, big, MessageFilter.NONE, position, true, limit)
                                .block())
                        .hasValueSatisfying(rows -> assertThat(rows).hasSize(limit));
            }

            List<String> prepared = Mono.usingWhen(
                            single.create(),
                            connection -> Flux.from(connection
                                            .createStatement("SELECT substring(statement FROM 'LIMIT [^)]*')"
                                                    + " || ' ' || parameter_types::text FROM pg_prepared_statements"
                                                    + " WHERE statement LIKE '%JOIN LATERAL%' ORDER BY 1")
                                            .execute())
                                    .concatMap(result -> result.map(row -> row.get(0, String.class)))
                                    .collectList(),
                            Connection::close)
                    .block();
            // a bound limit made PostgreSQL plan the statement anew on every read of a large conversation
            assertThat(prepared)
                    .containsExactly(
                            "LIMIT 11 {uuid,\"character varying\",\"timestamp with time zone\",bigint}",
                            "LIMIT 51 {uuid,\"character varying\",\"timestamp with time zone\",bigint}");
        } finally {
            single.dispose();
        }
    }

    private void expectInvalidCursor(UUID conversation, String cursor, String sender) {
        client.get()
                .uri(uri -> uri.path("/api/v1/conversations/{id}/messages")
                        .queryParam("cursor", cursor)
                        .queryParam("sender", sender)
                        .build(conversation))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://parley.dev/problems/invalid-cursor");
    }

    private JsonNode page(UUID conversation, Function<UriBuilder, UriBuilder> query) {
        return client.get()
                .uri(uri -> query.apply(uri.path("/api/v1/conversations/{id}/messages"))
                        .build(conversation))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private List<JsonNode> walk(
            UUID conversation, String direction, String follow, int limit, Function<UriBuilder, UriBuilder> filters) {
        List<List<JsonNode>> pages = new ArrayList<>();
        String cursor = null;
        do {
            String current = cursor;
            JsonNode page = page(conversation, uri -> {
                UriBuilder built = filters.apply(uri).queryParam("limit", limit).queryParam("direction", direction);
                return current == null ? built : built.queryParam("cursor", current);
            });
            List<JsonNode> items = new ArrayList<>();
            page.get("items").forEach(items::add);
            pages.add(items);
            JsonNode next = page.get(follow);
            cursor = next == null || next.isNull() ? null : next.asString();
            assertThat(pages).hasSizeLessThan(10_000);
        } while (cursor != null);
        if (follow.equals("prevCursor")) {
            // read backwards, the newest page comes first; each page is oldest first
            java.util.Collections.reverse(pages);
        }
        return pages.stream().flatMap(List::stream).toList();
    }

    private static void assertExactlyOnceInOrder(List<JsonNode> messages) {
        Comparator<JsonNode> order = Comparator.<JsonNode, Instant>comparing(
                        m -> Instant.parse(m.get("sentAt").asString()))
                .thenComparingLong(m -> m.get("ordinal").asLong());
        assertThat(messages).isSortedAccordingTo(order);
        Set<Long> ordinals = new HashSet<>();
        messages.forEach(
                m -> assertThat(ordinals.add(m.get("ordinal").asLong())).isTrue());
    }
}
