package dev.parley.server.conversations;

import dev.parley.server.problem.Problems;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Reads of the {@code conversations} table, always for one owner and only visible rows. */
@Repository
public class ConversationRepository {

    private final DatabaseClient database;

    ConversationRepository(DatabaseClient database) {
        this.database = database;
    }

    /** The owner's visible conversation, or empty. */
    public Mono<Conversation> find(String owner, UUID id) {
        return database.sql("SELECT " + Conversation.COLUMNS
                        + " FROM conversations WHERE id = :id AND owner_id = :owner AND visible")
                .bind("id", id)
                .bind("owner", owner)
                .map(Conversation::from)
                .one();
    }

    /** The owner's visible conversation, or a 404 problem. */
    public Mono<Conversation> require(String owner, UUID id) {
        return find(owner, id).switchIfEmpty(Mono.error(() -> Problems.notFound("conversation", id)));
    }

    /**
     * The owner's visible conversation with the messages enrichment has processed (summed over its imports, through
     * the {@code imports_conversation} index), or empty. One round trip.
     */
    Mono<ConversationState> state(String owner, UUID id) {
        return database.sql("SELECT " + Conversation.COLUMNS
                        + ", (SELECT coalesce(sum(i.messages_enriched), 0)::bigint FROM imports i"
                        + " WHERE i.conversation_id = :id) AS enriched"
                        + " FROM conversations WHERE id = :id AND owner_id = :owner AND visible")
                .bind("id", id)
                .bind("owner", owner)
                .map(row -> new ConversationState(
                        Conversation.from(row), Objects.requireNonNull(row.get("enriched", Long.class))))
                .one();
    }

    /** Newest first, after {@code (createdAt, id)} when given. */
    Mono<List<Conversation>> page(String owner, @Nullable Instant createdAt, @Nullable UUID id, int limit) {
        String keyset = createdAt == null ? "" : " AND (created_at, id) < (:createdAt, :after)";
        DatabaseClient.GenericExecuteSpec spec = database.sql("SELECT " + Conversation.COLUMNS
                        + " FROM conversations WHERE owner_id = :owner AND visible" + keyset
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("owner", owner)
                .bind("limit", limit);
        if (createdAt != null && id != null) {
            spec = spec.bind("createdAt", createdAt).bind("after", id);
        }
        return spec.map(Conversation::from).all().collectList();
    }
}
