package dev.parley.server.stats;

import dev.parley.server.conversations.Conversation;
import dev.parley.server.stats.ConversationStats.DayCount;
import dev.parley.server.stats.ConversationStats.DaySentiment;
import dev.parley.server.stats.ConversationStats.Ranked;
import dev.parley.server.stats.ConversationStats.SenderStats;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The aggregate queries behind {@link ConversationStats}, each over the visible messages
 * ({@code ordinal < message_count}) of one conversation. Independent queries run concurrently on the pool.
 */
@Repository
class StatsRepository {

    private static final String VISIBLE = " FROM messages m WHERE m.conversation_id = :id AND m.ordinal < :count";

    private final DatabaseClient database;
    private final StatsProperties properties;

    StatsRepository(DatabaseClient database, StatsProperties properties) {
        this.database = database;
        this.properties = properties;
        // loads the segmentation data here, on the starting thread, not on the first request's event loop
        new EmojiCounter().add("\uD83D\uDC4B");
    }

    Mono<ConversationStats> compute(Conversation conversation, long enriched) {
        Mono<List<SenderRow>> senders = senders(conversation);
        Mono<Map<String, Timing>> timings = timings(conversation);
        return Mono.zip(
                        senders,
                        timings,
                        perDay(conversation),
                        hourOfWeek(conversation),
                        emojis(conversation),
                        domains(conversation),
                        sentiment(conversation))
                .map(all -> {
                    Map<String, Timing> timing = all.getT2();
                    List<SenderStats> stats = all.getT1().stream()
                            .map(row -> {
                                Timing t = timing.getOrDefault(row.sender(), new Timing(0, null));
                                return new SenderStats(
                                        row.sender(),
                                        row.messages(),
                                        row.words(),
                                        row.media(),
                                        row.links(),
                                        row.first(),
                                        row.last(),
                                        t.started(),
                                        t.median());
                            })
                            .toList();
                    Timing overall = timing.get(OVERALL);
                    return new ConversationStats(
                            conversation.id(),
                            conversation.messageCount(),
                            enriched,
                            Instant.now(),
                            stats,
                            all.getT3(),
                            all.getT4(),
                            all.getT5(),
                            all.getT6(),
                            overall == null ? null : overall.median(),
                            all.getT7());
                });
    }

    private record SenderRow(
            String sender, long messages, long words, long media, long links, Instant first, Instant last) {}

    private record Timing(long started, @Nullable Double median) {}

    private static final String OVERALL = "\u0000overall";

    private Mono<List<SenderRow>> senders(Conversation c) {
        return bind(
                        "SELECT m.sender, count(*) AS messages,"
                                + " coalesce(sum(array_length(regexp_split_to_array(btrim(m.body), '\\s+'), 1))"
                                + " FILTER (WHERE m.kind IN ('TEXT', 'MEDIA') AND btrim(m.body) <> ''), 0) AS words,"
                                + " count(*) FILTER (WHERE m.kind = 'MEDIA') AS media,"
                                + " coalesce(sum(regexp_count(m.body, 'https?://\\S+', 1, 'i')), 0) AS links,"
                                + " min(m.sent_at) AS first, max(m.sent_at) AS last"
                                + VISIBLE
                                + " AND m.sender IS NOT NULL GROUP BY m.sender ORDER BY messages DESC, m.sender",
                        c)
                .map(row -> new SenderRow(
                        Objects.requireNonNull(row.get("sender", String.class)),
                        number(row.get("messages", Long.class)),
                        number(row.get("words", Long.class)),
                        number(row.get("media", Long.class)),
                        number(row.get("links", Long.class)),
                        Objects.requireNonNull(row.get("first", Instant.class)),
                        Objects.requireNonNull(row.get("last", Instant.class))))
                .all()
                .collectList();
    }

