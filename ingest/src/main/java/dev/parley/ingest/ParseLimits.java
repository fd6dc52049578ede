package dev.parley.ingest;

/**
 * Bounds that keep parsing in constant memory and defend against hostile input. All sizes are bytes unless
 * named otherwise; every value must be positive.
 *
 * @param maxLineBytes longest WhatsApp line kept; longer lines are cut to this size and reported as skipped
 * @param maxMessageChars longest message text (counted in UTF-8 bytes, so never more characters than this);
 *     further continuation lines are dropped and reported
 * @param maxSkippedLinesReported how many skipped lines the {@link ParseReport} lists (all are counted)
 * @param dateOrderLookaheadMessages how many WhatsApp messages may wait while the date order is inferred (the
 *     look-ahead also ends at 4 MiB of held-back text)
 * @param maxArchiveBytes largest ZIP archive accepted (it is spooled to a temporary file)
 * @param maxArchiveEntries most entries a ZIP archive may declare
 * @param maxEntryBytes most bytes the chat entry of an archive may inflate to
 * @param maxTotalBytes most bytes all entries of an archive may declare together
 * @param maxCompressionRatio most inflated bytes per compressed byte for the chat entry (zip-bomb guard)
 */
public record ParseLimits(
        int maxLineBytes,
        int maxMessageChars,
        int maxSkippedLinesReported,
        int dateOrderLookaheadMessages,
        long maxArchiveBytes,
        int maxArchiveEntries,
        long maxEntryBytes,
        long maxTotalBytes,
        int maxCompressionRatio) {

    public ParseLimits {
        requirePositive(maxLineBytes, "maxLineBytes");
        requirePositive(maxMessageChars, "maxMessageChars");
        requirePositive(maxSkippedLinesReported, "maxSkippedLinesReported");
        requirePositive(dateOrderLookaheadMessages, "dateOrderLookaheadMessages");
        requirePositive(maxArchiveBytes, "maxArchiveBytes");
        requirePositive(maxArchiveEntries, "maxArchiveEntries");
        requirePositive(maxEntryBytes, "maxEntryBytes");
        requirePositive(maxTotalBytes, "maxTotalBytes");
        requirePositive(maxCompressionRatio, "maxCompressionRatio");
    }

    /** Generous defaults for real exports: 256 KiB lines, 1 M-char messages, 8 GiB archives. */
    public static ParseLimits defaults() {
        return new ParseLimits(256 * 1024, 1_000_000, 100, 4096, 8L << 30, 200_000, 4L << 30, 64L << 30, 200);
    }

    public ParseLimits withMaxLineBytes(int value) {
        return new ParseLimits(
                value,
                maxMessageChars,
                maxSkippedLinesReported,
                dateOrderLookaheadMessages,
                maxArchiveBytes,
                maxArchiveEntries,
                maxEntryBytes,
                maxTotalBytes,
                maxCompressionRatio);
    }

    public ParseLimits withMaxMessageChars(int value) {
        return new ParseLimits(
                maxLineBytes,
                value,
                maxSkippedLinesReported,
                dateOrderLookaheadMessages,
                maxArchiveBytes,
                maxArchiveEntries,
                maxEntryBytes,
                maxTotalBytes,
                maxCompressionRatio);
    }

    public ParseLimits withDateOrderLookaheadMessages(int value) {
        return new ParseLimits(
                maxLineBytes,
                maxMessageChars,
                maxSkippedLinesReported,
                value,
                maxArchiveBytes,
                maxArchiveEntries,
                maxEntryBytes,
                maxTotalBytes,
                maxCompressionRatio);
    }

    /** The ZIP caps in one go: archive size, entry count, chat entry size, declared total, ratio. */
    public ParseLimits withArchiveLimits(
            long maxArchiveBytes, int maxArchiveEntries, long maxEntryBytes, long maxTotalBytes, int maxRatio) {
        return new ParseLimits(
                maxLineBytes,
                maxMessageChars,
                maxSkippedLinesReported,
                dateOrderLookaheadMessages,
                maxArchiveBytes,
                maxArchiveEntries,
                maxEntryBytes,
                maxTotalBytes,
                maxRatio);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
    }
}
