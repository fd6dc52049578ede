package dev.parley.server.search;

import dev.parley.server.messages.MessageFilter;
import dev.parley.server.messages.MessageRow;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Queries {@code message_search} with {@code websearch_to_tsquery}, parsed in every configuration of
 * {@link TextSearchConfigs}: their disjunction selects candidates, each row is then checked with the query of its own
 * configuration (so "running" finds "run" in English messages, and words stay unstemmed elsewhere). The GIN index on
 * {@code (conversation_id, tsv)} (btree_gin) finds the matches, the owner's visible conversations and the
 * visibility bound filter them, and {@code ts_headline} runs only on the rows of the page.
 */
@Repository
class SearchRepository {

    /** ts_headline delimiters that cannot occur in text; replaced by {@code <mark>} after HTML escaping. */
    static final char START = '\u0002';

    static final char STOP = '\u0003';

    /**
     * How many of the conversation's newest rows (after the cursor) the first step checks, planned from
     * {@code search_terms}, where the indexer counts the messages that hold each lexeme: enough to expect two pages
     * of hits if the word is spread evenly, and never fewer than {@code recent-window}. None when the word is so rare
     * there ({@code matches² ≤ limit × messages}) that collecting its matches through the GIN index costs less than
     * the walk: that step then runs at once. (Around that point both cost the same: a walk of 2·√(limit × messages)
     * rows, or as many matches, each a random heap read.) The count of every lexeme of the query, in every
     * configuration, bounds the matches of any query without a negation; with one, the walk keeps
     * {@code recent-window}.
     */
    private static final String RECENT_WINDOW = "(SELECT CAST(CASE"
            + " WHEN strpos(CAST(websearch_to_tsquery('simple', :q) AS text), '!') > 0 THEN :window"
            + " WHEN w.matches * w.matches <= CAST(:limit AS bigint) * c.message_count THEN 0"
            + " ELSE greatest(:window, 2 * :limit * c.message_count / w.matches) END AS bigint)"
            + " FROM conversations c, (SELECT coalesce(sum(t.matches), 0) AS matches FROM search_terms t"
            + " WHERE t.conversation_id = :conversation AND t.lexeme IN"
            + " (SELECT unnest(tsvector_to_array(to_tsvector(config, :q))) FROM unnest(CAST(ARRAY["
            + TextSearchConfigs.ALL.stream().map(config -> "'" + config + "'").collect(Collectors.joining(", "))
            + "] AS regconfig[])) AS config)) w"
            + " WHERE c.id = :conversation)";

    private final DatabaseClient database;
    private final SearchProperties properties;

    SearchRepository(DatabaseClient database, SearchProperties properties) {
        this.database = database;
        this.properties = properties;
    }

    record Row(UUID conversationId, String title, float rank, MessageRow message, String headline) {}

    /** Where the previous page ended, in the order of the request. */
    record After(float rank, Instant sentAt, UUID conversationId, long ordinal) {}

    /**
     * Up to {@code limit} hits. Newest-first search in one conversation runs in up to two steps, because no single
     * plan is good for every word and PostgreSQL's LIMIT costing picks the wrong one for rare words (a backward walk
     * over 5M rows for a word in 0.01% of them took 20 s): first the newest rows after the cursor are checked, as
     * many as {@link #RECENT_WINDOW} plans from the word's frequency, which fills the page at once for common words
     * — or, in the same statement, a rare word's matches are collected through the GIN index and sorted; when the
     * page is not full, that collection runs (again, for a rare word with fewer matches than a page: cheap then).
     */
    Mono<List<Row>> search(
            String owner,
            String query,
            @Nullable UUID conversationId,
            MessageFilter filter,
            @Nullable String senderLike,
            boolean byRank,
            @Nullable After after,
            int limit) {
        if (conversationId == null || byRank) {
            return search(Source.ALL, owner, query, conversationId, filter, senderLike, byRank, after, limit);
        }
        return search(Source.PLANNED, owner, query, conversationId, filter, senderLike, false, after, limit)
                .flatMap(recent -> recent.size() >= limit
                        ? Mono.just(recent)
                        : search(
                                Source.MATCHES, owner, query, conversationId, filter, senderLike, false, after, limit));
    }

