package dev.parley.server.search;

import dev.parley.server.messages.MessageFilter;
import dev.parley.server.messages.MessageRow;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Queries {@code message_search} with {@code websearch_to_tsquery}, parsed in every configuration of
 * {@link TextSearchConfigs}: their disjunction selects candidates, each row is then checked with the query of its own
 * configuration (so "running" finds "run" in English messages, and words stay unstemmed elsewhere). The GIN index on
 * {@code (conversation_id, day, tsv)} (btree_gin) finds the matches, in a conversation or since a day, the owner's
 * visible conversations and the visibility bound filter them, and {@code ts_headline} runs only on the rows of the page.
 *
 * <p>Straight on R2DBC: Spring's {@code DatabaseClient} expanded the named parameters of this ~6,000-character
 * statement into a new SQL text on every search; here each shape of it (the source, which of conversation, sender,
 * cursor and filters are set, the order) is written once with {@code $n} parameters, the text that expansion made.
 * The connections are {@link SearchConnections}', which plan these statements once, generically.
 */
@Repository
class SearchRepository {

    /** ts_headline delimiters that cannot occur in text; replaced by {@code <mark>} after HTML escaping. */
    static final char START = '\u0002';

    static final char STOP = '\u0003';

    /** Search statements run, tagged by {@code route}: which branch found the rows (see {@link Source}). */
    static final String STATEMENTS = "parley.search.statements";

    /**
     * How many items of a conversation's GIN entry cost as much as reading one match: ~3 ns against a few µs
     * (measured on the reads benchmark's 5M rows: 14 ms for the entry, 2 ms for 500 matches, 0.7–1 s for 100,000);
     * rounded down, which errs towards the conversation's own matches, whose cost is bounded by its size.
     */
    static final int ENTRY_READS_PER_MATCH = 1_000;

    /**
     * Search by rank walks the newest rows for its candidates when the walk is at most this many rows per candidate
     * (a word in more than 1/8 of the messages), else reads the matches since the planned day ({@link Source#SINCE}).
     * A row of the walk costs ~1 µs, a match read through the index ~6 µs (heap read, tsv checked again, sorted):
     * on the reads benchmark's 5M rows, 500 candidates of a word in 1/5 of the messages took 335 searches/s walking
     * against 271 by day, of a word in 1/50 69 against 228.
     */
    static final int WALK_PER_CANDIDATE = 16;

    /**
     * How many planned walks back {@link Source#EARLIER} looks when the walk or the day found fewer candidates than
     * wanted: a word at a sixteenth of its average rate there still fills them. Its day range reads every row of
     * those days in the GIN index, where the GIN step reads every match. On the reads benchmark's 5M rows, a word in
     * 2% of them: 800,000 rows back, 9–12 ms for the range and 36 ms with its 16,000 matches there, against 0.7–0.9 s
     * for all its 100,000.
     */
    static final int EARLIER_WALKS = 16;

    /**
     * How many quarters of {@code rank-candidates} the matches since the planned day ({@link Source#SINCE}) are
     * expected to number: a margin for a word not spread evenly within its month. Each match read costs ~2.5 µs (heap
     * read, tsv checked again, sorted): on the reads benchmark's 5M rows, with the day planned for twice the
     * candidates, search by rank of a word in 2% of the messages ran 636–655 times a second on 4 clients, for five
     * quarters, planned by month, 814–828.
     */
    static final int SINCE_QUARTERS = 5;

    private final SearchConnections connections;
    private final SearchProperties properties;
    private final MeterRegistry meters;
    private final ConcurrentMap<Integer, Shape> statements = new ConcurrentHashMap<>();

    SearchRepository(SearchConnections connections, SearchProperties properties, MeterRegistry meters) {
        this.connections = connections;
        this.properties = properties;
        this.meters = meters;
    }

    record Row(UUID conversationId, String title, float rank, MessageRow message, String headline, String route) {}

    /** Where the previous page ended, in the order of the request. */
    record After(float rank, Instant sentAt, UUID conversationId, long ordinal) {}

