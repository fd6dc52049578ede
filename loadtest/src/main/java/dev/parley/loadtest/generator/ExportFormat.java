package dev.parley.loadtest.generator;

import java.util.Locale;

/** The container the generator writes. */
public enum ExportFormat {
    /** A WhatsApp chat text file, as "Export chat → Without media" produces. */
    TXT,
    /** A WhatsApp zip: the chat text plus a few small fake media files it references ("With media"). */
    ZIP,
    /** A Telegram Desktop {@code result.json} of one chat. */
    TELEGRAM_JSON;

    /** Parses {@code txt}, {@code zip} or {@code telegram} (case-insensitive). */
    public static ExportFormat fromCliName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "txt" -> TXT;
            case "zip" -> ZIP;
            case "telegram", "json" -> TELEGRAM_JSON;
            default -> throw new IllegalArgumentException("Unknown format '" + name + "'; use txt, zip or telegram");
        };
    }
}
