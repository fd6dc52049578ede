package dev.parley.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.messages.MessageFilter;
import dev.parley.server.messages.MessageFixtures;
import dev.parley.server.owner.CurrentOwner;
import dev.parley.server.testing.ParleyIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Newest-first search in one conversation plans its first step from the indexer's term counts. On 3,000 messages
 * (three per minute, so the ordinal breaks ties) words of every frequency take every route — a frequent word fills
 * its pages from the newest rows, a rare one goes straight to the GIN index, a word frequent only in old messages
 * is read since the day its months plan after the walk, a negation walks the fixed window — and each query, paged 20
 * at a time, must return exactly the hits a plain query over {@code message_search} finds. A second conversation
 * holds "beta" in every message: in the first, that rare word's matches are then collected in the conversation
 * alone, while "iota", found nowhere else, is collected in every conversation.
 *
 * <p>Search in all of an owner's conversations is planned from the same counts, summed over them. Other test classes
 * add conversations of the one HTTP owner, so those cases search the repository as an owner of their own, who holds
 * one conversation alone: the first one's, with other words ("kappa", "lambda", "sigma", "omega" for "alpha",
 * "delta", "beta", "gamma"), so that it does not change their counts.
 *
 * <p>Search by rank ranks the newest 20 matches ({@code rank-candidates}), however they are found: a frequent word's
 * since a day planned from its counts, a rare word's through the GIN step.
 */
@ParleyIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"parley.search.recent-window=20", "parley.search.rank-candidates=20"})
class SearchPlanningIntegrationTests {

    private static final int MESSAGES = 3_000;

    /** How many messages hold each word (see the bodies below). */
    private static final Map<String, Long> FREQUENCIES = Map.of(
            "alpha", 1_500L, // every second message: walks 84 rows (2 × 21 × 3,000 / 1,500)
            "delta", 300L, // every tenth: 300² > 21 × 3,000, walks 420 rows, expects 42 hits
            "beta", 75L, // every fortieth: 75² ≤ 21 × 3,000, rare, straight to the index
            "gamma", 334L, // every third of the oldest 1,000: the 378-row walk finds none, then the day by month
            "iota", 30L); // every hundredth: rare, straight to the index

    /** Messages of the second conversation, each with "beta": 3,000 < 1,000 × 500, so "beta" is collected here. */
    private static final int ELSEWHERE = 500;

    /** {@code parley.search.rank-candidates} in this test. */
    private static final int RANK_CANDIDATES = 20;

    /** The owner of a copy of the first conversation, and of nothing else. */
    private static final String PLANNER = "planner";

    /** The owner of a conversation of {@value #HISTORY} messages ten minutes apart, and of nothing else. */
    private static final String HISTORIAN = "historian";

    /**
     * "epsilon" is in every tenth of its oldest 7,000 messages and in one in a hundred after them: May holds 13 of its
     * 730 matches, so search by rank takes April's 275 (messages 4,420 to 8,650) as spread evenly and plans the
     * matches since the day of message 8,465 (from 8,448 on), which holds 16 of them. "zeta" is in every
     * second of its oldest 5,000 messages and in none after them. "eta" is in every fifth of its oldest 5,000 and in
     * one in forty after them. Message i is sent 10·i minutes after 2024-03-01T08:00Z: from message 8,736 on in May.
     */
    private static final int HISTORY = 10_000;

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient database;

    @Autowired
    SearchIndexer indexer;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SearchRepository search;

    @Autowired
    SearchConnections connections;

    WebTestClient client;
    UUID conversation;
    UUID elsewhere;
    UUID copy;
    UUID history;