    /**
     * One search: its arguments pick the shape of each statement and give its parameters.
     *
     * @param senderLike a sender name to match fuzzily, or null
     * @param after where the previous page ended, or null for the first page
     * @param limit the most rows wanted
     */
    record Request(
            String owner,
            String query,
            @Nullable UUID conversationId,
            MessageFilter filter,
            @Nullable String senderLike,
            boolean byRank,
            @Nullable After after,
            int limit) {

        /**
         * The search whose hits a search by rank ranks: the newest {@code rank-candidates} (the number the statement
         * binds instead of the page's limit), from the start.
         */
        Request candidates() {
            return new Request(owner, query, conversationId, filter, senderLike, false, null, limit);
        }

        /** Everything that changes the SQL of {@code source}'s statement. */
        int shape(Source source) {
            return filter.shape() << 7
                    | source.ordinal() << 4
                    | (conversationId == null ? 0 : 8)
                    | (senderLike == null ? 0 : 4)
                    | (after == null ? 0 : 2)
                    | (byRank ? 1 : 0);
        }
    }

    /** A statement written once, and the numbers of its parameters. */
    private record Shape(String sql, Placeholders parameters) {}

    /**
     * Up to {@code limit} hits. Newest-first search, in one conversation or in all the owner's, runs in up to two
     * steps, because no single plan is good for every word: PostgreSQL cannot see how frequent the word is (the query
     * is parsed in a fenced relation), and each plan is wrong for one kind of word. Collecting every match through
     * the GIN index and sorting took 2.3 s for a word in 1M of 5M messages; walking the newest rows took 20 s for a
     * word in 0.01% of them. So first the newest rows after the cursor are checked, as many as {@link #walk} plans
     * from the word's frequency, which fills the page at once for common words — or, in the same statement, a rare
     * word's matches are collected through the GIN index and sorted; when the walk leaves the page short, that
     * collection runs (the word is rare among the newest rows then), after its matches since the day
     * {@link #EARLIER_WALKS} walks back. In one conversation, either collection looks in every conversation or in
     * this one only, as {@link #everywhere} plans. By rank, see {@link Source#RANKED}.
     */
    Mono<List<Row>> search(Request request) {
        if (request.byRank()) {
            return search(Source.RANKED, request);
        }
        // rows from a branch of matches are all there are; a short walk may have missed older ones
        return search(Source.PLANNED, request)
                .flatMap(rows -> rows.size() >= request.limit()
                                || (!rows.isEmpty() && !rows.getFirst().route().equals(Source.RECENT.route()))
                        ? Mono.just(rows)
                        : search(Source.MATCHES, request));
    }

    /**
     * Which rows of {@code message_search} the query starts from: three statements, and the branches of their
     * {@code UNION ALL}s, each behind a one-time filter on the statement's plan, so only one branch runs.
     */
    private enum Source {
        /**
         * a statement, ordered by rank: the newest {@code rank-candidates} matches, found by {@link #RECENT} or
         * {@link #SINCE} (see {@link #WALK_PER_CANDIDATE}) or, when that finds fewer, by {@link #EARLIER} and then
         * by {@link #MATCHES}' branches (all the steps in one statement), then ranked. Ranking every match of a
         * word in 1M messages took 2–3 s: each match's row has to be read.
         */
        RANKED,
        /** a statement: {@link #RECENT} when the planned walk is not empty (a word frequent here), else a match */
        PLANNED,
        /**
         * a statement, after the walk left the page short: {@link #EARLIER}, and when that too finds fewer,
         * {@link #EVERYWHERE} or, in one conversation, {@link #HERE}
         */
        MATCHES,
        /**
         * a branch: the matches among the newest visible rows after the cursor ({@link #walk} of them), of the
         * conversation or of all the owner's, walked backwards by index
         */
        RECENT,
        /**
         * a branch of {@link #RANKED}: the matches since the day {@link #since} plans, of the conversation or of all
         * the owner's, through the GIN index's day column, fenced. Walking the newest rows, as {@link #RECENT} finds a
         * page, read 25,000 rows to find 500 matches of a word in 2% of the messages; this reads about 640 matches'
         * rows. Not before a date ({@code to}): the day is planned from the newest messages, so the walk goes back
         * from the date instead.
         */
        SINCE,
        /**
         * a branch of {@link #RANKED} and {@link #MATCHES}, when {@link #RECENT} or {@link #SINCE} found fewer rows
         * than wanted (a word less frequent recently than on average, or among its month's newest matches than in the
         * rest of the month): the matches since the day
         * {@link #EARLIER_WALKS} walks back (from the cursor or the date {@code to} where there is one) or, where older,
         * the day the word's months put its matches before them ({@link SearchRepository#earliest}), as {@link #SINCE} reads
         */
        EARLIER,
        /**
         * a branch: every match of the word in any conversation through the GIN index, fenced (OFFSET 0: no walk
         * planned, no condition pushed in), then filtered to the conversation or the owner's
         */
        EVERYWHERE,
        /** a branch: the GIN index's matches of the word in the conversation, fenced too */
        HERE;

