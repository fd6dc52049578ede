package dev.parley.server.imports;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Completes an import once everything it parsed as new is stored, and makes its messages visible: the conversation's
 * visible count, time range and participants are updated in the same statement. Called by the upload (an import
 * with nothing new completes at once) and by the store consumer after each batch, inside its transaction.
 */
@Component
public class ImportCompletion {

    private static final String COMPLETE = """
            WITH done AS (
                UPDATE imports SET status = 'COMPLETED', finished_at = now(), version = version + 1, updated_at = now()
                WHERE id = :id AND status = 'PROCESSING' AND messages_stored >= messages_new
                RETURNING conversation_id, first_ordinal + messages_new AS visible_count)
            UPDATE conversations c SET
                message_count = GREATEST(c.message_count, d.visible_count),
                visible = true,
                updated_at = now(),
                first_sent_at = (SELECT min(m.sent_at) FROM messages m
                                 WHERE m.conversation_id = c.id AND m.ordinal < d.visible_count),
                last_sent_at = (SELECT max(m.sent_at) FROM messages m
                                WHERE m.conversation_id = c.id AND m.ordinal < d.visible_count),
                participants = ARRAY(SELECT DISTINCT m.sender FROM messages m
                                     WHERE m.conversation_id = c.id AND m.ordinal < d.visible_count
                                     AND m.sender IS NOT NULL ORDER BY 1)
            FROM done d WHERE c.id = d.conversation_id
            RETURNING c.id
            """;

    private final DatabaseClient db;
    private final ImportRepository imports;
    private final ImportLifecycle lifecycle;

    ImportCompletion(DatabaseClient db, ImportRepository imports, ImportLifecycle lifecycle) {
        this.db = db;
        this.imports = imports;
        this.lifecycle = lifecycle;
    }

    /** Completes {@code importId} if it is due; emits true when this call completed it. */
    public Mono<Boolean> completeIfStored(UUID importId) {
        return db.sql(COMPLETE).bind("id", importId).fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** Publishes the completed state of {@code importId} on {@code parley.imports.v1}; call after commit. */
    public Mono<Void> announce(UUID importId) {
        return imports.findAnyOwner(importId).flatMap(lifecycle::publish);
    }
}