    @BeforeAll
    void insertAndIndex() {
        client =
                WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        conversation = insert(
                CurrentOwner.DEFAULT_OWNER,
                "Planning",
                MESSAGES,
                "concat_ws(' ', " + bodies("alpha", "delta", "beta", "gamma")
                        + ", CASE WHEN i % 100 = 50 THEN 'iota' END)");
        elsewhere = insert(CurrentOwner.DEFAULT_OWNER, "Elsewhere", ELSEWHERE, "concat_ws(' ', 'beta', i)");
        copy = insert(PLANNER, "Planning, a copy", MESSAGES, bodies("kappa", "lambda", "sigma", "omega"));
        history = insert(
                HISTORIAN,
                "History",
                HISTORY,
                "concat_ws(' ', 'note', i, CASE WHEN (i < 7000 AND i % 10 = 0) OR i % 100 = 50 THEN 'epsilon' END,"
                        + " CASE WHEN i < 5000 AND i % 2 = 0 THEN 'zeta' END,"
                        + " CASE WHEN (i < 5000 AND i % 5 = 0) OR i % 40 = 0 THEN 'eta' END)",
                "i * 10");
        SearchIndexing.awaitIndexed(database, history, HISTORY, Duration.ofSeconds(60));
        SearchIndexing.awaitIndexed(database, elsewhere, ELSEWHERE, Duration.ofSeconds(60));
        SearchIndexing.awaitIndexed(database, copy, MESSAGES, Duration.ofSeconds(60));
        awaitIndexed();
    }

    /** Bodies with a word in every second message, one in every tenth, every fortieth and every third of 1,000. */
    private static String bodies(String second, String tenth, String fortieth, String oldThird) {
        return "concat_ws(' ', 'note', i, CASE WHEN i % 2 = 0 THEN '" + second + "' END,"
                + " CASE WHEN i % 10 = 0 THEN '" + tenth + "' END, CASE WHEN i % 40 = 0 THEN '" + fortieth + "' END,"
                + " CASE WHEN i < 1000 AND i % 3 = 0 THEN '" + oldThird + "' END)";
    }

    /**
     * A visible conversation of {@code owner} with {@code rows} messages, three a minute, with the bodies
     * {@code body} makes of i.
     */
    private UUID insert(String owner, String title, int rows, String body) {
        return insert(owner, title, rows, body, "i / 3");
    }

    /** {@link #insert(String, String, int, String)} with message i sent {@code minutes} (of i) after the first. */
    private UUID insert(String owner, String title, int rows, String body, String minutes) {
        UUID id = new MessageFixtures(database)
                .conversation(owner, title, rows, false)
                .block();
        database.sql("INSERT INTO messages (conversation_id, ordinal, sent_at, local_time, sender, kind, body, edited,"
                        + " import_id)"
                        + " SELECT :id, i, :base + make_interval(mins => (" + minutes + ")::int),"
                        + " (:base + make_interval(mins => (" + minutes
                        + ")::int)) AT TIME ZONE 'UTC', 'Alice', 'TEXT', "
                        + body + ", false, :id FROM generate_series(0, :rows - 1) AS i")
                .bind("id", id)
                .bind("base", Instant.parse("2024-03-01T08:00:00Z"))
                .bind("rows", rows)
                .then()
                .then(database.sql("UPDATE conversations SET visible = true WHERE id = :id")
                        .bind("id", id)
                        .then())
                .block();
        return id;
    }

    @Test
    void indexer_countsTheMessagesThatHoldEachWord() {
        FREQUENCIES.forEach(
                (word, messages) -> assertThat(termCount(word)).as(word).isEqualTo(messages));
        assertThat(termCountsDifferingFromARecount()).isZero();
    }

    @Test
    void indexer_countsTheMessagesThatHoldEachWord_byMonth_withTheFirstAndTheLast() {
        Instant first = Instant.parse("2024-03-01T08:00:00Z");
        // "eta" in May: every fortieth message from 8,736 on, 8,760 to 9,960
        assertThat(monthCount(history, "eta", "2024-05-01T00:00:00Z"))
                .isEqualTo(
                        List.of(31L, first.plus(Duration.ofMinutes(87_600)), first.plus(Duration.ofMinutes(99_600))));
        assertThat(monthCountsDifferingFromARecount(history)).isZero();
        assertThat(monthCountsDifferingFromARecount(conversation)).isZero();
    }

