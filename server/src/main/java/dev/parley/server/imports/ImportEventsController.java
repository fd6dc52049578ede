package dev.parley.server.imports;

import dev.parley.server.owner.CurrentOwner;
import dev.parley.server.problem.Problems;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The live progress feed of an import, as server-sent events. Progress is read from PostgreSQL, which every
 * instance writes, so the feed works wherever the request lands. A slow client is conflated: each poll reads the
 * latest state and polls are skipped while the client has not taken the previous event, so nothing queues up.
 */
@RestController
class ImportEventsController {

    private final ImportRepository imports;
    private final CurrentOwner owner;
    private final ImportProperties properties;

    ImportEventsController(ImportRepository imports, CurrentOwner owner, ImportProperties properties) {
        this.imports = imports;
        this.owner = owner;
        this.properties = properties;
    }

    @GetMapping(path = "/api/v1/imports/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<ResponseEntity<Flux<ServerSentEvent<ImportProgressEvent>>>> events(
            @PathVariable UUID id,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
        return owner.id()
                .flatMap(me -> imports.find(me, id)
                        .switchIfEmpty(Mono.error(() -> Problems.notFound("import", id)))
                        .map(current -> {
                            long seen = parse(lastEventId);
                            if (current.status().isFinal() && seen >= current.version()) {
                                return ResponseEntity.noContent()
                                        .build(); // the client has the final event: stop reconnecting
                            }
                            return ResponseEntity.ok()
                                    .header("X-Accel-Buffering", "no")
                                    .header("Cache-Control", "no-cache")
                                    .body(stream(me, id, seen));
                        }));
    }

    private Flux<ServerSentEvent<ImportProgressEvent>> stream(String me, UUID id, long seen) {
        Flux<ServerSentEvent<ImportProgressEvent>> states = Flux.defer(() -> {
            var rate = new RateMeter();
            return Flux.interval(java.time.Duration.ZERO, properties.pollInterval())
                    .onBackpressureDrop()
                    .concatMap(tick -> imports.find(me, id), 1)
                    .filter(state -> state.version() > seen)
                    .distinctUntilChanged(ImportRecord::version)
                    .takeUntil(state -> state.status().isFinal())
                    .map(state -> {
                        var event = ImportProgressEvent.of(state, rate.perSecond(state.messagesStored()));
                        return ServerSentEvent.builder(event)
                                .id(Long.toString(state.version()))
                                .event(event.eventName())
                                .build();
                    });
        });
        return states.publish(shared -> Flux.merge(
                shared,
                Flux.interval(properties.heartbeatInterval())
                        .map(tick -> ServerSentEvent.<ImportProgressEvent>builder()
                                .comment("heartbeat")
                                .build())
                        .takeUntilOther(shared.then())));
    }

    private static long parse(@Nullable String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Messages stored per second between two consecutive events of one stream. */
    private static final class RateMeter {
        private long lastCount = -1;
        private long lastNanos;

        double perSecond(long count) {
            long now = System.nanoTime();
            double rate = lastCount < 0 || now == lastNanos ? 0 : (count - lastCount) * 1e9 / (now - lastNanos);
            lastCount = count;
            lastNanos = now;
            return Math.max(0, Math.round(rate * 10) / 10.0);
        }
    }
}
