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

    /** The columns {@link #from} reads, for a messages table aliased {@code alias}. */
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

    public static MessageRow from(Readable row) {
        Long ordinal = row.get("ordinal", Long.class);
        LocalDateTime localTime = row.get("local_time", LocalDateTime.class);
        Instant sentAt = row.get("sent_at", Instant.class);
        String kind = row.get("kind", String.class);
        Boolean edited = row.get("edited", Boolean.class);
        if (ordinal == null || localTime == null || sentAt == null || kind == null) {
            throw new IllegalStateException("messages row without ordinal, local_time, sent_at or kind");
        }
        return new MessageRow(
                ordinal,
                localTime,
                sentAt,
                row.get("sender", String.class),
                kind,
                row.get("body", String.class),
                Boolean.TRUE.equals(edited),
                row.get("extra", String.class),
                row.get("sentiment", String.class),
                row.get("links", String.class));
    }
}
