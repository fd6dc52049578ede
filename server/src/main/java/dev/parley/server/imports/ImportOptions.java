package dev.parley.server.imports;

import dev.parley.ingest.ChatFormat;
import dev.parley.ingest.DateOrder;
import dev.parley.ingest.ParseOptions;
import dev.parley.server.problem.Problems;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * How to read an upload, as the client gives it.
 *
 * @param format auto (default), whatsapp or telegram
 * @param dateOrder auto (default), DMY, MDY or YMD
 * @param timeZone IANA zone that turns the export's wall-clock times into instants (default UTC)
 * @param title the conversation's title; default: derived from the file name
 */
public record ImportOptions(
        @Nullable String format,
        @Nullable String dateOrder,
        @Nullable String timeZone,
        @Nullable String title) {

    static final ImportOptions DEFAULTS = new ImportOptions(null, null, null, null);

    ParseOptions toParseOptions() {
        return ParseOptions.defaults()
                .withFormat(parse(ChatFormat.class, format, "format"))
                .withDateOrder(parse(DateOrder.class, dateOrder, "dateOrder"))
                .withZone(zone());
    }

    ZoneId zone() {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw Problems.badRequest(
                    "invalid-option",
                    "timeZone \"" + timeZone + "\" is not a time zone; use an IANA name like Europe/Berlin.");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, @Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            return Enum.valueOf(type, "AUTO");
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest(
                    "invalid-option",
                    name + " \"" + value + "\" is not one of "
                            + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT)
                            + ".");
        }
    }

    /** A title from a file name: "WhatsApp Chat with Anna.txt" → "WhatsApp Chat with Anna". */
    static String titleFrom(String fileName) {
        String base = fileName.replaceAll("^.*[/\\\\]", "").replaceFirst("\\.(txt|zip|json)$", "");
        return base.isBlank() ? "Imported chat" : base;
    }
}
