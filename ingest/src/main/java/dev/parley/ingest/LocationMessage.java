package dev.parley.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A shared location; {@code text} is the message as written (usually a maps link).
 *
 * <p>See {@link ChatMessage} for the shared components.
 */
public record LocationMessage(
        long ordinal,
        LocalDateTime localTime,
        Instant sentAt,
        @Nullable String sender,
        @Nullable String text,
        boolean edited,
        @Nullable Long sourceId,
        @Nullable Long replyToId,
        double latitude,
        double longitude)
        implements ChatMessage {

    @Override
    public MessageKind kind() {
        return MessageKind.LOCATION;
    }
}