    /** Which rows of {@code message_search} the query starts from. */
    private enum Source {
        /** the table: the planner picks an index */
        ALL,
        /**
         * the matches among the conversation's newest visible rows after the cursor ({@link #RECENT_WINDOW} of
         * them), walked backwards by index; a branch of {@link #PLANNED} only
         */
        RECENT,
        /**
         * {@link #RECENT}, or {@link #MATCHES} when the planned window is empty (a rare word): one statement, both
         * branches of a {@code UNION ALL}, each behind a one-time filter on the plan, so only one of them runs
         */
        PLANNED,
        /**
         * every match of the word through the GIN index, fenced (OFFSET 0: no walk planned, no condition pushed in),
         * then filtered to the conversation
         */
        MATCHES
    }

    private Mono<List<Row>> search(
            Source source,
            String owner,
            String query,
            @Nullable UUID conversationId,
            MessageFilter filter,
            @Nullable String senderLike,
            boolean byRank,
            @Nullable After after,
            int limit) {
        String hits = source == Source.PLANNED
                ? "(" + hits(Source.RECENT, conversationId, filter, senderLike, false, after, true) + ") UNION ALL ("
                        + hits(Source.MATCHES, conversationId, filter, senderLike, false, after, true) + ")"
                : hits(source, conversationId, filter, senderLike, byRank, after, false);
        String sql =
                (source == Source.PLANNED ? "WITH plan AS MATERIALIZED (SELECT " + RECENT_WINDOW + " AS walk) " : "")
                        + "SELECT h.conversation_id, h.title, "
                        + (byRank ? "h.rank" : "ts_rank(h.tsv, h.own)") + ", " + MessageRow.columns("m")
                        + ", ts_headline(h.config, m.body, h.own, 'StartSel=" + START + ", StopSel=" + STOP
                        + ", MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=\" … \"') AS headline"
                        + " FROM (" + hits + ") h"
                        + " JOIN messages m ON m.conversation_id = h.conversation_id AND m.ordinal = h.ordinal"
                        + " ORDER BY " + (byRank ? "h.rank DESC, " : "")
                        + "h.sent_at DESC, h.conversation_id DESC, h.ordinal DESC";
        DatabaseClient.GenericExecuteSpec spec =
                database.sql(sql).bind("q", query).bind("owner", owner).bind("limit", limit);
        if (conversationId != null) {
            spec = spec.bind("conversation", conversationId);
        }
        if (source == Source.PLANNED) {
            spec = spec.bind("window", properties.recentWindow());
        }
        if (senderLike != null) {
            spec = spec.bind("sender", senderLike)
                    .bind(
                            "senderPrefix",
                            senderLike.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (after != null) {
            spec = spec.bind("at", after.sentAt())
                    .bind("afterConversation", after.conversationId())
                    .bind("afterOrdinal", after.ordinal());
            if (byRank) {
                spec = spec.bind("rank", after.rank());
            }
        }
        return filter.bind(spec)
                .map(row -> new Row(
                        Objects.requireNonNull(row.get(0, UUID.class)),
                        Objects.requireNonNull(row.get(1, String.class)),
                        Objects.requireNonNull(row.get(2, Float.class)),
                        MessageRow.from(row, 3),
                        Objects.requireNonNullElse(row.get(3 + MessageRow.COLUMNS, String.class), "")))
                .all()
                .collectList();
    }

    /**
     * The page of hits from {@code source}: keys, title, configuration, query and tsvector, no message yet;
     * {@code planned}: a branch of {@link Source#PLANNED}, whose statement defines {@code plan}.
     */
    private String hits(
            Source source,
            @Nullable UUID conversationId,
            MessageFilter filter,
            @Nullable String senderLike,
            boolean byRank,
            @Nullable After after,
            boolean planned) {
        String match = "s.tsv @@ q.anyconfig AND s.tsv @@ " + TextSearchConfigs.OWN_QUERY;
        String newestKeyset =
                " AND (s.sent_at, s.conversation_id, s.ordinal) < (:at, :afterConversation, :afterOrdinal)";
        // one conversation (the cursor's scope holds it): (sent_at, ordinal) is a range of its index
        String inConversation = " WHERE s.conversation_id = :conversation" + filter.sql("s")
                + (after == null ? "" : " AND (s.sent_at, s.ordinal) < (:at, :afterOrdinal)");
        String from = switch (source) {
            case ALL -> "message_search s";
            // the window's matches, newest first, limited inside: the scan stops once the page is full whatever
            // the plan estimates (a generic plan cannot know the word is common, and sorted the whole window)
            case RECENT ->
                "LATERAL (SELECT s.* FROM (SELECT * FROM message_search s" + inConversation
                        + " AND s.ordinal < (SELECT c.message_count FROM conversations c WHERE c.id = :conversation)"
                        + " ORDER BY s.sent_at DESC, s.ordinal DESC LIMIT (SELECT walk FROM plan)) s WHERE " + match
                        + " ORDER BY s.sent_at DESC, s.ordinal DESC LIMIT :limit) s";
            // the conversation is checked outside the fence: inside the GIN scan its posting tree (5M rows) made the
            // scan for a rare word 15-35 ms instead of 0.1 ms; the word's rows in other conversations are few, since
            // it is rare
            case MATCHES ->
                "(SELECT s.* FROM " + TextSearchConfigs.QUERIES + ", message_search s WHERE " + match + " OFFSET 0) s";
            case PLANNED -> throw new IllegalArgumentException("a plan has two sources");
        };
        String rank = "ts_rank(s.tsv, " + TextSearchConfigs.OWN_QUERY + ")";
        // the page of hits first, from message_search alone; only its rows are then joined to their messages,
        // enrichment and headline (a rare word's 500 matches were each joined to messages before the sort: 2/3 of
        // the query). Newest first, the rank too is computed for the page's rows only, and the rows the walk or the
        // fenced GIN scan already checked are not checked again (both: 14% of a rare word's second step)
        StringBuilder hits = new StringBuilder("SELECT s.conversation_id, c.title, s.ordinal, s.sent_at, s.config, ")
                .append(TextSearchConfigs.OWN_QUERY)
                .append(" AS own, s.tsv")
                .append(byRank ? ", " + rank + " AS rank" : "")
                .append(" FROM ")
                .append(TextSearchConfigs.QUERIES)
                .append(", ")
                .append(from)
                .append(" JOIN conversations c ON c.id = s.conversation_id")
                .append(" WHERE ")
                .append(source == Source.ALL ? match + " AND " : "")
                .append("c.owner_id = :owner AND c.visible AND s.ordinal < c.message_count");
        if (conversationId != null) {
            hits.append(" AND s.conversation_id = :conversation");
        }
        if (planned && source == Source.MATCHES) {
            // the other branch walks: this one runs only when the plan has no walk (a one-time filter)
            hits.append(" AND (SELECT walk FROM plan) = 0");
        }
        if (senderLike != null) {
            // names: trigram similarity or a case-insensitive prefix, both served by the pg_trgm index
            hits.append(" AND (s.sender % :sender OR s.sender ILIKE :senderPrefix)");
        }
        hits.append(filter.sql("s"));
        if (after != null) {
            hits.append(
                    byRank
                            ? " AND (" + rank
                                    + ", s.sent_at, s.conversation_id, s.ordinal) < (:rank, :at, :afterConversation, :afterOrdinal)"
                            : newestKeyset);
        }
        hits.append(byRank ? " ORDER BY rank DESC, s.sent_at DESC" : " ORDER BY s.sent_at DESC")
                .append(", s.conversation_id DESC, s.ordinal DESC LIMIT :limit");
        return hits.toString();
    }
}
