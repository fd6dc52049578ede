package dev.parley.server.conversations;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A visible conversation as the reads see it. {@code messageCount} is the visibility bound: messages with
 * {@code ordinal < messageCount} are readable.
 */
public record Conversation(
        UUID id,
        String title,
        String sourceFormat,
        long messageCount,
        @Nullable Instant firstSentAt,
        @Nullable Instant lastSentAt,
        List<String> participants,
        Instant createdAt,
        Instant updatedAt) {

    static final String COLUMNS =
            "id, title, source_format, message_count, first_sent_at, last_sent_at, participants, created_at, updated_at";

    static Conversation from(Readable row) {
        String[] participants = row.get("participants", String[].class);
        return new Conversation(
                Objects.requireNonNull(row.get("id", UUID.class)),
                Objects.requireNonNull(row.get("title", String.class)),
                Objects.requireNonNull(row.get("source_format", String.class)),
                Objects.requireNonNull(row.get("message_count", Long.class)),
                row.get("first_sent_at", Instant.class),
                row.get("last_sent_at", Instant.class),
                participants == null ? List.of() : List.of(participants),
                Objects.requireNonNull(row.get("created_at", Instant.class)),
                Objects.requireNonNull(row.get("updated_at", Instant.class)));
    }
}
