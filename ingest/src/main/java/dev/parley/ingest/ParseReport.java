package dev.parley.ingest;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The last element of every successful {@link ChatParser#parse}: what was detected and what was left out. It
 * never contains message text.
 *
 * @param format the detected format ({@link ChatFormat#WHATSAPP} or {@link ChatFormat#TELEGRAM})
 * @param variant the detected flavour of that format
 * @param archive whether the input was a ZIP archive
 * @param archiveEntry name of the archive entry that held the chat, or null for plain input
 * @param dateOrder the date order used (never {@link DateOrder#AUTO}); {@link DateOrder#YMD} for Telegram
 * @param dateOrderSource how the date order was decided
 * @param messages number of messages emitted
 * @param countsByKind messages emitted per kind (every kind present, zero when absent)
 * @param skippedLines number of lines (or JSON messages) left out
 * @param skipped the first {@link ParseLimits#maxSkippedLinesReported()} skipped lines with their reason
 * @param bytes bytes read from the input (the archive's bytes for ZIP input)
 * @param invalidUtf8Replacements malformed byte sequences replaced by U+FFFD in the parsed text (one per maximal
 *     ill-formed subpart; bytes of skipped lines are not decoded and not counted)
 */
public record ParseReport(
        ChatFormat format,
        Variant variant,
        boolean archive,
        @Nullable String archiveEntry,
        DateOrder dateOrder,
        DateOrderSource dateOrderSource,
        long messages,
        Map<MessageKind, Long> countsByKind,
        long skippedLines,
        List<SkippedLine> skipped,
        long bytes,
        long invalidUtf8Replacements)
        implements ParseEvent {

    public ParseReport {
        countsByKind = Map.copyOf(countsByKind);
        skipped = List.copyOf(skipped);
    }

    /** Flavour of an export. */
    public enum Variant {
        /** {@code 31/12/24, 23:59 - Author: text} */
        WHATSAPP_ANDROID,
        /** {@code [31/12/24, 23:59:59] Author: text} */
        WHATSAPP_IOS,
        /** Telegram Desktop machine-readable JSON. */
        TELEGRAM_DESKTOP
    }

    /** How the date order was decided. */
    public enum DateOrderSource {
        /** {@link ParseOptions#dateOrder()} named it. */
        OPTION,
        /** A four-digit year comes first. */
        YEAR_FIRST,
        /** A day above 12 appeared in one of the first two fields. */
        DAY_ABOVE_12,
        /** Only one order keeps time from running backwards. */
        CHRONOLOGY,
        /** The look-ahead found no evidence; DMY, or MDY for 12-hour clocks with slashes. */
        FALLBACK,
        /** The format carries unambiguous timestamps (Telegram). */
        NOT_APPLICABLE
    }

    /** Why a line was left out. */
    public enum SkipReason {
        /** Text before the first message header. */
        BEFORE_FIRST_MESSAGE,
        /** A header with an impossible date (31/02) or time; its continuation lines go with it. */
        INVALID_DATE,
        /** A line longer than {@link ParseLimits#maxLineBytes()}; its end was cut. */
        LINE_TOO_LONG,
        /** A continuation beyond {@link ParseLimits#maxMessageChars()}. */
        MESSAGE_TOO_LONG,
        /** A JSON message without the fields a message needs. */
        MALFORMED_MESSAGE
    }

    /**
     * A left-out line.
     *
     * @param line 1-based line number in the chat text (or in the JSON document)
     * @param reason why it was left out
     */
    public record SkippedLine(long line, SkipReason reason) {}
}