    @Test
    void indexer_runningOverIndexedMessagesAgain_countsNothingTwice() {
        database.sql("UPDATE search_progress SET indexed_count = 0 WHERE conversation_id = :id")
                .bind("id", conversation)
                .then()
                .then(indexer.indexPending())
                .block();
        awaitIndexed();

        assertThat(termCount("alpha")).isEqualTo(FREQUENCIES.get("alpha"));
        assertThat(termCountsDifferingFromARecount()).isZero();
        assertThat(monthCountsDifferingFromARecount(conversation)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alpha", "delta", "beta", "gamma", "alpha -delta", "beta or gamma", "alpha delta"})
    void search_inOneConversation_pagesThroughEveryHitNewestFirst_whateverTheWordsFrequency(String query) {
        List<Long> expected = newestMatchesFirst(conversation, query);
        assertThat(expected).as("the fixture holds hits of " + query).hasSizeGreaterThan(20);

        List<Long> found = pageOverHttp(query, "newest", 20);

        assertThat(found).containsExactlyElementsOf(expected);
    }

    @Test
    void search_ofARareWord_collectsItsMatchesInTheConversationAlone_whenOtherConversationsHoldMoreOfThem() {
        assertThat(routeOfFirstPage("beta", "newest")).isEqualTo("here");
        assertThat(routeOfFirstPage("iota", "newest")).isEqualTo("everywhere");
        // frequent, but only in old messages: the walk finds none, then the day its months plan
        assertThat(routeOfFirstPage("gamma", "newest")).isEqualTo("earlier");
        assertThat(routeOfFirstPage("alpha", "newest")).isEqualTo("recent");
    }

    @Test
    void searchByRank_findsAFrequentWordsCandidatesSinceThePlannedDay_andARareWordsThroughTheGinStep() {
        // 80 rows (2 × 20 × 3,000 / 1,500) ≤ 16 × 20: walks
        assertThat(routeOfFirstPage("alpha", "rank")).isEqualTo("recent");
        // 400 rows > 16 × 20: the matches since the day of the oldest of them
        assertThat(routeOfFirstPage("delta", "rank")).isEqualTo("since");
        assertThat(routeOfFirstPage("beta", "rank")).isEqualTo("here");
        assertThat(routesOfFirstPage("kappa", true)).containsExactly("recent");
        assertThat(routesOfFirstPage("lambda", true)).containsExactly("since");
        assertThat(routesOfFirstPage("sigma", true)).containsExactly("everywhere");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kappa", "lambda", "sigma", "omega", "kappa -lambda", "sigma or omega", "kappa lambda"})
    void search_inAllConversations_pagesThroughEveryHitNewestFirst_whateverTheWordsFrequency(String query) {
        List<Long> expected = newestMatchesFirst(copy, query);
        assertThat(expected).as("the fixture holds hits of " + query).hasSizeGreaterThan(20);

        List<Long> found = pageThroughRepository(query, false, 20);

        assertThat(found).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alpha", "alpha or delta", "delta or beta", "beta", "gamma or beta", "alpha -delta"})
    void searchByRank_inOneConversation_pagesThroughTheNewestMatchesBestFirst(String query) {
        List<Long> expected = newestMatchesBestFirst(conversation, query);

        List<Long> found = pageOverHttp(query, "rank", 15);

        assertThat(found).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kappa", "kappa or lambda", "lambda or sigma", "sigma", "omega or sigma", "kappa -lambda"})
    void searchByRank_inAllConversations_pagesThroughTheNewestMatchesBestFirst(String query) {
        List<Long> expected = newestMatchesBestFirst(copy, query);

        List<Long> found = pageThroughRepository(query, true, 15);

        assertThat(found).containsExactlyElementsOf(expected);
    }

    @Test
    void searchByRank_beforeADate_walksBackFromIt_forTheNewestMatchesBeforeIt() {
        // ordinals from 1,440 on are sent at 16:00 or later; "delta" is planned by day without a date
        Instant to = Instant.parse("2024-03-01T16:00:00Z");
        List<Long> expected = newestMatchesBestFirst(conversation, "delta", to);
        Map<String, Double> before = routes();

        List<SearchRepository.Row> rows = byRank(CurrentOwner.DEFAULT_OWNER, "delta", conversation, before(to));

        assertThat(rows).extracting(row -> row.message().ordinal()).containsExactlyElementsOf(expected);
        Map<String, Double> after = routes();
        assertThat(after.get("recent")).isGreaterThan(before.getOrDefault("recent", 0.0));
    }

    @Test
    void searchByRank_ofAWordRarerRecentlyThanOnAverage_looksSixteenWalksBack_beforeCollectingEveryMatch() {
        List<Long> expected = newestMatchesBestFirst(history, "epsilon");
        Map<String, Double> before = routes();

        assertByRankInTheHistory("epsilon", MessageFilter.NONE, expected, "earlier");
        assertThat(routes().get("earlier")).isEqualTo(before.getOrDefault("earlier", 0.0) + 2);
    }

    @Test
    void searchByRank_ofAWordRarerRecentlyThanOnAverage_findsItsCandidatesSinceTheDayItsMonthsPlan() {
        // by its 1,125 matches "eta" would walk 355 rows (2 × 20 × 10,000 / 1,125), and the matches since the day of
        // the oldest of them are 10: planned from its average rate, the day left the candidates short. By month, its
        // newest 25 (5/4 × 20) lie in May, which holds 31 from message 8,760 to 9,960: the day of message 8,992 (from
        // 8,880 on) holds 28 of them
        List<Long> expected = newestMatchesBestFirst(history, "eta");

        assertByRankInTheHistory("eta", MessageFilter.NONE, expected, "since");
    }

    @Test
    void searchByRank_ofAWordAbsentBeforeADate_looksSixteenWalksBackFromTheDate() {
        // by its 2,500 matches "zeta" walks 160 rows (2 × 20 × 10,000 / 2,500). The walk back from message 6,000
        // finds none; sixteen walks back from the newest message start at message 7,440, after the date, and sixteen
        // walks back from the date at message 3,440, which leaves hundreds of matches before it
        Instant to = Instant.parse("2024-03-01T08:00:00Z").plus(Duration.ofMinutes(6_000 * 10));
        List<Long> expected = newestMatchesBestFirst(history, "zeta", to);

        assertByRankInTheHistory("zeta", before(to), expected, "earlier");
    }

    @Test
    void search_ofAWordRarerRecentlyThanOnAverage_looksSixteenWalksBack_andPagesThroughEveryHitNewestFirst() {
        List<Long> expected = newestMatchesFirst(history, "epsilon");
        List<List<SearchRepository.Row>> pages = pagesFromRepository(
                after -> new SearchRepository.Request(
                        HISTORIAN, "epsilon", history, MessageFilter.NONE, null, false, after, 20 + 1),
                20);

        assertThat(pages.stream().flatMap(List::stream).map(row -> row.message().ordinal()))
                .containsExactlyElementsOf(expected);
        // the walk of 575 rows finds 6 of the newest matches; sixteen walks back hold hundreds
        assertThat(pages.getFirst().getFirst().route()).isEqualTo("earlier");
    }

    @Test
    void search_ofAWordAbsentFromTheNewestMessages_readsSinceTheDayItsMonthsPutItsNewestMatches() {
        // "zeta" is in none of the newest 5,000 messages: the walk (168 rows) and the day sixteen walks back (from
        // message 7,312's) find none of its 2,500 matches, and every one was collected through the GIN index. Its
        // months put twice a page's matches in April: 292, from message 4,416 to 4,998, so the day of message 4,914
        // (from 4,848 on), which holds 76
        List<Long> expected = newestMatchesFirst(history, "zeta");

        assertNewestFirstInTheHistory("zeta", MessageFilter.NONE, 20, expected, "earlier");
    }

    @Test
    void searchByRank_ofAWordAbsentFromTheNewestMessages_readsSinceTheDayItsMonthsPutItsNewestMatches() {
        List<Long> expected = newestMatchesBestFirst(history, "zeta");

        assertByRankInTheHistory("zeta", MessageFilter.NONE, expected, "earlier");
    }

    @Test
    void search_inAllConversations_ofAWordRarerRecentlyThanOnAverage_looksSixteenWalksBackFromEachCursor() {
        List<Long> expected = newestMatchesFirst(history, "epsilon");
        List<List<SearchRepository.Row>> pages = pagesFromRepository(
                after -> new SearchRepository.Request(
                        HISTORIAN, "epsilon", null, MessageFilter.NONE, null, false, after, 5 + 1),
                5);

        assertThat(pages.stream().flatMap(List::stream).map(row -> row.message().ordinal()))
                .containsExactlyElementsOf(expected);
        // each walk of 164 rows finds one or two matches among the newest 3,000 messages (one in a hundred), and
        // sixteen walks back from the cursor hold more than a page. Before the sixth page's cursor (message 7,550),
        // the day sixteen walks back from the newest message (message 7,376's, from 7,296 on) holds two matches, so
        // only a day planned from the cursor fills that page
        assertThat(pages.subList(0, 6))
                .allSatisfy(page ->
                        assertThat(page).extracting(SearchRepository.Row::route).containsOnly("earlier"));
    }

    @Test
    void search_ofAWordRarerRecentlyThanOnAverage_beforeADate_looksSixteenWalksBackFromTheDate() {
        // message 7,550's time: the day sixteen walks (of 164 rows) back from the newest message holds two matches
        // before it, the day sixteen walks back from it a few hundred
        Instant to = Instant.parse("2024-03-01T08:00:00Z").plus(Duration.ofMinutes(7_550 * 10));
        MessageFilter beforeTo = before(to);
        List<Long> expected = database.sql("SELECT s.ordinal FROM message_search s WHERE s.conversation_id = :id"
                        + " AND s.tsv @@ websearch_to_tsquery(s.config, 'epsilon') AND s.sent_at < :to"
                        + " ORDER BY s.sent_at DESC, s.ordinal DESC")
                .bind("id", history)
                .bind("to", to)
                .map(row -> row.get(0, Long.class))
                .all()
                .collectList()
                .block();
        assertThat(expected).as("the fixture holds hits before " + to).hasSizeGreaterThan(100);

        assertNewestFirstInTheHistory("epsilon", beforeTo, 5, expected, "earlier");
    }

    /** The first page of {@code owner}'s search by rank in {@code conversationOrAll} (null: all conversations). */
    private List<SearchRepository.Row> byRank(
            String owner, String query, @Nullable UUID conversationOrAll, MessageFilter filter) {
        return search.search(new SearchRepository.Request(
                        owner, query, conversationOrAll, filter, null, true, null, RANK_CANDIDATES))
                .block();
    }

    /**
     * Searches {@code query} by rank in the history conversation and in all of {@link #HISTORIAN}'s: both find the
     * {@code expected} hits, all from {@code route}.
     */
    private void assertByRankInTheHistory(String query, MessageFilter filter, List<Long> expected, String route) {
        for (UUID conversationOrAll : new UUID[] {history, null}) {
            List<SearchRepository.Row> rows = byRank(HISTORIAN, query, conversationOrAll, filter);

            String where = conversationOrAll == null ? "in all conversations" : "in the conversation";
            assertThat(rows)
                    .as(where)
                    .extracting(row -> row.message().ordinal())
                    .containsExactlyElementsOf(expected);
            assertThat(rows).as(where).extracting(SearchRepository.Row::route).containsOnly(route);
        }
    }

    /**
     * Pages through {@code query}, newest first, {@code size} at a time, in the history conversation and in all of
     * {@link #HISTORIAN}'s: both find every one of the {@code expected} hits, the first page from {@code route}.
     */
    private void assertNewestFirstInTheHistory(
            String query, MessageFilter filter, int size, List<Long> expected, String route) {
        for (UUID conversationOrAll : new UUID[] {history, null}) {
            List<List<SearchRepository.Row>> pages = pagesFromRepository(
                    after -> new SearchRepository.Request(
                            HISTORIAN, query, conversationOrAll, filter, null, false, after, size + 1),
                    size);

            String where = conversationOrAll == null ? "in all conversations" : "in the conversation";
            assertThat(pages.stream()
                            .flatMap(List::stream)
                            .map(row -> row.message().ordinal()))
                    .as(where)
                    .containsExactlyElementsOf(expected);
            assertThat(pages.getFirst())
                    .as(where)
                    .extracting(SearchRepository.Row::route)
                    .containsOnly(route);
        }
    }

    /** Messages sent before {@code to}. */
    private static MessageFilter before(Instant to) {
        return new MessageFilter(null, to, null, List.of());
    }

    /** The ordinals of every hit of {@code query} in {@code conversation}, newest first, by a plain query. */
    private List<Long> newestMatchesFirst(UUID conversation, String query) {
        return database.sql("SELECT s.ordinal FROM message_search s WHERE s.conversation_id = :id"
                        + " AND s.tsv @@ websearch_to_tsquery(s.config, :q) ORDER BY s.sent_at DESC, s.ordinal DESC")
                .bind("id", conversation)
                .bind("q", query)
                .map(row -> row.get(0, Long.class))
                .all()
                .collectList()
                .block();
    }

    /**
     * The ordinals of the newest {@link #RANK_CANDIDATES} hits of {@code query} in {@code conversation}, best rank
     * first (ties newest first), by a plain query over {@code message_search}.
     */
    private List<Long> newestMatchesBestFirst(UUID conversation, String query) {
        return newestMatchesBestFirst(conversation, query, Instant.parse("9999-01-01T00:00:00Z"));
    }

    /** {@link #newestMatchesBestFirst(UUID, String)} among the messages sent before {@code to}. */
    private List<Long> newestMatchesBestFirst(UUID conversation, String query, Instant to) {
        List<Long> expected = database.sql("SELECT ordinal FROM (SELECT s.ordinal, s.sent_at,"
                        + " ts_rank(s.tsv, websearch_to_tsquery(s.config, :q)) AS rank FROM message_search s"
                        + " WHERE s.conversation_id = :id AND s.tsv @@ websearch_to_tsquery(s.config, :q)"
                        + " AND s.sent_at < :to ORDER BY s.sent_at DESC, s.ordinal DESC LIMIT :candidates) c"
                        + " ORDER BY rank DESC, sent_at DESC, ordinal DESC")
                .bind("id", conversation)
                .bind("q", query)
                .bind("to", to)
                .bind("candidates", RANK_CANDIDATES)
                .map(row -> row.get(0, Long.class))
                .all()
                .collectList()
                .block();
        assertThat(expected).as("the fixture holds hits of " + query).hasSizeGreaterThan(15);
        return expected;
    }

    @Test
    void search_inAllConversations_walksTheNewestRowsForFrequentWords_andCollectsRareOnesThroughTheIndex() {
        assertThat(routesOfFirstPage("kappa", false)).containsExactly("recent");
        assertThat(routesOfFirstPage("lambda", false)).containsExactly("recent");
        assertThat(routesOfFirstPage("sigma", false)).containsExactly("everywhere");
        // frequent, but only in old messages: the walk finds none, then the day its months plan
        assertThat(routesOfFirstPage("omega", false)).containsExactlyInAnyOrder("none", "earlier");
    }

    @Test
    void searchConnections_planGenerically_whileTheMainPoolKeepsPostgresChoice() {
        String searchSetting = Mono.usingWhen(
                        connections.create(),
                        connection -> Mono.from(connection
                                        .createStatement("SHOW plan_cache_mode")
                                        .execute())
                                .flatMap(result -> Mono.from(result.map(row -> row.get(0, String.class)))),
                        Connection::close)
                .block();
        String mainSetting = database.sql("SHOW plan_cache_mode")
                .map(row -> row.get(0, String.class))
                .one()
                .block();

        assertThat(searchSetting).isEqualTo("force_generic_plan");
        assertThat(mainSetting).isEqualTo("auto");
    }

    /** The ordinals of every hit of {@code query} in the first conversation, in pages of {@code limit} over HTTP. */
    private List<Long> pageOverHttp(String query, String order, int limit) {
        List<Long> found = new ArrayList<>();
        String cursor = null;
        do {
            String current = cursor;
            JsonNode page = client.get()
                    .uri(uri -> {
                        uri.path("/api/v1/search")
                                .queryParam("q", query)
                                .queryParam("conversationId", conversation)
                                .queryParam("order", order)
                                .queryParam("limit", limit);
                        return (current == null ? uri : uri.queryParam("cursor", current)).build();
                    })
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            page.get("items")
                    .forEach(hit -> found.add(hit.get("message").get("ordinal").asLong()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);
        return found;
    }

    /**
     * The ordinals of every hit of {@code query} in all the conversations of {@link #PLANNER}, from the repository
     * in pages of {@code size}, each asked for one more row to know whether there are more (as the controller does).
     */
    private List<Long> pageThroughRepository(String query, boolean byRank, int size) {
        return pagesFromRepository(after -> everywhere(query, byRank, after, size), size).stream()
                .flatMap(List::stream)
                .map(row -> {
                    assertThat(row.conversationId()).isEqualTo(copy);
                    return row.message().ordinal();
                })
                .toList();
    }

    /**
     * The pages of {@code size} rows the repository answers, from the first to the last, each asked for with
     * {@code request} of where the previous one ended (null for the first); a request asks for one more row to know
     * whether there are more.
     */
    private List<List<SearchRepository.Row>> pagesFromRepository(
            Function<SearchRepository.@Nullable After, SearchRepository.Request> request, int size) {
        List<List<SearchRepository.Row>> pages = new ArrayList<>();
        SearchRepository.After after = null;
        List<SearchRepository.Row> page;
        do {
            page = search.search(request.apply(after)).block();
            if (page.isEmpty()) {
                break;
            }
            pages.add(page.subList(0, Math.min(page.size(), size)));
            SearchRepository.Row last = pages.getLast().getLast();
            after = new SearchRepository.After(
                    last.rank(),
                    last.message().sentAt(),
                    last.conversationId(),
                    last.message().ordinal());
        } while (page.size() > size);
        return pages;
    }

    /** A page of {@code size} (and one more) in all the conversations of {@link #PLANNER}. */
    private static SearchRepository.Request everywhere(
            String query, boolean byRank, SearchRepository.@Nullable After after, int size) {
        return new SearchRepository.Request(PLANNER, query, null, MessageFilter.NONE, null, byRank, after, size + 1);
    }

    /**
     * The routes, in order, of the statements that searched the repository for a first page of {@code query}, newest
     * first or by rank.
     */
    private List<String> routesOfFirstPage(String query, boolean byRank) {
        Map<String, Double> before = routes();
        // by rank, fewer than the candidates
        int size = byRank ? 15 : 20;
        assertThat(search.search(everywhere(query, byRank, null, size)).block()).hasSize(size + 1);
        Map<String, Double> after = routes();
        return after.keySet().stream()
                .filter(route -> after.get(route) > before.getOrDefault(route, 0.0))
                .sorted()
                .toList();
    }

    /**
     * The route the statements of a first page of {@code query} in the first conversation, in {@code order}, took,
     * from the search metric.
     */
    private String routeOfFirstPage(String query, String order) {
        Map<String, Double> before = routes();
        client.get()
                .uri(uri -> uri.path("/api/v1/search")
                        .queryParam("q", query)
                        .queryParam("conversationId", conversation)
                        .queryParam("order", order)
                        .queryParam("limit", 20)
                        .build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(20);
        Map<String, Double> after = routes();
        List<String> taken = after.keySet().stream()
                .filter(route -> after.get(route) > before.getOrDefault(route, 0.0))
                .filter(route -> !route.equals("none"))
                .toList();
        assertThat(taken).as("routes of " + query).hasSize(1);
        return taken.getFirst();
    }

    private Map<String, Double> routes() {
        return meters.find(SearchRepository.STATEMENTS).counters().stream()
                .collect(Collectors.toMap(counter -> counter.getId().getTag("route"), Counter::count));
    }

    private void awaitIndexed() {
        SearchIndexing.awaitIndexed(database, conversation, MESSAGES, Duration.ofSeconds(60));
    }

    private long termCount(String lexeme) {
        return database.sql("SELECT coalesce(max(matches), 0) FROM search_terms"
                        + " WHERE conversation_id = :id AND lexeme = :lexeme")
                .bind("id", conversation)
                .bind("lexeme", lexeme)
                .map(row -> row.get(0, Long.class))
                .one()
                .block();
    }

    /** The count, first and last time of the messages of {@code conversation} that hold {@code lexeme} in a month. */
    private List<Object> monthCount(UUID conversation, String lexeme, String month) {
        return database.sql("SELECT matches, first_sent_at, last_sent_at FROM search_term_months"
                        + " WHERE conversation_id = :id AND lexeme = :lexeme AND month = :month")
                .bind("id", conversation)
                .bind("lexeme", lexeme)
                .bind("month", Instant.parse(month))
                .map(row ->
                        List.<Object>of(row.get(0, Long.class), row.get(1, Instant.class), row.get(2, Instant.class)))
                .one()
                .block();
    }

    /** Rows of {@code search_term_months} that differ from a recount over {@code message_search}, or are missing. */
    private long monthCountsDifferingFromARecount(UUID conversation) {
        return database.sql("SELECT count(*) FROM (SELECT t.lexeme, date_trunc('month', s.sent_at, 'UTC') AS month,"
                        + " count(*) AS matches, min(s.sent_at) AS first_sent_at, max(s.sent_at) AS last_sent_at"
                        + " FROM message_search s, unnest(s.tsv) AS t WHERE s.conversation_id = :id"
                        + " GROUP BY t.lexeme, month) r"
                        + " FULL JOIN (SELECT * FROM search_term_months WHERE conversation_id = :id) c"
                        + " USING (lexeme, month)"
                        + " WHERE (r.matches, r.first_sent_at, r.last_sent_at)"
                        + " IS DISTINCT FROM (c.matches, c.first_sent_at, c.last_sent_at)")
                .bind("id", conversation)
                .map(row -> row.get(0, Long.class))
                .one()
                .block();
    }

    /** Lexemes whose count differs from one recomputed from {@code message_search}, in either direction. */
    private long termCountsDifferingFromARecount() {
        return database.sql("SELECT count(*) FROM (SELECT t.lexeme, count(*) AS matches FROM message_search s,"
                        + " unnest(s.tsv) AS t WHERE s.conversation_id = :id GROUP BY t.lexeme) r"
                        + " FULL JOIN (SELECT * FROM search_terms WHERE conversation_id = :id) c USING (lexeme)"
                        + " WHERE r.matches IS DISTINCT FROM c.matches")
                .bind("id", conversation)
                .map(row -> row.get(0, Long.class))
                .one()
                .block();
    }
}
