package dev.parley.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A message with a file (image, video, audio, document, sticker); {@code text} is the caption or null.
 *
 * <p>See {@link ChatMessage} for the shared components.
 */
public record MediaMessage(
        long ordinal,
        LocalDateTime localTime,
        Instant sentAt,
        @Nullable String sender,
        @Nullable String text,
        boolean edited,
        @Nullable Long sourceId,
        @Nullable Long replyToId,
        Attachment attachment)
        implements ChatMessage {

    @Override
    public MessageKind kind() {
        return MessageKind.MEDIA;
    }
}
