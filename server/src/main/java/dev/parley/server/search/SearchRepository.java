package dev.parley.server.search;

import dev.parley.server.messages.MessageFilter;
import dev.parley.server.messages.MessageRow;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
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

    private final DatabaseClient database;

    SearchRepository(DatabaseClient database) {
        this.database = database;
    }

    record Row(UUID conversationId, String title, float rank, MessageRow message, String headline) {}

    /** Where the previous page ended, in the order of the request. */
    record After(float rank, Instant sentAt, UUID conversationId, long ordinal) {}

    Mono<List<Row>> search(
            String owner,
            String query,
            @Nullable UUID conversationId,
            MessageFilter filter,
            @Nullable String senderLike,
            boolean byRank,
            @Nullable After after,
            int limit) {
        String rank = "ts_rank(s.tsv, " + TextSearchConfigs.OWN_QUERY + ")";
        StringBuilder sql = new StringBuilder("SELECT s.conversation_id, c.title, ")
                .append(rank)
                .append(" AS rank, ")
                .append(MessageRow.columns("m"))
                .append(", ts_headline(s.config, m.body, ")
                .append(TextSearchConfigs.OWN_QUERY)
                .append(", 'StartSel=")
                .append(START)
                .append(", StopSel=")
                .append(STOP)
                .append(", MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=\" … \"') AS headline")
                .append(" FROM ")
                .append(TextSearchConfigs.QUERIES)
                .append(", message_search s")
                .append(" JOIN conversations c ON c.id = s.conversation_id")
                .append(" JOIN messages m ON m.conversation_id = s.conversation_id AND m.ordinal = s.ordinal")
                .append(" WHERE s.tsv @@ q.anyconfig AND s.tsv @@ ")
                .append(TextSearchConfigs.OWN_QUERY)
                .append(" AND c.owner_id = :owner AND c.visible AND s.ordinal < c.message_count");
        if (conversationId != null) {
            sql.append(" AND s.conversation_id = :conversation");
        }
        if (senderLike != null) {
            // names: trigram similarity or a case-insensitive prefix, both served by the pg_trgm index
            sql.append(" AND (s.sender % :sender OR s.sender ILIKE :senderPrefix)");
        }
        sql.append(filter.sql("s"));
        if (after != null) {
            sql.append(
                    byRank
                            ? " AND (" + rank
                                    + ", s.sent_at, s.conversation_id, s.ordinal) < (:rank, :at, :afterConversation, :afterOrdinal)"
                            : " AND (s.sent_at, s.conversation_id, s.ordinal) < (:at, :afterConversation, :afterOrdinal)");
        }
        sql.append(byRank ? " ORDER BY rank DESC, s.sent_at DESC" : " ORDER BY s.sent_at DESC")
                .append(", s.conversation_id DESC, s.ordinal DESC LIMIT :limit");
        DatabaseClient.GenericExecuteSpec spec = database.sql(sql.toString())
                .bind("q", query)
                .bind("owner", owner)
                .bind("limit", limit);
        if (conversationId != null) {
            spec = spec.bind("conversation", conversationId);
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
                        Objects.requireNonNull(row.get("conversation_id", UUID.class)),
                        Objects.requireNonNull(row.get("title", String.class)),
                        Objects.requireNonNull(row.get("rank", Float.class)),
                        MessageRow.from(row),
                        Objects.requireNonNullElse(row.get("headline", String.class), "")))
                .all()
                .collectList();
    }
}