    /** Conversation starts and median response time per sender, and overall (the empty grouping set). */
    private Mono<Map<String, Timing>> timings(Conversation c) {
        String gap = "make_interval(secs => " + properties.conversationGap().toSeconds() + ")";
        return bind(
                        "WITH ordered AS (SELECT m.sender, m.sent_at, lag(m.sender) OVER w AS prev_sender,"
                                + " lag(m.sent_at) OVER w AS prev_at"
                                + VISIBLE
                                + " AND m.sender IS NOT NULL WINDOW w AS (ORDER BY m.sent_at, m.ordinal))"
                                + " SELECT sender, GROUPING(sender) AS overall,"
                                + " count(*) FILTER (WHERE prev_at IS NULL OR sent_at - prev_at > " + gap
                                + ") AS started,"
                                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - prev_at))"
                                + " FILTER (WHERE prev_sender <> sender AND sent_at - prev_at <= " + gap
                                + ") AS median"
                                + " FROM ordered GROUP BY GROUPING SETS ((sender), ())",
                        c)
                .map(row -> {
                    Integer overall = row.get("overall", Integer.class);
                    String sender = overall != null && overall == 1 ? OVERALL : row.get("sender", String.class);
                    return Map.entry(
                            Objects.requireNonNull(sender),
                            new Timing(number(row.get("started", Long.class)), row.get("median", Double.class)));
                })
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    private Mono<List<DayCount>> perDay(Conversation c) {
        return bind("SELECT m.local_time::date AS day, count(*) AS n" + VISIBLE + " GROUP BY 1 ORDER BY 1", c)
                .map(row -> new DayCount(
                        Objects.requireNonNull(row.get("day", LocalDate.class)), number(row.get("n", Long.class))))
                .all()
                .collectList();
    }

    private Mono<long[][]> hourOfWeek(Conversation c) {
        return bind(
                        "SELECT extract(isodow FROM m.local_time)::int AS dow, extract(hour FROM m.local_time)::int AS hour,"
                                + " count(*) AS n" + VISIBLE + " GROUP BY 1, 2",
                        c)
                .map(row -> new long[] {
                    number(row.get("dow", Integer.class)),
                    number(row.get("hour", Integer.class)),
                    number(row.get("n", Long.class))
                })
                .all()
                .collect(() -> new long[7][24], (grid, cell) -> grid[(int) cell[0] - 1][(int) cell[1]] = cell[2]);
    }

    /** Average sentiment per local day of the visible messages enrichment has scored. */
    private Mono<List<DaySentiment>> sentiment(Conversation c) {
        return bind(
                        "SELECT m.local_time::date AS day, avg(e.sentiment_score)::float8 AS score, count(*) AS n"
                                + " FROM messages m JOIN message_enrichment e"
                                + " ON e.conversation_id = m.conversation_id AND e.ordinal = m.ordinal"
                                + " WHERE m.conversation_id = :id AND m.ordinal < :count"
                                + " AND e.sentiment_status = 'SCORED' AND e.sentiment_score IS NOT NULL"
                                + " GROUP BY 1 ORDER BY 1",
                        c)
                .map(row -> new DaySentiment(
                        Objects.requireNonNull(row.get("day", LocalDate.class)),
                        Objects.requireNonNull(row.get("score", Double.class)),
                        number(row.get("n", Long.class))))
                .all()
                .collectList();
    }

    private Mono<List<Ranked>> domains(Conversation c) {
        return bind(
                        "SELECT lower(regexp_replace(u[1], '^www\\.', '', 'i')) AS domain, count(*) AS n"
                                + " FROM messages m CROSS JOIN LATERAL regexp_matches(m.body, 'https?://([^/\\s:?#]+)', 'gi') AS u"
                                + " WHERE m.conversation_id = :id AND m.ordinal < :count AND m.body LIKE '%://%'"
                                + " GROUP BY 1 ORDER BY n DESC, domain LIMIT " + properties.top(),
                        c)
                .map(row -> new Ranked(
                        Objects.requireNonNull(row.get("domain", String.class)), number(row.get("n", Long.class))))
                .all()
                .collectList();
    }

    /**
     * Bodies with non-ASCII text only, streamed through a database cursor and counted off the event loop (grapheme
     * segmentation of millions of messages is CPU work that would stall other requests).
     */
    private Mono<List<Ranked>> emojis(Conversation c) {
        Flux<String> bodies = bind("SELECT m.body" + VISIBLE + " AND m.body ~ '[^\\x01-\\x7F]'", c)
                .filter(statement -> statement.fetchSize(1_000))
                .map(row -> Objects.requireNonNull(row.get("body", String.class)))
                .all();
        return bodies.publishOn(Schedulers.parallel(), 256)
                .collect(EmojiCounter::new, EmojiCounter::add)
                .map(counter -> counter.top(properties.top()));
    }

    private GenericExecuteSpec bind(String sql, Conversation c) {
        return database.sql(sql).bind("id", c.id()).bind("count", c.messageCount());
    }

    private static long number(@Nullable Number value) {
        return value == null ? 0 : value.longValue();
    }
}
