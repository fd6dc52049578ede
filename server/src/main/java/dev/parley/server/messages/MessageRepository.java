package dev.parley.server.messages;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keyset reads of visible messages, straight on R2DBC: a page read is the hottest statement of the server, and
 * Spring's {@code DatabaseClient} expanded its named parameters into a new SQL text on every call; here each shape
 * of the statement (cursor or not, direction, which filters) is written once with {@code $n} parameters.
 *
 * <p>The page size is written into the text, not bound. With {@code LIMIT $n} the generic plan, made without the
 * limit's value, looked far dearer to PostgreSQL than a plan for the bound value, so it planned the statement anew on
 * every execution: 0.40 ms of database CPU per page instead of 0.19 ms, and 2,400 pages/s instead of 3,700
 * (docs/performance.md, "Reads, ninth round"). With the limit in the text the two plans of the 5M-message benchmark
 * conversation cost the same, and PostgreSQL kept the generic one after its five trial executions. (Where estimates
 * differ more, as in a test's 100,000 messages, it can still prefer planning each read.) Each page size is a prepared
 * statement of its own; the driver's per-connection statement cache bounds how many are kept.
 */
@Repository
class MessageRepository {

    /** Marks the row of a visible conversation without such messages (the lateral join's nulls). */
    private static final Optional<MessageRow> NO_MESSAGE = Optional.empty();

    private final ConnectionFactory connections;
    private final ConcurrentMap<Integer, Template> statements = new ConcurrentHashMap<>();

    MessageRepository(ConnectionFactory connections) {
        this.connections = connections;
    }

    /**
     * Up to {@code limit} visible messages of the owner's visible conversation, from {@code position} (or the
     * oldest/newest end) in the direction {@code after}, in that reading order. Empty when the conversation is
     * not the owner's or not visible; an empty list when it has no such messages. One round trip: the
     * conversation row and the keyset scan in one lateral join.
     */
    Mono<Optional<List<MessageRow>>> page(
            String owner,
            UUID conversationId,
            MessageFilter filter,
            @Nullable MessagePosition position,
            boolean after,
            int limit) {
        boolean keyset = position != null;
        String sql = statements
                .computeIfAbsent(
                        filter.shape() << 2 | (keyset ? 2 : 0) | (after ? 1 : 0),
                        shape -> template(filter, keyset, after))
                .sql(limit);
        return Mono.usingWhen(
                        connections.create(),
                        connection -> {
                            Statement statement = connection
                                    .createStatement(sql)
                                    .bind(0, conversationId)
                                    .bind(1, owner);
                            if (position != null) {
                                statement.bind(2, position.sentAt()).bind(3, position.ordinal());
                            }
                            filter.bind(statement, keyset ? 5 : 3);
                            return Flux.from(statement.execute())
                                    .concatMap(result -> result.map(MessageRepository::row))
                                    .collectList();
                        },
                        Connection::close)
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return Optional.<List<MessageRow>>empty();
                    }
                    List<MessageRow> messages = new ArrayList<>(rows.size());
                    rows.forEach(row -> row.ifPresent(messages::add));
                    return Optional.of(messages);
                });
    }

    private static Optional<MessageRow> row(Readable row) {
        return row.get(1, Long.class) == null ? NO_MESSAGE : Optional.of(MessageRow.from(row, 1));
    }

    /** The statement of one shape around its limit. */
    private record Template(String head, String tail) {

        String sql(int limit) {
            return head + limit + tail;
        }
    }

    /** The statement of one shape: $1 conversation, $2 owner, $3/$4 the position, then the filter's. */
    private static Template template(MessageFilter filter, boolean keyset, boolean after) {
        String order = after ? "ASC" : "DESC";
        StringBuilder sql = new StringBuilder()
                .append("SELECT c.id AS conversation_id, ")
                .append(MessageRow.columns("m"))
                .append(" FROM conversations c LEFT JOIN LATERAL (SELECT * FROM messages m")
                .append(" WHERE m.conversation_id = c.id AND m.ordinal < c.message_count");
        if (keyset) {
            sql.append(" AND (m.sent_at, m.ordinal) ").append(after ? ">" : "<").append(" ($3, $4)");
        }
        sql.append(filter.positionalSql("m", keyset ? 5 : 3))
                .append(" ORDER BY m.sent_at ")
                .append(order)
                .append(", m.ordinal ")
                .append(order)
                .append(" LIMIT ");
        String tail = ") m ON true WHERE c.id = $1 AND c.owner_id = $2 AND c.visible ORDER BY m.sent_at " + order
                + ", m.ordinal " + order;
        return new Template(sql.toString(), tail);
    }
}