        /** The value of the {@code route} column, also the tag of the {@code parley.search.statements} metric. */
        String route() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private Mono<List<Row>> search(Source source, Request request) {
        Shape shape = statements.computeIfAbsent(request.shape(source), key -> shape(source, request));
        return Mono.usingWhen(
                        connections.create(),
                        connection -> {
                            Statement statement = connection.createStatement(shape.sql());
                            shape.parameters().bind(statement, name -> value(name, request), request.filter());
                            return Flux.from(statement.execute())
                                    .concatMap(result -> result.map(SearchRepository::row))
                                    .collectList();
                        },
                        Connection::close)
                .doOnNext(this::count);
    }

    /** Counts the statement by the branch its rows came from ({@code none} without rows). */
    private void count(List<Row> rows) {
        meters.counter(
                        STATEMENTS,
                        "route",
                        rows.isEmpty() ? "none" : rows.getFirst().route())
                .increment();
    }

    private static Row row(Readable row) {
        return new Row(
                Objects.requireNonNull(row.get(0, UUID.class)),
                Objects.requireNonNull(row.get(1, String.class)),
                Objects.requireNonNull(row.get(2, Float.class)),
                MessageRow.from(row, 3),
                Objects.requireNonNullElse(row.get(3 + MessageRow.COLUMNS, String.class), ""),
                Objects.requireNonNull(row.get(4 + MessageRow.COLUMNS, String.class)));
    }

    /**
     * The value of the parameter {@code name} in {@code request}; a statement has a parameter only where its shape
     * has the value. The types are those Spring bound, so PostgreSQL infers the same parameter types.
     */
    private Object value(String name, Request request) {
        return switch (name) {
            case "q" -> request.query();
            case "owner" -> request.owner();
            case "limit" -> request.limit();
            case "candidates" -> properties.rankCandidates();
            case "window" -> properties.recentWindow();
            case "conversation" -> Objects.requireNonNull(request.conversationId());
            case "sender" -> Objects.requireNonNull(request.senderLike());
            case "senderPrefix" ->
                Objects.requireNonNull(request.senderLike())
                                .replace("\\", "\\\\")
                                .replace("%", "\\%")
                                .replace("_", "\\_")
                        + "%";
            case "at" -> Objects.requireNonNull(request.after()).sentAt();
            case "to" -> Objects.requireNonNull(request.filter().to());
            case "afterConversation" -> Objects.requireNonNull(request.after()).conversationId();
            case "afterOrdinal" -> Objects.requireNonNull(request.after()).ordinal();
            case "rank" -> Objects.requireNonNull(request.after()).rank();
            default -> throw new IllegalArgumentException("no search parameter " + name);
        };
    }

