package dev.parley.server.search;

import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.springframework.r2dbc.core.DatabaseClient;

/** Waits for the background search indexer in tests. */
final class SearchIndexing {

    private SearchIndexing() {}

    /** Until the indexer has indexed the first {@code messages} messages of {@code conversation}. */
    static void awaitIndexed(DatabaseClient database, UUID conversation, long messages, Duration atMost) {
        Awaitility.await()
                .atMost(atMost)
                .until(() -> database.sql("SELECT indexed_count FROM search_progress WHERE conversation_id = :id")
                                .bind("id", conversation)
                                .map(row -> row.get(0, Long.class))
                                .one()
                                .blockOptional()
                                .orElse(0L)
                        == messages);
    }
}
