package dev.parley.server.messages;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Writes conversations and messages the way the import pipeline leaves them, straight into the tables: a
 * conversation row with {@code visible} and {@code message_count}, and message rows generated in SQL.
 */
public final class MessageFixtures {

    private final DatabaseClient database;

    public MessageFixtures(DatabaseClient database) {
        this.database = database;
    }

    /** A visible conversation of {@code owner} that shows {@code messageCount} messages. */
    public Mono<UUID> conversation(String owner, String title, long messageCount, boolean visible) {
        UUID id = UUID.randomUUID();
        return database.sql("INSERT INTO conversations (id, owner_id, title, source_format, message_count, visible,"
                        + " participants, first_sent_at, last_sent_at)"
                        + " VALUES (:id, :owner, :title, 'WHATSAPP', :count, :visible, ARRAY['Alice','Bob'],"
                        + " '2024-01-01T00:00:00Z', '2024-12-31T00:00:00Z')")
                .bind("id", id)
                .bind("owner", owner)
                .bind("title", title)
                .bind("count", messageCount)
                .bind("visible", visible)
                .then()
                .thenReturn(id);
    }

    /**
     * Inserts ordinals {@code [0, rows)}: sent_at jumps around (ordinal order is not time order) and about
     * {@code rows / minutes} messages share each minute, many with the very same instant; senders Alice, Bob and
     * Carol; every tenth message is MEDIA with an attachment in {@code extra}.
     */
    public Mono<Void> generate(UUID conversation, long rows, int minutes, Instant base) {
        return database.sql("INSERT INTO messages (conversation_id, ordinal, sent_at, local_time, sender, kind, body,"
                        + " edited, extra, import_id)"
                        + " SELECT :id, i, :base + make_interval(mins => ((i * 7919) % :minutes)::int),"
                        + " (:base + make_interval(mins => ((i * 7919) % :minutes)::int)) AT TIME ZONE 'UTC',"
                        + " (ARRAY['Alice','Bob','Carol'])[1 + i % 3],"
                        + " CASE WHEN i % 10 = 0 THEN 'MEDIA' ELSE 'TEXT' END,"
                        + " 'message number ' || i, i % 7 = 0,"
                        + " CASE WHEN i % 10 = 0 THEN jsonb_build_object('attachment', jsonb_build_object("
                        + "'fileName', 'IMG-' || i || '.jpg', 'mediaType', 'IMAGE', 'present', false)) END,"
                        + " :id FROM generate_series(0, :rows - 1) AS i")
                .bind("id", conversation)
                .bind("base", base)
                .bind("minutes", minutes)
                .bind("rows", rows)
                .then();
    }

    /** Inserts one message. */
    public Mono<Void> message(
            UUID conversation,
            long ordinal,
            Instant sentAt,
            @Nullable String sender,
            String kind,
            @Nullable String body,
            @Nullable String extraJson) {
        var spec = database.sql(
                        "INSERT INTO messages (conversation_id, ordinal, sent_at, local_time, sender, kind, body,"
                                + " edited, extra, import_id) VALUES (:id, :ordinal, :sentAt, :sentAt AT TIME ZONE 'UTC',"
                                + " :sender, :kind, :body, false, CAST(:extra AS jsonb), :id)")
                .bind("id", conversation)
                .bind("ordinal", ordinal)
                .bind("sentAt", sentAt)
                .bind("kind", kind);
        spec = body == null ? spec.bindNull("body", String.class) : spec.bind("body", body);
        spec = sender == null ? spec.bindNull("sender", String.class) : spec.bind("sender", sender);
        return (extraJson == null ? spec.bindNull("extra", String.class) : spec.bind("extra", extraJson)).then();
    }
}
