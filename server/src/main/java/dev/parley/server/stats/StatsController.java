package dev.parley.server.stats;

import dev.parley.server.conversations.ConversationCache;
import dev.parley.server.owner.CurrentOwner;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/v1/conversations/{id}/stats}, served from {@link StatsCache}. */
@RestController
class StatsController {

    private final ConversationCache conversations;
    private final StatsCache cache;
    private final CurrentOwner owner;

    StatsController(ConversationCache conversations, StatsCache cache, CurrentOwner owner) {
        this.conversations = conversations;
        this.cache = cache;
        this.owner = owner;
    }

    @GetMapping(value = "/api/v1/conversations/{id}/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<byte[]> stats(@PathVariable UUID id) {
        return owner.id().flatMap(ownerId -> conversations.require(ownerId, id)).flatMap(cache::get);
    }
}
