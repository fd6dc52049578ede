package dev.parley.server.export;

import dev.parley.server.conversations.Conversation;
import dev.parley.server.messages.MessageFilter;
import dev.parley.server.messages.MessageRow;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/**
 * Streams the visible messages of a conversation in {@code (sent_at, ordinal)} order through a database cursor
 * (R2DBC fetch size): rows are fetched {@code fetchSize} at a time as downstream demand arrives, so a slow client
 * holds the query instead of filling memory. The connection is one of {@link ExportConnections}.
 */
@Repository
class ExportRepository {

    private final DatabaseClient database;
    private final ExportProperties properties;

    ExportRepository(ExportConnections connections, ExportProperties properties) {
        this.database = connections.database();
        this.properties = properties;
    }

    /** The rows below the message count the conversation had when the export began. */
    Flux<MessageRow> stream(Conversation conversation, MessageFilter filter) {
        String sql = "/* parley-export */ SELECT " + MessageRow.columns("m") + " FROM messages m"
                + " WHERE m.conversation_id = :id AND m.ordinal < :count" + filter.sql("m")
                + " ORDER BY m.sent_at, m.ordinal";
        int fetchSize = properties.fetchSize();
        return filter.bind(database.sql(sql)
                        .bind("id", conversation.id())
                        .bind("count", conversation.messageCount())
                        .filter(statement -> statement.fetchSize(fetchSize)))
                .map(row -> MessageRow.from(row, 0))
                .all();
    }
}