    /** The statement of {@code source} in the shape of {@code request}, written with its parameters' numbers. */
    private static Shape shape(Source source, Request request) {
        Placeholders p = new Placeholders();
        boolean byRank = request.byRank();
        boolean one = request.conversationId() != null;
        String plan = switch (source) {
            case PLANNED ->
                one
                        ? "plan AS MATERIALIZED (SELECT w.walk, CASE WHEN w.walk = 0 THEN "
                                + everywhere(p, "w.messages", "w.here") + " END AS everywhere FROM (SELECT "
                                + walk(p, conversationCounts(p), "limit") + ") w) "
                        : "plan AS MATERIALIZED (SELECT " + walk(p, ownerCounts(p), "limit") + ") ";
            case MATCHES ->
                // the matches since the day sixteen walks back first, then all of them
                one
                        ? "plan AS MATERIALIZED (SELECT " + earlierThanTheCursor(p, request) + " AS earlier, "
                                + everywhere(p, "w.messages", "w.here") + " AS everywhere FROM (SELECT "
                                + walk(p, conversationCounts(p), "limit") + ") w), earlier AS MATERIALIZED ("
                                + hits(Source.EARLIER, request, p, source) + ") "
                        : "plan AS MATERIALIZED (SELECT " + daysBackInAll(p, "limit", request)
                                + " AS earlier), earlier AS MATERIALIZED (" + hits(Source.EARLIER, request, p, source)
                                + ") ";
            case RANKED ->
                // the walk's candidates or those since the planned day, and those of the GIN step when they are fewer;
                // the candidates counted once for the one-time filters of the later steps
                "plan AS MATERIALIZED (SELECT w.walk, CASE WHEN w.walk > " + WALK_PER_CANDIDATE + " * "
                        + p.of("candidates") + " THEN " + since(p, one) + " END AS since, "
                        + earlier(p, one, request.candidates()) + " AS earlier"
                        + (one ? ", " + everywhere(p, "w.messages", "w.here") + " AS everywhere" : "")
                        + " FROM (SELECT " + walk(p, one ? conversationCounts(p) : ownerCounts(p), "candidates")
                        + ") w), recent AS MATERIALIZED ((" + hits(Source.RECENT, request.candidates(), p, source)
                        + ") UNION ALL (" + hits(Source.SINCE, request.candidates(), p, source)
                        + ")), recent_count AS MATERIALIZED (SELECT count(*) AS n FROM recent),"
                        + " earlier AS MATERIALIZED (" + hits(Source.EARLIER, request.candidates(), p, source)
                        + "), matches AS MATERIALIZED ((" + hits(Source.EVERYWHERE, request.candidates(), p, source)
                        + ")" + (one ? " UNION ALL (" + hits(Source.HERE, request.candidates(), p, source) + ")" : "")
                        + ") ";
            default -> throw new IllegalArgumentException(source + " is a branch");
        };
        String hits = switch (source) {
            case RANKED -> ranked(request, p);
            case PLANNED ->
                "(" + hits(Source.RECENT, request, p, source) + ") UNION ALL ("
                        + hits(Source.EVERYWHERE, request, p, source) + ")"
                        + (one ? " UNION ALL (" + hits(Source.HERE, request, p, source) + ")" : "");
            case MATCHES ->
                "SELECT * FROM earlier WHERE (SELECT count(*) FROM earlier) >= " + p.of("limit") + " UNION ALL ("
                        + hits(Source.EVERYWHERE, request, p, source) + ")"
                        + (one ? " UNION ALL (" + hits(Source.HERE, request, p, source) + ")" : "");
            default -> throw new IllegalArgumentException(source + " is a branch");
        };
        String sql = "WITH " + TextSearchConfigs.queries(p.of("q")) + ", " + plan
                + "SELECT h.conversation_id, h.title, "
                + (byRank ? "h.rank" : "ts_rank(h.tsv, h.own)") + ", " + MessageRow.columns("m")
                + ", ts_headline(h.config, m.body, h.own, 'StartSel=" + START + ", StopSel=" + STOP
                + ", MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=\" … \"') AS headline, h.route"
                + " FROM (" + hits + ") h"
                + " JOIN messages m ON m.conversation_id = h.conversation_id AND m.ordinal = h.ordinal"
                + " ORDER BY " + (byRank ? "h.rank DESC, " : "")
                + "h.sent_at DESC, h.conversation_id DESC, h.ordinal DESC";
        return new Shape(sql, p);
    }

    /**
     * How many of the newest rows (after the cursor) the first step checks, planned from {@code search_terms}, where
     * the indexer counts the messages that hold each lexeme: enough to expect two pages of hits if the word is spread
     * evenly, and never fewer than {@code recent-window}. None when the word is so rare there
     * ({@code matches² ≤ limit × messages}) that collecting its matches through the GIN index costs less than the
     * walk: that step then runs at once. (Around that point both cost the same: a walk of 2·√(limit × messages) rows,
     * or as many matches, each a random heap read.) The count of every lexeme of the query, in every configuration,
     * bounds the matches of any query without a negation; with one, the walk keeps {@code recent-window}. Written as
     * the select list and FROM of the plan's row: {@code walk}, and for {@link #everywhere} the {@code messages} and
     * the word's count {@code here}, both of the relations {@code c} and {@code t} that {@code counts} names.
     */
    private static String walk(Placeholders p, String counts, String limit) {
        return walkRows(p, "t.matches", "c.message_count", limit) + " AS walk, c.message_count AS messages,"
                + " t.matches AS here FROM " + counts;
    }

    /** {@link #walk}'s number of rows for a word in {@code matches} of {@code messages}. */
    private static String walkRows(Placeholders p, String matches, String messages, String limit) {
        return "CAST(CASE"
                + " WHEN strpos(CAST((SELECT q.simple FROM q) AS text), '!') > 0 THEN "
                + p.of("window")
                + " WHEN " + matches + " * " + matches + " <= CAST(" + p.of(limit) + " AS bigint) * " + messages
                + " THEN 0 ELSE greatest(" + p.of("window") + ", 2 * " + p.of(limit) + " * " + messages + " / "
                + matches + ") END AS bigint)";
    }

