package dev.parley.server.messages;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * One stored message as the reads see it: the columns of {@code messages} ({@code body} is the message text,
 * {@code extra} the kind-specific JSON fields or null), with what enrichment found: {@code sentiment} as
 * {@code {score, label, model}} when it was scored, {@code links} as {@code [{url, title, description, siteName,
 * imageUrl}]} in text order (preview fields null until the page was fetched), both JSON text or null.
 */
public record MessageRow(
        long ordinal,
        LocalDateTime localTime,
        Instant sentAt,
        @Nullable String sender,
        String kind,
        @Nullable String body,
        boolean edited,
        @Nullable String extra,
        @Nullable String sentiment,
        @Nullable String links) {

    /** How many columns {@link #columns} lists. */
    public static final int COLUMNS = 10;

    /** The columns {@link #from} reads, in its order, for a messages table aliased {@code alias}. */
    public static String columns(String alias) {
        return "%1$s.ordinal, %1$s.local_time, %1$s.sent_at, %1$s.sender, %1$s.kind, %1$s.body, %1$s.edited,"
                        .formatted(alias)
                + " %s.extra::text AS extra, ".formatted(alias)
                + ENRICHMENT.formatted(alias);
    }

    /** Primary-key lookups into the enrichment tables: two index probes per row. */
    private static final String ENRICHMENT = """
            (SELECT json_build_object('score', e.sentiment_score, 'label', e.sentiment_label, 'model', e.sentiment_model)::text
               FROM message_enrichment e
              WHERE e.conversation_id = %1$s.conversation_id AND e.ordinal = %1$s.ordinal
                AND e.sentiment_status = 'SCORED') AS sentiment,
            (SELECT json_agg(json_build_object('url', l.url, 'title', p.title, 'description', p.description,
                                               'siteName', p.site_name, 'imageUrl', p.image_url) ORDER BY l.position)::text
               FROM message_links l LEFT JOIN link_previews p ON p.url = l.url AND p.status = 'OK'
              WHERE l.conversation_id = %1$s.conversation_id AND l.ordinal = %1$s.ordinal) AS links""";

    /**
     * The message in the columns of {@link #columns}, read by index from column {@code first} on (by name, the driver
     * compares each name with the row's columns: 4–11% of a page read's samples in JFR).
     */
    public static MessageRow from(Readable row, int first) {
        Long ordinal = row.get(first, Long.class);
        LocalDateTime localTime = row.get(first + 1, LocalDateTime.class);
        Instant sentAt = row.get(first + 2, Instant.class);
        String kind = row.get(first + 4, String.class);
        Boolean edited = row.get(first + 6, Boolean.class);
        if (ordinal == null || localTime == null || sentAt == null || kind == null) {
            throw new IllegalStateException("messages row without ordinal, local_time, sent_at or kind");
        }
        return new MessageRow(
                ordinal,
                localTime,
                sentAt,
                row.get(first + 3, String.class),
                kind,
                row.get(first + 5, String.class),
                Boolean.TRUE.equals(edited),
                row.get(first + 7, String.class),
                row.get(first + 8, String.class),
                row.get(first + 9, String.class));
    }
}
