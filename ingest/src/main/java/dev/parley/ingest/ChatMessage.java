package dev.parley.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * One message of a chat export. Immutable; the {@link #kind()} tells which record it is, and a pattern
 * {@code switch} over the sealed hierarchy is exhaustive.
 *
 * <p>Every record shares the components below; records add what their kind carries (an {@link Attachment},
 * poll options, coordinates, a call's flags). {@link MessageCodec} writes the one JSON shape.
 */
public sealed interface ChatMessage extends ParseEvent
        permits TextMessage,
                MediaMessage,
                SystemMessage,
                DeletedMessage,
                PollMessage,
                LocationMessage,
                ContactMessage,
                CallMessage {

    /** 0-based position in the export; stable across re-parses of the same bytes with the same options. */
    long ordinal();

    /** Wall-clock time as written in the export (WhatsApp) or converted to the chosen zone (Telegram). */
    LocalDateTime localTime();

    /** The instant: {@link #localTime()} in the zone of {@link ParseOptions#zone()}, or Telegram's unix time. */
    Instant sentAt();

    /** Author as shown in the export, without direction marks or the {@code "~ "} of non-contacts; null for system lines. */
    @Nullable
    String sender();

    MessageKind kind();

    /** Text exactly as written (never Unicode-normalised); the caption for media; null when there is none. */
    @Nullable
    String text();

    /** Whether the export marks the message as edited. */
    boolean edited();

    /** The message's own id in the export when it has one (Telegram), else null. */
    @Nullable
    Long sourceId();

    /** The {@link #sourceId()} of the message this one replies to (Telegram), else null. */
    @Nullable
    Long replyToId();

    /** The attached file, for kinds that carry one, else null. */
    default @Nullable Attachment attachment() {
        return null;
    }
}