    /**
     * The plan's {@code since}: the day from which the word's newest matches are expected to number
     * {@value #SINCE_QUARTERS} quarters of {@code rank-candidates}, in the conversation or in all the owner's, planned
     * from {@code search_term_months}, where the indexer counts them by month with the first and last time of each
     * month's.
     * Counted back from the newest month, in the month where they reach that number its matches are taken as spread
     * evenly between its first and last, and the day lies as far back from its last as the share of them still
     * wanted (of all of them when even all the months hold fewer). Planned from the word's average rate instead,
     * the day had to allow for a word used half as often recently, and its matches were twice the candidates. Only
     * for a word that neither walks ({@link #WALK_PER_CANDIDATE}) nor is rare ({@link #walk} plans none): a rare
     * one's are collected by the GIN step.
     */
    private static String since(Placeholders p, boolean one) {
        return byMonth(p, one, "(" + SINCE_QUARTERS + " * " + p.of("candidates") + " / 4)", null);
    }

    /**
     * The day since which the word's matches before {@code until} (a parameter, or null for none) are expected to
     * number {@code wanted}, from {@code search_term_months} as {@link #since} plans it: the month that holds
     * {@code until} counts its matches up to it, taken as spread evenly between its first and last. Null when the word
     * has no match before it.
     */
    private static String byMonth(Placeholders p, boolean one, String wanted, @Nullable String until) {
        String months = (one
                        ? "search_term_months t WHERE t.conversation_id = " + p.of("conversation")
                        : "search_term_months t JOIN conversations v ON v.id = t.conversation_id WHERE v.owner_id = "
                                + p.of("owner") + " AND v.visible")
                + " AND t.lexeme = ANY (" + TextSearchConfigs.LEXEMES + ")"
                + (until == null ? "" : " AND t.month <= " + until);
        String counts = "SELECT t.month, sum(t.matches) AS matches, min(t.first_sent_at) AS first_at,"
                + " max(t.last_sent_at) AS last_at FROM " + months + " GROUP BY t.month";
        if (until != null) {
            counts = "SELECT t.month, CASE WHEN t.last_at < " + until + " THEN t.matches ELSE coalesce(t.matches"
                    + " * extract(epoch FROM " + until + " - t.first_at)"
                    + " / nullif(extract(epoch FROM t.last_at - t.first_at), 0), t.matches) END AS matches,"
                    + " t.first_at, least(t.last_at, " + until + ") AS last_at FROM (" + counts + ") t"
                    + " WHERE t.first_at < " + until;
        }
        return "(SELECT "
                + day("b.last_at - (b.last_at - b.first_at) * least(1, CAST(" + wanted
                        + " - b.newer AS float8) / b.matches)")
                + " FROM (SELECT t.*, coalesce(sum(t.matches) OVER (ORDER BY t.month DESC"
                + " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS newer FROM (" + counts + ") t) b"
                + " WHERE b.newer < " + wanted + " ORDER BY b.month LIMIT 1)";
    }

    /**
     * The plan's {@code earlier}: the day of the oldest row {@value #EARLIER_WALKS} {@link #walk}s for
     * {@code rank-candidates} would check, back from the newest message or, for {@code request}, from the newest
     * before its date {@code to} (counted from the newest message, a day after the date would leave nothing before it,
     * and every match would be collected). Null when the word is rare ({@link #walk} plans none) or the conversation
     * holds fewer rows: then {@link Source#EARLIER} finds nothing, and the GIN step collects every match. Ordinals
     * follow the export, so that row is at the ordinal {@code messages - 16 × walk} (an export out of time order moves
     * the day, not the result: every match since it is read, and the newest taken).
     */
    private static String earlier(Placeholders p, boolean one, Request request) {
        return one
                ? "(SELECT " + day("m.sent_at") + " FROM messages m WHERE m.conversation_id = " + p.of("conversation")
                        + " AND m.ordinal = " + upTo(p, request, p.of("conversation"), "w.messages") + " - "
                        + EARLIER_WALKS + " * w.walk)"
                : daysBackInAll(p, "candidates", request);
    }

    /**
     * In all the owner's conversations, the latest of the days {@value #EARLIER_WALKS} walks for {@code limit} hits
     * go back in each conversation that holds the word, each walk planned from that conversation's own counts, from
     * its newest message sent by the cursor's time or before the date {@code to} of {@code request}, else from its
     * newest message. A conversation where the word is rare ({@link #walk} plans none) adds no day.
     */
    private static String daysBackInAll(Placeholders p, String limit, Request request) {
        return "(SELECT max(" + day("m.sent_at") + ") FROM (SELECT v.id, v.message_count AS messages,"
                + " sum(t.matches) AS matches FROM conversations v"
                + " JOIN search_terms t ON t.conversation_id = v.id WHERE v.owner_id = " + p.of("owner")
                + " AND v.visible AND t.lexeme = ANY (" + TextSearchConfigs.LEXEMES + ") GROUP BY v.id) k"
                + " JOIN messages m ON m.conversation_id = k.id AND m.ordinal = "
                + upTo(p, request, "k.id", "k.messages") + " - " + EARLIER_WALKS + " * nullif("
                + walkRows(p, "k.matches", "k.messages", limit) + ", 0))";
    }

