package dev.parley.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A plain text message, possibly spanning several lines.
 *
 * <p>See {@link ChatMessage} for the shared components.
 */
public record TextMessage(
        long ordinal,
        LocalDateTime localTime,
        Instant sentAt,
        @Nullable String sender,
        String text,
        boolean edited,
        @Nullable Long sourceId,
        @Nullable Long replyToId)
        implements ChatMessage {

    @Override
    public MessageKind kind() {
        return MessageKind.TEXT;
    }
}
