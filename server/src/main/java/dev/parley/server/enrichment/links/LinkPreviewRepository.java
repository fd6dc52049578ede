package dev.parley.server.enrichment.links;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code link_previews} table: claims pending URLs for one worker and stores outcomes. */
@Repository
class LinkPreviewRepository {

    /** A claim older than this is taken to belong to a crashed worker. */
    static final Duration CLAIM_EXPIRY = Duration.ofMinutes(5);

    private final DatabaseClient database;

    LinkPreviewRepository(DatabaseClient database) {
        this.database = database;
    }

    /** Claims up to {@code limit} pending URLs, oldest first; concurrent workers never claim the same URL. */
    Flux<String> claim(int limit) {
        return database.sql("""
                        UPDATE link_previews SET status = 'FETCHING', claimed_at = now()
                        WHERE url IN (
                            SELECT url FROM link_previews
                            WHERE status = 'PENDING'
                               OR (status = 'FETCHING' AND claimed_at < now() - make_interval(secs => $2))
                            ORDER BY created_at
                            LIMIT $1
                            FOR UPDATE SKIP LOCKED)
                        RETURNING url
                        """)
                .bind(0, limit)
                .bind(1, (double) CLAIM_EXPIRY.toSeconds())
                .map(row -> row.get("url", String.class))
                .all();
    }

    Mono<Void> save(LinkPreview preview) {
        DatabaseClient.GenericExecuteSpec spec =
                database.sql("""
                        UPDATE link_previews SET status = $2, title = $3, description = $4, site_name = $5,
                            image_url = $6, http_status = $7, error = $8, fetched_at = now(), claimed_at = NULL
                        WHERE url = $1
                        """).bind(0, preview.url()).bind(1, preview.status());
        spec = bind(spec, 2, preview.title(), String.class);
        spec = bind(spec, 3, preview.description(), String.class);
        spec = bind(spec, 4, preview.siteName(), String.class);
        spec = bind(spec, 5, preview.imageUrl(), String.class);
        spec = bind(spec, 6, preview.httpStatus(), Integer.class);
        spec = bind(spec, 7, preview.error(), String.class);
        return spec.then();
    }

    /** Gives a claimed URL back (the per-host limiter could not admit it soon): the next sweep takes it again. */
    Mono<Void> release(String url) {
        return database.sql("UPDATE link_previews SET status = 'PENDING', claimed_at = NULL WHERE url = $1")
                .bind(0, url)
                .then();
    }

    private static DatabaseClient.GenericExecuteSpec bind(
            DatabaseClient.GenericExecuteSpec spec, int index, @Nullable Object value, Class<?> type) {
        return value == null ? spec.bindNull(index, type) : spec.bind(index, value);
    }
}
