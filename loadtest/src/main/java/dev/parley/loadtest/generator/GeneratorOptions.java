package dev.parley.loadtest.generator;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Immutable settings of one generated export. Equal options always produce byte-identical output.
 *
 * @param style header shape of WhatsApp text exports
 * @param format container to write
 * @param seed seed of every random choice
 * @param targetBytes size to fill: the output never exceeds it and stops short by less than one message
 *     (for ZIP it bounds the uncompressed chat text)
 * @param start wall-clock time of the first message
 * @param participants number of distinct senders, at least 2
 * @param crlf whether lines end with CRLF instead of LF
 * @param mediaFiles for ZIP: how many of the referenced attachments the archive holds
 * @param maxMessages stop after this many messages even below the target size; 0 for no limit
 * @param spanBytes the export size over which the timeline of about six years is spread; 0 means
 *     {@code targetBytes}. Exports that share seed, style, start and span are prefixes of one another, which
 *     models a chat exported again later (overlapping history).
 */
public record GeneratorOptions(
        ExportStyle style,
        ExportFormat format,
        long seed,
        long targetBytes,
        LocalDateTime start,
        int participants,
        boolean crlf,
        int mediaFiles,
        long maxMessages,
        long spanBytes) {

    /** Roughly six years of chat whatever the size, so dates stay plausible and two-digit years stay valid. */
    static final long SPAN_SECONDS = 6L * 365 * 24 * 3600;

    public GeneratorOptions {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(start, "start");
        if (targetBytes < 0) {
            throw new IllegalArgumentException("targetBytes must be >= 0: " + targetBytes);
        }
        if (participants < 2) {
            throw new IllegalArgumentException("participants must be >= 2: " + participants);
        }
        if (mediaFiles < 0) {
            throw new IllegalArgumentException("mediaFiles must be >= 0: " + mediaFiles);
        }
        if (maxMessages < 0 || spanBytes < 0) {
            throw new IllegalArgumentException("maxMessages and spanBytes must be >= 0");
        }
        if (start.getYear() < 2000 || start.getYear() > 2080) {
            throw new IllegalArgumentException("start must lie in 2000..2080 so two-digit years stay unambiguous");
        }
    }

    /** Android 24h text, seed 42, 1 MB, 12 participants, LF, 6 media files, starting 2016-01-04 08:00. */
    public static GeneratorOptions defaults() {
        return new GeneratorOptions(
                ExportStyle.ANDROID_24H,
                ExportFormat.TXT,
                42,
                1 << 20,
                LocalDateTime.of(2016, 1, 4, 8, 0),
                12,
                false,
                6,
                0,
                0);
    }

    public GeneratorOptions withStyle(ExportStyle style) {
        return new GeneratorOptions(
                style, format, seed, targetBytes, start, participants, crlf, mediaFiles, maxMessages, spanBytes);
    }

    public GeneratorOptions withFormat(ExportFormat format) {
        return new GeneratorOptions(
                style, format, seed, targetBytes, start, participants, crlf, mediaFiles, maxMessages, spanBytes);
    }

    public GeneratorOptions withSeed(long seed) {
        return new GeneratorOptions(
                style, format, seed, targetBytes, start, participants, crlf, mediaFiles, maxMessages, spanBytes);
    }

    public GeneratorOptions withTargetBytes(long targetBytes) {
        return new GeneratorOptions(
                style, format, seed, targetBytes, start, participants, crlf, mediaFiles, maxMessages, spanBytes);
    }

    public GeneratorOptions withStart(LocalDateTime start) {
        return new GeneratorOptions(
                style, format, seed, targetBytes, start, participants, crlf, mediaFiles, maxMessages, spanBytes);
    }

    public GeneratorOptions withParticipants(int participants) {
        return new GeneratorOptions(
                style, format, seed, targetBytes, start, participants, crlf, mediaFiles, maxMessages, spanBytes);
    }

    public GeneratorOptions withCrlf(boolean crlf) {
        return new GeneratorOptions(
                style, format, seed, targetBytes, start, participants, crlf, mediaFiles, maxMessages, spanBytes);
    }

    public GeneratorOptions withMediaFiles(int mediaFiles) {
        return new GeneratorOptions(
                style, format, seed, targetBytes, start, participants, crlf, mediaFiles, maxMessages, spanBytes);
    }

    public GeneratorOptions withMaxMessages(long maxMessages) {
        return new GeneratorOptions(
                style, format, seed, targetBytes, start, participants, crlf, mediaFiles, maxMessages, spanBytes);
    }

    public GeneratorOptions withSpanBytes(long spanBytes) {
        return new GeneratorOptions(
                style, format, seed, targetBytes, start, participants, crlf, mediaFiles, maxMessages, spanBytes);
    }

    /** The size the timeline is spread over: {@link #spanBytes()}, or {@link #targetBytes()} when that is 0. */
    long effectiveSpanBytes() {
        return spanBytes == 0 ? targetBytes : spanBytes;
    }
}
