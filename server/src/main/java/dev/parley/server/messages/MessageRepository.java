package dev.parley.server.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Keyset reads of visible messages. */
@Repository
class MessageRepository {

    private final DatabaseClient database;

    MessageRepository(DatabaseClient database) {
        this.database = database;
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
        String order = after ? "ASC" : "DESC";
        StringBuilder sql = new StringBuilder()
                .append("SELECT c.id AS conversation_id, ")
                .append(MessageRow.columns("m"))
                .append(" FROM conversations c LEFT JOIN LATERAL (SELECT * FROM messages m")
                .append(" WHERE m.conversation_id = c.id AND m.ordinal < c.message_count");
        if (position != null) {
            sql.append(" AND (m.sent_at, m.ordinal) ").append(after ? ">" : "<").append(" (:atSentAt, :atOrdinal)");
        }
        sql.append(filter.sql("m"))
                .append(" ORDER BY m.sent_at ")
                .append(order)
                .append(", m.ordinal ")
                .append(order)
                .append(" LIMIT :limit) m ON true")
                .append(" WHERE c.id = :id AND c.owner_id = :owner AND c.visible")
                .append(" ORDER BY m.sent_at ")
                .append(order)
                .append(", m.ordinal ")
                .append(order);
        DatabaseClient.GenericExecuteSpec spec = database.sql(sql.toString())
                .bind("id", conversationId)
                .bind("owner", owner)
                .bind("limit", limit);
        if (position != null) {
            spec = spec.bind("atSentAt", position.sentAt()).bind("atOrdinal", position.ordinal());
        }
        return filter.bind(spec)
                .map(row -> row.get("ordinal", Long.class) == null
                        ? Optional.<MessageRow>empty()
                        : Optional.of(MessageRow.from(row)))
                .all()
                .collectList()
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return Optional.<List<MessageRow>>empty();
                    }
                    List<MessageRow> messages = new ArrayList<>(rows.size());
                    rows.forEach(row -> row.ifPresent(messages::add));
                    return Optional.of(messages);
                });
    }
}
