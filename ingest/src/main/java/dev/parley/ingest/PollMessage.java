package dev.parley.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A poll; {@code text} is the question and {@code options} the answers with their votes.
 *
 * <p>See {@link ChatMessage} for the shared components.
 */
public record PollMessage(
        long ordinal,
        LocalDateTime localTime,
        Instant sentAt,
        @Nullable String sender,
        String text,
        boolean edited,
        @Nullable Long sourceId,
        @Nullable Long replyToId,
        List<PollOption> options)
        implements ChatMessage {

    public PollMessage {
        options = List.copyOf(options);
    }

    @Override
    public MessageKind kind() {
        return MessageKind.POLL;
    }
}
