package dev.parley.server.imports;

import dev.parley.server.database.Transactions;
import dev.parley.server.support.TimeOrderedIds;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code imports} table (and the conversation row each import starts with). Every query takes the owner. */
@Repository
class ImportRepository {

    private static final String COLUMNS =
            "id, owner_id, conversation_id, file_name, size_bytes, options::text AS options,"
                    + " status, sha256, bytes_received, messages_parsed, messages_new, messages_published, messages_stored,"
                    + " messages_enriched, first_ordinal, report::text AS report, problem::text AS problem, version,"
                    + " created_at, updated_at, finished_at";

    /** Bound of a statement in the small transactions: far beyond their milliseconds, short of a stuck lock. */
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(30);
    /** Ending a failed import deletes the messages it stored, possibly millions. */
    private static final Duration ENDING_TIMEOUT = Duration.ofMinutes(30);

    private final DatabaseClient db;
    private final Transactions transactions;

    ImportRepository(DatabaseClient db, Transactions transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    /** A new import in RECEIVING, with the hidden conversation it fills unless it turns out to continue one. */
    Mono<ImportRecord> create(
            UUID id, String owner, String fileName, @Nullable Long size, String optionsJson, String title) {
        UUID conversationId = TimeOrderedIds.next();
        Mono<Void> conversation = db.sql("INSERT INTO conversations (id, owner_id, title, source_format)"
                        + " VALUES (:id, :owner, :title, 'pending')")
                .bind("id", conversationId)
                .bind("owner", owner)
                .bind("title", title)
                .then();
        Mono<Void> importRow = db.sql(
                        "INSERT INTO imports (id, owner_id, conversation_id, file_name, size_bytes, options,"
                                + " status) VALUES (:id, :owner, :conversation, :fileName, :size, :options::jsonb, 'RECEIVING')")
                .bind("id", id)
                .bind("owner", owner)
                .bind("conversation", conversationId)
                .bind("fileName", fileName)
                .bind("size", Parameter.fromOrEmpty(size, Long.class))
                .bind("options", optionsJson)
                .then();
        return transactions.run(STATEMENT_TIMEOUT, conversation.then(importRow)).then(find(owner, id));
    }

    Mono<ImportRecord> find(String owner, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM imports WHERE id = :id AND owner_id = :owner")
                .bind("id", id)
                .bind("owner", owner)
                .map(ImportRepository::toRecord)
                .one();
    }

    /** For internal consumers that act on an import id from an event, not on behalf of a person. */
    Mono<ImportRecord> findAnyOwner(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM imports WHERE id = :id")
                .bind("id", id)
                .map(ImportRepository::toRecord)
                .one();
    }

    /** Newest first, keyset on (created_at, id). */
    Flux<ImportRecord> page(String owner, @Nullable Instant beforeCreatedAt, @Nullable UUID beforeId, int limit) {
        var spec = beforeCreatedAt == null
                ? db.sql("SELECT " + COLUMNS + " FROM imports WHERE owner_id = :owner"
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                : db.sql(
                                "SELECT " + COLUMNS + " FROM imports WHERE owner_id = :owner"
                                        + " AND (created_at, id) < (:createdAt, :id) ORDER BY created_at DESC, id DESC LIMIT :limit")
                        .bind("createdAt", beforeCreatedAt)
                        .bind("id", beforeId);
        return spec.bind("owner", owner)
                .bind("limit", limit)
                .map(ImportRepository::toRecord)
                .all();
    }

    /** Claims the one upload of an import; empty when it was already claimed or is no longer receiving. */
    Mono<ImportRecord> claimUpload(String owner, UUID id, @Nullable Long size) {
        return db.sql("UPDATE imports SET upload_started_at = now(), size_bytes = COALESCE(:size, size_bytes),"
                        + " version = version + 1, updated_at = now()"
                        + " WHERE id = :id AND owner_id = :owner AND status = 'RECEIVING' AND upload_started_at IS NULL"
                        + " RETURNING " + COLUMNS)
                .bind("id", id)
                .bind("owner", owner)
                .bind("size", Parameter.fromOrEmpty(size, Long.class))
                .map(ImportRepository::toRecord)
                .one();
    }

    /** Writes a running upload's counters; answers the import's status so the upload notices a cancel. */
    Mono<ImportStatus> saveProgress(UUID id, long bytes, long parsed, long published) {
        return db.sql("UPDATE imports SET bytes_received = :bytes, messages_parsed = :parsed,"
                        + " messages_published = :published, version = version + 1, updated_at = now()"
                        + " WHERE id = :id RETURNING status")
                .bind("id", id)
                .bind("bytes", bytes)
                .bind("parsed", parsed)
                .bind("published", published)
                .map(row -> ImportStatus.valueOf(row.get("status", String.class)))
                .one();
    }

    /** Points the import at the existing conversation it continues, dropping the conversation it started with. */
    Mono<Void> continueConversation(ImportRecord imp, UUID existing, long firstOrdinal) {
        Mono<Void> work = db.sql(
                        "UPDATE imports SET conversation_id = :existing, first_ordinal = :first, version = version + 1,"
                                + " updated_at = now() WHERE id = :id")
                .bind("existing", existing)
                .bind("first", firstOrdinal)
                .bind("id", imp.id())
                .then()
                .then(db.sql("DELETE FROM conversations WHERE id = :id AND visible = false")
                        .bind("id", imp.conversationId())
                        .then());
        return transactions.run(STATEMENT_TIMEOUT, work);
    }

    Mono<Void> describeNewConversation(UUID conversationId, List<String> openingKeys) {
        return db.sql("UPDATE conversations SET first_message_key = :first, opening_keys = :keys WHERE id = :id")
                .bind("first", openingKeys.getFirst())
                .bind("keys", openingKeys.toArray(String[]::new))
                .bind("id", conversationId)
                .then();
    }

    /** The whole file is parsed and published: RECEIVING → PROCESSING, then COMPLETED once everything is stored. */
    Mono<Void> finishUpload(
            UUID id,
            long bytes,
            long parsed,
            long newMessages,
            long published,
            String sha256,
            String reportJson,
            String sourceFormat) {
        return db.sql("UPDATE imports SET status = 'PROCESSING', bytes_received = :bytes, messages_parsed = :parsed,"
                        + " messages_new = :new, messages_published = :published, sha256 = :sha, report = :report::jsonb,"
                        + " version = version + 1, updated_at = now() WHERE id = :id AND status = 'RECEIVING'")
                .bind("id", id)
                .bind("bytes", bytes)
                .bind("parsed", parsed)
                .bind("new", newMessages)
                .bind("published", published)
                .bind("sha", sha256)
                .bind("report", reportJson)
                .then()
                .then(db.sql("UPDATE conversations SET source_format = :format WHERE source_format = 'pending'"
                                + " AND id = (SELECT conversation_id FROM imports WHERE id = :id)")
                        .bind("format", sourceFormat)
                        .bind("id", id)
                        .then());
    }

    /**
     * Ends a running import as FAILED or CANCELLED and removes what it stored: its rows sit above the conversation's
     * visible count, and a conversation no completed import filled is dropped. Empty when it had already ended.
     */
    Mono<ImportRecord> end(UUID id, ImportStatus status, String problemJson) {
        Mono<ImportRecord> ended = db.sql("UPDATE imports SET status = :status, problem = :problem::jsonb,"
                        + " finished_at = now(), version = version + 1, updated_at = now()"
                        + " WHERE id = :id AND status IN ('RECEIVING', 'PROCESSING') RETURNING " + COLUMNS)
                .bind("id", id)
                .bind("status", status.name())
                .bind("problem", problemJson)
                .map(ImportRepository::toRecord)
                .one();
        Mono<ImportRecord> work = ended.flatMap(r -> db.sql("DELETE FROM messages WHERE conversation_id = :conversation"
                        + " AND ordinal >= :first AND import_id = :id")
                .bind("conversation", r.conversationId())
                .bind("first", r.firstOrdinal())
                .bind("id", r.id())
                .then()
                .then(db.sql("DELETE FROM conversations c WHERE c.id = :conversation AND NOT c.visible"
                                + " AND NOT EXISTS (SELECT 1 FROM imports i WHERE i.conversation_id = c.id"
                                + " AND i.status IN ('RECEIVING', 'PROCESSING', 'COMPLETED'))")
                        .bind("conversation", r.conversationId())
                        .then())
                .thenReturn(r));
        return transactions.run(ENDING_TIMEOUT, work);
    }

    static ImportRecord toRecord(Readable row) {
        return new ImportRecord(
                row.get("id", UUID.class),
                row.get("owner_id", String.class),
                row.get("conversation_id", UUID.class),
                row.get("file_name", String.class),
                row.get("size_bytes", Long.class),
                row.get("options", String.class),
                ImportStatus.valueOf(row.get("status", String.class)),
                row.get("sha256", String.class),
                row.get("bytes_received", Long.class),
                row.get("messages_parsed", Long.class),
                row.get("messages_new", Long.class),
                row.get("messages_published", Long.class),
                row.get("messages_stored", Long.class),
                row.get("messages_enriched", Long.class),
                row.get("first_ordinal", Long.class),
                row.get("report", String.class),
                row.get("problem", String.class),
                row.get("version", Long.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class),
                row.get("finished_at", Instant.class));
    }
}
