package dev.parley.server.imports;

import dev.parley.server.owner.CurrentOwner;
import dev.parley.server.problem.Problems;
import dev.parley.server.support.TimeOrderedIds;
import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The imports API (docs/api.md#imports). */
@RestController
@RequestMapping("/api/v1/imports")
class ImportsController {

    private static final String ZIP_LEGACY = "application/x-zip-compressed";

    private final ImportRepository imports;
    private final ImportUploader uploader;
    private final ImportLifecycle lifecycle;
    private final CurrentOwner owner;
    private final ImportProperties properties;
    private final JsonMapper json;

    ImportsController(
            ImportRepository imports,
            ImportUploader uploader,
            ImportLifecycle lifecycle,
            CurrentOwner owner,
            ImportProperties properties,
            JsonMapper json) {
        this.imports = imports;
        this.uploader = uploader;
        this.lifecycle = lifecycle;
        this.owner = owner;
        this.properties = properties;
        this.json = json;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, params = "!fileName")
    Mono<ResponseEntity<ImportView>> create(@Valid @RequestBody CreateImportRequest request) {
        ImportOptions options = request.options() == null ? ImportOptions.DEFAULTS : request.options();
        return owner.id()
                .flatMap(me -> create(me, request.fileName(), request.size(), options))
                .map(created -> ResponseEntity.created(
                                java.net.URI.create(created.links().self()))
                        .body(created));
    }

    /** Create and upload in one request, for curl: {@code curl --data-binary @chat.zip '...?fileName=chat.zip'}. */
    @PostMapping(
            params = "fileName",
            consumes = {
                MediaType.TEXT_PLAIN_VALUE,
                MediaType.APPLICATION_JSON_VALUE,
                MediaType.APPLICATION_OCTET_STREAM_VALUE,
                "application/zip",
                ZIP_LEGACY
            })
    Mono<ResponseEntity<ImportView>> createAndUpload(
            @RequestParam String fileName,
            @RequestParam(required = false) @Nullable String format,
            @RequestParam(required = false) @Nullable String dateOrder,
            @RequestParam(required = false) @Nullable String timeZone,
            @RequestParam(required = false) @Nullable String title,
            ServerHttpRequest request) {
        Long size = contentLength(request);
        if (size != null && size > properties.maxUploadSize().toBytes()) {
            return Mono.error(ImportFailures.tooLarge(properties.maxUploadSize().toBytes()));
        }
        var options = new ImportOptions(format, dateOrder, timeZone, title);
        return owner.id()
                .flatMap(
                        me -> create(me, fileName, size, options).flatMap(created -> upload(me, created.id(), request)))
                .map(done -> ResponseEntity.accepted().body(done));
    }

    @PutMapping(
            path = "/{id}/content",
            consumes = {
                MediaType.TEXT_PLAIN_VALUE,
                MediaType.APPLICATION_JSON_VALUE,
                MediaType.APPLICATION_OCTET_STREAM_VALUE,
                "application/zip",
                ZIP_LEGACY
            })
    Mono<ResponseEntity<ImportView>> upload(@PathVariable UUID id, ServerHttpRequest request) {
        return owner.id()
                .flatMap(me -> upload(me, id, request))
                .map(done -> ResponseEntity.accepted().body(done));
    }

    @GetMapping("/{id}")
    Mono<ImportView> get(@PathVariable UUID id) {
        return owner.id().flatMap(me -> find(me, id)).map(ImportView::of);
    }

    @GetMapping
    Mono<ImportPage> list(
            @RequestParam(defaultValue = "20") int limit, @RequestParam(required = false) @Nullable String cursor) {
        if (limit < 1 || limit > 100) {
            return Mono.error(Problems.badRequest("invalid-limit", "limit must be between 1 and 100."));
        }
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        return owner.id()
                .flatMapMany(me -> imports.page(
                        me, after == null ? null : after.createdAt(), after == null ? null : after.id(), limit + 1))
                .map(ImportView::of)
                .collectList()
                .map(items -> {
                    boolean more = items.size() > limit;
                    List<ImportView> page = more ? items.subList(0, limit) : items;
                    String next = more
                            ? new Cursor(
                                            page.getLast().createdAt(),
                                            page.getLast().id())
                                    .encode()
                            : null;
                    return new ImportPage(page, next);
                });
    }

    /** Cancels a running import; an import that already ended is answered as it is. */
    @DeleteMapping("/{id}")
    Mono<ImportView> cancel(@PathVariable UUID id) {
        String problem = json.writeValueAsString(Map.of(
                "type",
                Problems.TYPE_BASE + "import-cancelled",
                "title",
                "Import cancelled",
                "status",
                409,
                "detail",
                "The import was cancelled; nothing of it was kept."));
        return owner.id()
                .flatMap(me -> find(me, id)
                        .flatMap(found -> imports.end(id, ImportStatus.CANCELLED, problem)
                                .flatMap(ended -> lifecycle.publish(ended).thenReturn(ended))
                                .switchIfEmpty(imports.find(me, id))))
                .map(ImportView::of);
    }

    private Mono<ImportView> create(String me, String fileName, @Nullable Long size, ImportOptions options) {
        options.toParseOptions(); // refuses bad options now, with a 400, rather than at upload time
        String title = options.title() == null || options.title().isBlank()
                ? ImportOptions.titleFrom(fileName)
                : options.title();
        return imports.create(TimeOrderedIds.next(), me, fileName, size, json.writeValueAsString(options), title)
                .flatMap(created -> lifecycle.publish(created).thenReturn(created))
                .map(ImportView::of);
    }

    private Mono<ImportView> upload(String me, UUID id, ServerHttpRequest request) {
        Long size = contentLength(request);
        long max = properties.maxUploadSize().toBytes();
        return find(me, id)
                .then(imports.claimUpload(me, id, size))
                .switchIfEmpty(Mono.error(ImportFailures::alreadyUploaded))
                .flatMap(claimed -> size != null && size > max
                        ? imports.end(
                                        id,
                                        ImportStatus.FAILED,
                                        json.writeValueAsString(ImportFailures.toMap(ImportFailures.tooLarge(max))))
                                .then(Mono.error(ImportFailures.tooLarge(max)))
                        : uploader.upload(claimed, request.getBody()))
                .map(ImportView::of);
    }

    private Mono<ImportRecord> find(String me, UUID id) {
        return imports.find(me, id).switchIfEmpty(Mono.error(() -> Problems.notFound("import", id)));
    }

    private static @Nullable Long contentLength(ServerHttpRequest request) {
        long length = request.getHeaders().getContentLength();
        return length < 0 ? null : length;
    }

    record ImportPage(List<ImportView> items, @Nullable String nextCursor) {}

    /** Opaque position in the newest-first list of imports. */
    record Cursor(Instant createdAt, UUID id) {

        String encode() {
            String raw = createdAt.toString() + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String[] parts =
                        new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw Problems.badRequest("invalid-cursor", "The cursor is not one this server handed out.");
            }
        }
    }
}