    /**
     * Where {@link Source#EARLIER} reads from: the older of the plan's {@code earlier}, {@value #EARLIER_WALKS} walks
     * back, and the day since which the months put twice the wanted matches before the cursor, or before the date
     * {@code to} ({@link #byMonth}). Sixteen walks of the word's average rate miss a word used long ago but not for
     * that long: the GIN step then collected every match (0.7–0.9 s for a word in 100,000 of 5M messages). The months
     * know where its last matches are. Computed when the step runs; by rank only for a word that is not rare (the
     * GIN step takes those).
     */
    private static String earliest(Placeholders p, Request request, Source statement) {
        String limit = statement == Source.RANKED ? "candidates" : "limit";
        String until = request.after() != null ? p.of("at") : request.filter().to() != null ? p.of("to") : null;
        String months = byMonth(p, request.conversationId() != null, "(2 * " + p.of(limit) + ")", until);
        return "(SELECT least(plan.earlier, "
                + (statement == Source.RANKED ? "CASE WHEN plan.walk > 0 THEN " + months + " END" : months)
                + ") FROM plan)";
    }

    /**
     * For the second step of a newest-first search in one conversation ({@link Source#MATCHES}, after the walk left
     * the page short): the day of the row {@link #EARLIER_WALKS} walks before the cursor (or the newest row before
     * {@code to}, or the newest row), as {@link #earlier} plans it for search by rank. The walk is the first step's,
     * from the same counts.
     */
    private static String earlierThanTheCursor(Placeholders p, Request request) {
        String start =
                request.after() == null ? upTo(p, request, p.of("conversation"), "w.messages") : p.of("afterOrdinal");
        return "(SELECT " + day("m.sent_at") + " FROM messages m WHERE m.conversation_id = " + p.of("conversation")
                + " AND m.ordinal = " + start + " - " + EARLIER_WALKS + " * w.walk)";
    }

    /**
     * Where the walks back of the {@link Source#EARLIER} step start in {@code conversation}: the number of its messages
     * up to the cursor or, without one, before the date {@code to} (planned from the newest message, the day would lie
     * after it and its range hold nothing before it), else {@code messages}.
     */
    private static String upTo(Placeholders p, Request request, String conversation, String messages) {
        String until = request.after() != null
                ? " <= " + p.of("at")
                : request.filter().to() != null ? " < " + p.of("to") : null;
        return until == null
                ? messages
                : "(SELECT n.ordinal + 1 FROM messages n WHERE n.conversation_id = " + conversation + " AND n.sent_at"
                        + until + " ORDER BY n.sent_at DESC, n.ordinal DESC LIMIT 1)";
    }

    /** The day of {@code sentAt}, written as the GIN index {@code message_search_tsv_by_day} computes it. */
    private static String day(String sentAt) {
        return "date_bin('1 day', " + sentAt + ", TIMESTAMPTZ '2000-01-01 00:00:00+00')";
    }

    /**
     * The page of a search by rank from the candidates of {@link Source#RANKED}: ranked, after the cursor, best first.
     * Ties keep the newest first.
     */
    private static String ranked(Request request, Placeholders p) {
        String candidates = "SELECT * FROM recent WHERE (SELECT n FROM recent_count) >= " + p.of("candidates")
                + " UNION ALL SELECT * FROM earlier WHERE (SELECT count(*) FROM earlier) >= " + p.of("candidates")
                + " UNION ALL SELECT * FROM matches";
        return "SELECT * FROM (SELECT h.*, ts_rank(h.tsv, h.own) AS rank FROM (" + candidates + ") h) h"
                + (request.after() == null
                        ? ""
                        : " WHERE (h.rank, h.sent_at, h.conversation_id, h.ordinal) < ("
                                + p.of("rank", "at", "afterConversation", "afterOrdinal") + ")")
                + " ORDER BY h.rank DESC, h.sent_at DESC, h.conversation_id DESC, h.ordinal DESC LIMIT "
                + p.of("limit");
    }

