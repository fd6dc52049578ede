package dev.parley.ingest;

import java.io.Serial;
import java.util.Objects;

/**
 * Why input is not a chat export Parley can read. {@link #getMessage()} is a sentence a person understands and
 * never quotes message text; {@link #reason()} is stable for programs (HTTP problem types, job states).
 */
public final class ParseException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public ParseException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ParseException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** Stable reason codes. */
    public enum Reason {
        /** No bytes at all. */
        EMPTY_INPUT,
        /** A known non-chat file type (PDF, image, office document, other archive). */
        UNSUPPORTED_FILE_TYPE,
        /** Bytes that are not text. */
        BINARY_DATA,
        /** Text, but no message header in the first kilobytes. */
        NOT_A_CHAT_EXPORT,
        /** The requested {@link ChatFormat} does not match the input. */
        FORMAT_MISMATCH,
        /** Telegram JSON that is not well-formed or not an export. */
        MALFORMED_JSON,
        /** A ZIP archive that ends early or is corrupt. */
        TRUNCATED_ARCHIVE,
        /** A ZIP archive without a chat text or result.json. */
        NO_CHAT_IN_ARCHIVE,
        /** A ZIP archive beyond a {@link ParseLimits} cap (size, entries, ratio): possibly a zip bomb. */
        ARCHIVE_LIMIT_EXCEEDED,
        /** Reading or spooling the input failed. */
        IO_ERROR
    }
}
