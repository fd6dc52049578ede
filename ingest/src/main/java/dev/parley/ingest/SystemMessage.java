package dev.parley.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A line the app wrote rather than a person: group created, member added, encryption notice, Telegram service messages. {@code sender} is null.
 *
 * <p>See {@link ChatMessage} for the shared components.
 */
public record SystemMessage(
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
        return MessageKind.SYSTEM;
    }
}