    /** The conversation's row {@code c} and its count of the word {@code t}, as FROM and WHERE. */
    private static String conversationCounts(Placeholders p) {
        return "conversations c, " + termCount(p) + " t WHERE c.id = " + p.of("conversation");
    }

    /**
     * The messages of the owner's visible conversations ({@code c.message_count}) and their count of the word
     * ({@code t.matches}). The walk over all of them reads other owners' rows too, but counts only these.
     */
    private static String ownerCounts(Placeholders p) {
        return "(SELECT coalesce(sum(v.message_count), 0) AS message_count FROM conversations v"
                + " WHERE v.owner_id = " + p.of("owner") + " AND v.visible) c,"
                + " (SELECT coalesce(sum(t.matches), 0) AS matches FROM search_terms t"
                + " JOIN conversations v ON v.id = t.conversation_id"
                + " WHERE v.owner_id = " + p.of("owner") + " AND v.visible AND t.lexeme = ANY ("
                + TextSearchConfigs.LEXEMES + ")) t";
    }

    /**
     * Whether collecting the word's matches in every conversation costs less than collecting them in this one,
     * from the counts of {@code search_terms}: in every conversation the GIN scan reads each match, here and
     * elsewhere, a random heap read of a few µs; in this one it also reads the conversation's entry of the index, one
     * item per message, ~3 ns each, but no match of another conversation. So every conversation only when the others
     * hold fewer matches than this one's messages / {@value #ENTRY_READS_PER_MATCH}. (A word rare here but frequent
     * in other conversations read all their matches: 2.1 s for a word in 1M messages elsewhere; here it took 0.7 ms.
     * A rare word in the 5M-message conversation alone: 2 ms everywhere, 14 ms here.)
     */
    private static String everywhere(Placeholders p, String messages, String matchesHere) {
        return messages + " >= " + ENTRY_READS_PER_MATCH
                + " * (SELECT coalesce(sum(o.matches), 0) - " + matchesHere
                + " FROM search_terms o WHERE o.lexeme = ANY (" + TextSearchConfigs.LEXEMES + "))";
    }

    /** The messages of the conversation that hold a lexeme of the query, summed over the lexemes: relation {@code t}. */
    private static String termCount(Placeholders p) {
        return "(SELECT coalesce(sum(t.matches), 0) AS matches FROM search_terms t WHERE t.conversation_id = "
                + p.of("conversation") + " AND t.lexeme = ANY (" + TextSearchConfigs.LEXEMES + "))";
    }

