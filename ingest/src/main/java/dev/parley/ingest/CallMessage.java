package dev.parley.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A voice or video call record; {@code durationSeconds} when the export has it.
 *
 * <p>See {@link ChatMessage} for the shared components.
 */
public record CallMessage(
        long ordinal,
        LocalDateTime localTime,
        Instant sentAt,
        @Nullable String sender,
        @Nullable String text,
        boolean edited,
        @Nullable Long sourceId,
        @Nullable Long replyToId,
        boolean video,
        boolean missed,
        @Nullable Integer durationSeconds)
        implements ChatMessage {

    @Override
    public MessageKind kind() {
        return MessageKind.CALL;
    }
}
