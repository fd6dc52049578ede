package dev.parley.server.imports;

import dev.parley.ingest.ParseException;
import dev.parley.server.problem.Problems;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Why an import failed, as the problem detail stored with it and answered over HTTP. Never quotes message text. */
final class ImportFailures {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ImportFailures.class);

    private ImportFailures() {}

    static ErrorResponseException tooLarge(long max) {
        return Problems.of(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "upload-too-large",
                "Upload too large",
                "The file is larger than the " + (max >> 20) + " MB this server accepts.");
    }

    static ErrorResponseException interrupted() {
        return Problems.of(
                HttpStatus.BAD_REQUEST,
                "upload-interrupted",
                "Upload interrupted",
                "The upload was interrupted before the whole file arrived; nothing of it was kept.");
    }

    static ErrorResponseException conversationDeleted() {
        return Problems.of(
                HttpStatus.GONE,
                "conversation-deleted",
                "Conversation deleted",
                "The conversation was deleted while this import ran; nothing of the import was kept.");
    }

    static ErrorResponseException alreadyUploaded() {
        return Problems.of(
                HttpStatus.CONFLICT,
                "upload-already-started",
                "Upload already started",
                "This import already has its file (or has ended); create a new import to upload again.");
    }

    /** Maps any failure of an upload to the problem a person reads. */
    static ErrorResponseException of(Throwable error) {
        if (error instanceof ErrorResponseException e) {
            return e;
        }
        if (error instanceof ParseException e) {
            String slug = e.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            return Problems.of(
                    HttpStatus.UNPROCESSABLE_CONTENT, slug, "Not a chat export Parley can read", e.getMessage());
        }
        if (error instanceof reactor.netty.channel.AbortedException || error instanceof java.io.IOException) {
            return interrupted();
        }
        if (error instanceof org.apache.kafka.common.KafkaException) {
            return Problems.of(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "publish-failed",
                    "Messages could not be published",
                    "Parley could not hand the messages to its event log (Kafka); nothing of this import was kept.");
        }
        log.warn("Import failed unexpectedly", error);
        return Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "import-failed",
                "Import failed",
                "The import failed unexpectedly; nothing of it was kept.");
    }

    static Map<String, Object> toMap(ErrorResponseException e) {
        ProblemDetail p = e.getBody();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", String.valueOf(p.getType()));
        map.put("title", p.getTitle());
        map.put("status", p.getStatus());
        map.put("detail", p.getDetail());
        return map;
    }
}