    /**
     * The page of hits from {@code source}: keys, title, configuration, query, tsvector and route, no message yet;
     * {@code statement}: the source of the statement it is a part of, whose {@code plan} its one-time filter reads.
     */
    private static String hits(Source source, Request request, Placeholders p, Source statement) {
        String limit = statement == Source.RANKED ? "candidates" : "limit";
        String match = TextSearchConfigs.MATCH;
        String from = switch (source) {
            // one conversation (the cursor's scope holds it): (sent_at, ordinal) is a range of its index. The
            // window's matches, newest first, limited inside: the scan stops once the page is full whatever the
            // plan estimates (a generic plan cannot know the word is common, and sorted the whole window)
            case RECENT ->
                request.conversationId() != null
                        ? "LATERAL (SELECT s.* FROM (SELECT * FROM message_search s WHERE s.conversation_id = "
                                + p.of("conversation") + p.filter(request.filter(), "s")
                                + (request.after() == null
                                        ? ""
                                        : " AND (s.sent_at, s.ordinal) < (" + p.of("at", "afterOrdinal") + ")")
                                + " AND s.ordinal < (SELECT c.message_count FROM conversations c WHERE c.id = "
                                + p.of("conversation") + ")"
                                + " ORDER BY s.sent_at DESC, s.ordinal DESC LIMIT (SELECT walk FROM plan)) s WHERE "
                                + match + " ORDER BY s.sent_at DESC, s.ordinal DESC LIMIT " + p.of(limit) + ") s"
                        // all the owner's conversations: the same walk on (sent_at, conversation_id, ordinal)
                        : "LATERAL (SELECT s.* FROM (SELECT s.* FROM message_search s"
                                + " JOIN conversations v ON v.id = s.conversation_id WHERE v.owner_id = "
                                + p.of("owner") + " AND v.visible AND s.ordinal < v.message_count"
                                + p.filter(request.filter(), "s")
                                + (request.after() == null
                                        ? ""
                                        : " AND (s.sent_at, s.conversation_id, s.ordinal) < ("
                                                + p.of("at", "afterConversation", "afterOrdinal") + ")")
                                + " ORDER BY s.sent_at DESC, s.conversation_id DESC, s.ordinal DESC"
                                + " LIMIT (SELECT walk FROM plan)) s WHERE " + match
                                + " ORDER BY s.sent_at DESC, s.conversation_id DESC, s.ordinal DESC LIMIT "
                                + p.of(limit) + ") s";
            case SINCE, EARLIER ->
                "(SELECT s.* FROM q, message_search s WHERE "
                        + (request.conversationId() != null
                                ? "s.conversation_id = " + p.of("conversation") + " AND "
                                : "")
                        + day("s.sent_at") + " >= "
                        + (source == Source.SINCE ? "(SELECT since FROM plan)" : earliest(p, request, statement))
                        + " AND " + match + " OFFSET 0) s";
            case EVERYWHERE -> "(SELECT s.* FROM q, message_search s WHERE " + match + " OFFSET 0) s";
            case HERE ->
                "(SELECT s.* FROM q, message_search s WHERE s.conversation_id = " + p.of("conversation") + " AND "
                        + match + " OFFSET 0) s";
            case PLANNED, MATCHES, RANKED -> throw new IllegalArgumentException(source + " is a statement of branches");
        };
        // the page of hits first, from message_search alone; only its rows are then joined to their messages,
        // enrichment and headline (a rare word's 500 matches were each joined to messages before the sort: 2/3 of
        // the query). The rank too is computed for the page's rows only (by rank: for the candidates), and the rows
        // the walk or the fenced GIN scan already checked are not checked again (both: 14% of a rare word's second
        // step)
        StringBuilder hits = new StringBuilder("SELECT s.conversation_id, c.title, s.ordinal, s.sent_at, s.config, ")
                .append(TextSearchConfigs.OWN_QUERY)
                .append(" AS own, s.tsv, '")
                .append(source.route())
                .append("' AS route")
                .append(" FROM q, ")
                .append(from)
                .append(" JOIN conversations c ON c.id = s.conversation_id")
                .append(" WHERE c.owner_id = ")
                .append(p.of("owner"))
                .append(" AND c.visible AND s.ordinal < c.message_count");
        if (request.conversationId() != null) {
            hits.append(" AND s.conversation_id = ").append(p.of("conversation"));
        }
        // one-time filters: only the planned branch runs
        if (statement == Source.PLANNED && source != Source.RECENT) {
            hits.append(" AND (SELECT walk FROM plan) = 0");
        } else if (statement == Source.RANKED) {
            // before a date, the planned day (counted from the newest message) could lie after it: walk back from it
            String walks = request.filter().to() != null
                    ? "(SELECT walk FROM plan) > 0"
                    : "(SELECT walk FROM plan) BETWEEN 1 AND " + WALK_PER_CANDIDATE + " * " + p.of(limit);
            hits.append(
                    switch (source) {
                        case RECENT -> " AND " + walks;
                        case SINCE -> " AND NOT " + walks;
                        case EARLIER -> " AND (SELECT n FROM recent_count) < " + p.of(limit);
                        default ->
                            " AND (SELECT n FROM recent_count) < " + p.of(limit)
                                    + " AND (SELECT count(*) FROM earlier) < " + p.of(limit);
                    });
        }
        if (statement == Source.MATCHES && (source == Source.EVERYWHERE || source == Source.HERE)) {
            hits.append(" AND (SELECT count(*) FROM earlier) < ").append(p.of(limit));
        }
        if (source == Source.EVERYWHERE && request.conversationId() != null) {
            hits.append(" AND (SELECT everywhere FROM plan)");
        } else if (source == Source.HERE) {
            hits.append(" AND NOT (SELECT everywhere FROM plan)");
        }
        if (request.senderLike() != null) {
            // names: trigram similarity or a case-insensitive prefix, both served by the pg_trgm index
            hits.append(" AND (s.sender % ")
                    .append(p.of("sender"))
                    .append(" OR s.sender ILIKE ")
                    .append(p.of("senderPrefix"))
                    .append(")");
        }
        hits.append(p.filter(request.filter(), "s"));
        if (request.after() != null) {
            hits.append(" AND (s.sent_at, s.conversation_id, s.ordinal) < (")
                    .append(p.of("at", "afterConversation", "afterOrdinal"))
                    .append(")");
        }
        hits.append(" ORDER BY s.sent_at DESC, s.conversation_id DESC, s.ordinal DESC LIMIT ")
                .append(p.of(limit));
        return hits.toString();
    }
}
