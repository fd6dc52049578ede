package dev.parley.ingest;

/** The kind of export a byte stream holds. */
public enum ChatFormat {
    /** Decide from the first bytes: ZIP archives, JSON objects (Telegram) and WhatsApp text are told apart. */
    AUTO,
    /** WhatsApp "Export chat" text ({@code .txt}) or the ZIP archive that wraps it with media. */
    WHATSAPP,
    /** Telegram Desktop {@code result.json} of one chat or of a full export (optionally zipped). */
    TELEGRAM
}
