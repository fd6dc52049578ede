package dev.parley.loadtest.generator;

import dev.parley.ingest.MessageKind;
import java.time.LocalDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One generated entry before it is written in a concrete export format.
 *
 * @param kind what the entry is
 * @param time wall-clock time, never earlier than the previous entry's
 * @param sender author, or null for a system line
 * @param text message text (may hold line breaks), media caption, system text or poll question
 * @param edited whether the entry carries WhatsApp's edited marker
 * @param byMe for DELETED: "You deleted this message" rather than "This message was deleted"
 * @param media attachment type for MEDIA
 * @param attachmentName file name when the export references files (zip mode), else null
 * @param pollOptions poll options with their vote counts for POLL
 * @param latitude location latitude for LOCATION
 * @param longitude location longitude for LOCATION
 */
record MessageDraft(
        MessageKind kind,
        LocalDateTime time,
        @Nullable String sender,
        @Nullable String text,
        boolean edited,
        boolean byMe,
        @Nullable MediaType media,
        @Nullable String attachmentName,
        List<PollOption> pollOptions,
        double latitude,
        double longitude) {

    record PollOption(String text, int votes) {}
}
