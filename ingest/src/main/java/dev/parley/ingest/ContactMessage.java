package dev.parley.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A shared contact card; {@code contactName} when the export names it, {@code attachment} the .vcf file when there is one.
 *
 * <p>See {@link ChatMessage} for the shared components.
 */
public record ContactMessage(
        long ordinal,
        LocalDateTime localTime,
        Instant sentAt,
        @Nullable String sender,
        @Nullable String text,
        boolean edited,
        @Nullable Long sourceId,
        @Nullable Long replyToId,
        @Nullable String contactName,
        @Nullable Attachment attachment)
        implements ChatMessage {

    @Override
    public MessageKind kind() {
        return MessageKind.CONTACT;
    }
}
