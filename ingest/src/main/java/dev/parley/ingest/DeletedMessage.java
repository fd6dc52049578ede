package dev.parley.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A message that was deleted before the export; {@code text} is null.
 *
 * <p>See {@link ChatMessage} for the shared components.
 */
public record DeletedMessage(
        long ordinal,
        LocalDateTime localTime,
        Instant sentAt,
        @Nullable String sender,
        @Nullable String text,
        boolean edited,
        @Nullable Long sourceId,
        @Nullable Long replyToId)
        implements ChatMessage {

    @Override
    public MessageKind kind() {
        return MessageKind.DELETED;
    }
}
