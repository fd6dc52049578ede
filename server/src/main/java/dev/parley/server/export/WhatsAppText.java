package dev.parley.server.export;

import dev.parley.ingest.Attachment;
import dev.parley.ingest.CallMessage;
import dev.parley.ingest.ChatMessage;
import dev.parley.ingest.ContactMessage;
import dev.parley.ingest.DeletedMessage;
import dev.parley.ingest.LocationMessage;
import dev.parley.ingest.MediaMessage;
import dev.parley.ingest.PollMessage;
import dev.parley.ingest.PollOption;
import dev.parley.ingest.SystemMessage;
import dev.parley.ingest.TextMessage;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * Writes messages as an iOS-style WhatsApp export that {@code dev.parley.ingest.ChatParser} reads back to the same
 * messages: {@code [2024-05-01, 10:00:00] Alice: text}, with a year-first date (no day/month ambiguity) and
 * seconds. System lines carry WhatsApp's U+200E mark; media, deletions, calls and polls use the English
 * placeholders the parser knows.
 *
 * <p>What a WhatsApp text export cannot carry is lost: {@code sourceId}/{@code replyToId}, whether an attachment
 * file was present in an archive, call durations, and senders of system lines. Times are local times as stored.
 */
final class WhatsAppText {

    private static final DateTimeFormatter HEADER = DateTimeFormatter.ofPattern("'['uuuu-MM-dd', 'HH:mm:ss'] '");
    private static final String MARK = "\u200E";
    private static final String EDITED = " <This message was edited>";

    private WhatsAppText() {}

    /** One message with its trailing newline; multi-line text stays multi-line. */
    static String line(ChatMessage message) {
        StringBuilder out = new StringBuilder(64);
        out.append(header(message.localTime()));
        if (message instanceof SystemMessage || message.sender() == null) {
            return out.append(MARK).append(orEmpty(message.text())).append('\n').toString();
        }
        out.append(message.sender()).append(": ");
        switch (message) {
            case TextMessage text -> out.append(text.text());
            case MediaMessage media -> placeholder(out, media.attachment(), media.text());
            case ContactMessage contact ->
                placeholder(out, contact.attachment(), contact.text(), "Contact card omitted");
            case DeletedMessage deleted -> out.append("This message was deleted");
            case CallMessage call -> out.append(callText(call));
            case PollMessage poll -> {
                out.append("POLL:\n").append(poll.text());
                for (PollOption option : poll.options()) {
                    out.append("\nOPTION: ")
                            .append(option.text())
                            .append(" (")
                            .append(option.votes())
                            .append(option.votes() == 1 ? " vote)" : " votes)");
                }
            }
            case LocationMessage location -> {
                String text = location.text();
                out.append(
                        text != null
                                ? text
                                : "Location: https://maps.google.com/?q=" + location.latitude() + ","
                                        + location.longitude());
            }
            case SystemMessage system -> out.append(orEmpty(system.text()));
        }
        if (message.edited() && !(message instanceof DeletedMessage)) {
            out.append(EDITED);
        }
        return out.append('\n').toString();
    }

    private static String header(LocalDateTime time) {
        return HEADER.format(time);
    }

    private static void placeholder(StringBuilder out, @Nullable Attachment attachment, @Nullable String caption) {
        placeholder(out, attachment, caption, "<Media omitted>");
    }

    private static void placeholder(
            StringBuilder out, @Nullable Attachment attachment, @Nullable String caption, String omitted) {
        if (attachment != null && attachment.fileName() != null) {
            out.append(MARK).append("<attached: ").append(attachment.fileName()).append('>');
        } else if (attachment != null) {
            out.append(
                    switch (attachment.mediaType()) {
                        case IMAGE -> "image omitted";
                        case VIDEO -> "video omitted";
                        case AUDIO, VOICE -> "audio omitted";
                        case STICKER -> "sticker omitted";
                        case GIF -> "GIF omitted";
                        case DOCUMENT -> "document omitted";
                        case CONTACT -> "Contact card omitted";
                        case UNKNOWN -> omitted;
                    });
        } else {
            out.append(omitted);
        }
        if (caption != null) {
            out.append('\n').append(caption);
        }
    }

    private static String callText(CallMessage call) {
        String text = call.text();
        if (text != null) {
            return text;
        }
        if (call.missed()) {
            return call.video() ? "Missed video call" : "Missed voice call";
        }
        return call.video() ? "Video call" : "Voice call";
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }
}
