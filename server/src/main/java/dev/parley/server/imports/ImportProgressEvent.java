package dev.parley.server.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Data of the SSE events of {@code GET /api/v1/imports/{id}/events}: {@code progress}, then {@code completed} or
 * {@code failed}.
 *
 * @param stage receiving (bytes arriving, parsed and published as they come), storing, completed, failed, cancelled
 * @param rate messages stored per second since the previous event (0 when unknown)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ImportProgressEvent(
        UUID importId,
        UUID conversationId,
        ImportStatus status,
        String stage,
        long bytesReceived,
        @Nullable Long bytesTotal,
        long messagesParsed,
        @Nullable Long messagesNew,
        long messagesStored,
        long messagesEnriched,
        double rate,
        @JsonRawValue @Nullable String problem) {

    static ImportProgressEvent of(ImportRecord r, double rate) {
        String stage = switch (r.status()) {
            case RECEIVING -> "receiving";
            case PROCESSING -> "storing";
            case COMPLETED -> "completed";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
        };
        return new ImportProgressEvent(
                r.id(),
                r.conversationId(),
                r.status(),
                stage,
                r.bytesReceived(),
                r.sizeBytes(),
                r.messagesParsed(),
                r.messagesNew(),
                r.messagesStored(),
                r.messagesEnriched(),
                rate,
                r.problemJson());
    }

    String eventName() {
        return switch (status) {
            case COMPLETED -> "completed";
            case FAILED, CANCELLED -> "failed";
            default -> "progress";
        };
    }
}
