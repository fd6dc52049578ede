package dev.parley.server.export;

import dev.parley.server.conversations.Conversation;
import dev.parley.server.conversations.ConversationRepository;
import dev.parley.server.messages.MessageFilter;
import dev.parley.server.owner.CurrentOwner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/conversations/{id}/export?format=ndjson|csv|json|txt} with the filters of the message pages:
 * a chunked download with a file name from the title, gzip-encoded when the client accepts it; at most
 * {@code parley.export.max-concurrent} at a time ({@link ExportConnections}).
 */
@RestController
class ExportController {

    private final ConversationRepository conversations;
    private final ExportRepository rows;
    private final ExportConnections connections;
    private final CurrentOwner owner;
    private final ExportProperties properties;

    ExportController(
            ConversationRepository conversations,
            ExportRepository rows,
            ExportConnections connections,
            CurrentOwner owner,
            ExportProperties properties) {
        this.conversations = conversations;
        this.rows = rows;
        this.connections = connections;
        this.owner = owner;
        this.properties = properties;
    }

    @GetMapping("/api/v1/conversations/{id}/export")
    Mono<Void> export(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String format,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String sender,
            @RequestParam(required = false) @Nullable List<String> kind,
            @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) @Nullable String acceptEncoding,
            ServerHttpResponse response) {
        ExportFormat exportFormat = ExportFormat.of(format);
        MessageFilter filter = MessageFilter.parse(from, to, sender, kind);
        boolean gzip = acceptsGzip(acceptEncoding);
        return owner.id()
                .flatMap(ownerId -> conversations.require(ownerId, id))
                .flatMap(conversation -> connections.run(() -> {
                    HttpHeaders headers = response.getHeaders();
                    headers.setContentType(exportFormat.mediaType());
                    headers.setContentDisposition(ContentDisposition.attachment()
                            .filename(fileName(conversation, exportFormat), StandardCharsets.UTF_8)
                            .build());
                    headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
                    Flux<byte[]> body = body(conversation, filter, exportFormat);
                    if (gzip) {
                        headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
                        body = GzipChunks.gzip(body);
                    }
                    Flux<DataBuffer> buffers =
                            body.map(bytes -> response.bufferFactory().wrap(bytes));
                    return response.writeWith(buffers);
                }));
    }

    private Flux<byte[]> body(Conversation conversation, MessageFilter filter, ExportFormat format) {
        AtomicBoolean first = new AtomicBoolean(true);
        Flux<byte[]> messages = rows.stream(conversation, filter)
                .map(row -> format.row(row, first.getAndSet(false)))
                .buffer(properties.rowsPerChunk())
                .map(ExportController::concat);
        return Flux.just(format.header())
                .concatWith(messages)
                .concatWith(Flux.defer(() -> Flux.just(format.footer())))
                .filter(bytes -> bytes.length > 0);
    }

    private static byte[] concat(List<byte[]> parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    static String fileName(Conversation conversation, ExportFormat format) {
        String base = conversation
                .title()
                .replaceAll("[\\p{Cntrl}/\\\\:*?\"<>|]+", "_")
                .strip();
        if (base.length() > 80) {
            base = base.substring(0, 80).strip();
        }
        if (base.isEmpty() || base.chars().allMatch(c -> c == '_' || c == '.')) {
            base = "conversation";
        }
        return base + "." + format.extension();
    }

    private static boolean acceptsGzip(@Nullable String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] coding = part.strip().split(";");
            if (coding[0].strip().equalsIgnoreCase("gzip")) {
                return coding.length < 2 || !coding[1].replace(" ", "").equals("q=0");
            }
        }
        return false;
    }
}
