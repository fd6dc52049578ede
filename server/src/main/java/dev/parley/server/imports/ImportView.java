package dev.parley.server.imports;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The import JSON of the HTTP API and of {@code parley.imports.v1}. */
public record ImportView(
        UUID id,
        ImportStatus status,
        UUID conversationId,
        String fileName,
        @Nullable Long size,
        @JsonRawValue String options,
        Counts counts,
        @Nullable String sha256,
        @JsonRawValue @Nullable String report,
        @JsonRawValue @Nullable String problem,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant finishedAt,
        long version,
        Links links) {

    /**
     * @param messagesNew messages this import adds to its conversation; fewer than parsed when it overlaps an earlier
     *     export of the same chat, null until the whole file is parsed
     */
    public record Counts(
            long bytesReceived,
            long messagesParsed,
            @Nullable Long messagesNew,
            long messagesPublished,
            long messagesStored,
            long messagesEnriched) {}

    public record Links(String self, String upload, String events, String conversation) {}

    static ImportView of(ImportRecord r) {
        String self = "/api/v1/imports/" + r.id();
        return new ImportView(
                r.id(),
                r.status(),
                r.conversationId(),
                r.fileName(),
                r.sizeBytes(),
                r.optionsJson(),
                new Counts(
                        r.bytesReceived(),
                        r.messagesParsed(),
                        r.messagesNew(),
                        r.messagesPublished(),
                        r.messagesStored(),
                        r.messagesEnriched()),
                r.sha256(),
                r.reportJson(),
                r.problemJson(),
                r.createdAt(),
                r.updatedAt(),
                r.finishedAt(),
                r.version(),
                new Links(self, self + "/content", self + "/events", "/api/v1/conversations/" + r.conversationId()));
    }
}
