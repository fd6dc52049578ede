package dev.parley.server.imports;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An {@code imports} row. */
record ImportRecord(
        UUID id,
        String ownerId,
        UUID conversationId,
        String fileName,
        @Nullable Long sizeBytes,
        String optionsJson,
        ImportStatus status,
        @Nullable String sha256,
        long bytesReceived,
        long messagesParsed,
        @Nullable Long messagesNew,
        long messagesPublished,
        long messagesStored,
        long messagesEnriched,
        long firstOrdinal,
        @Nullable String reportJson,
        @Nullable String problemJson,
        long version,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant finishedAt) {}
