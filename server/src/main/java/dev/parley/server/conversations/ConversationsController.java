package dev.parley.server.conversations;

import dev.parley.server.messages.CursorKeys;
import dev.parley.server.messages.Cursors;
import dev.parley.server.messages.MessagesProperties;
import dev.parley.server.owner.CurrentOwner;
import dev.parley.server.problem.Problems;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /api/v1/conversations}: the owner's visible conversations, newest first, one, or delete one. */
@RestController
@RequestMapping("/api/v1/conversations")
class ConversationsController {

    private final ConversationRepository conversations;
    private final ConversationCache cache;
    private final ConversationDeleter deleter;
    private final CursorKeys keys;
    private final CurrentOwner owner;
    private final MessagesProperties properties;

    ConversationsController(
            ConversationRepository conversations,
            ConversationCache cache,
            ConversationDeleter deleter,
            CursorKeys keys,
            CurrentOwner owner,
            MessagesProperties properties) {
        this.conversations = conversations;
        this.cache = cache;
        this.deleter = deleter;
        this.keys = keys;
        this.owner = owner;
        this.properties = properties;
    }

    @GetMapping
    Mono<ConversationPage> list(
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        int size = properties.limit(limit);
        return Mono.zip(owner.id(), keys.cursors()).flatMap(ownerAndKeys -> {
            String ownerId = ownerAndKeys.getT1();
            Cursors cursors = ownerAndKeys.getT2();
            String scope = "conversations|" + ownerId;
            Instant createdAt = null;
            UUID after = null;
            if (cursor != null && !cursor.isEmpty()) {
                ByteBuffer position = cursors.decode(scope, cursor);
                if (position.remaining() != 24) {
                    throw Cursors.invalid();
                }
                createdAt = Instant.EPOCH.plus(position.getLong(), ChronoUnit.MICROS);
                after = new UUID(position.getLong(), position.getLong());
            }
            return conversations.page(ownerId, createdAt, after, size + 1).map(rows -> {
                boolean more = rows.size() > size;
                List<Conversation> page = more ? rows.subList(0, size) : rows;
                String next = null;
                if (more) {
                    Conversation last = page.getLast();
                    byte[] position = ByteBuffer.allocate(24)
                            .putLong(ChronoUnit.MICROS.between(Instant.EPOCH, last.createdAt()))
                            .putLong(last.id().getMostSignificantBits())
                            .putLong(last.id().getLeastSignificantBits())
                            .array();
                    next = cursors.encode(scope, position);
                }
                return new ConversationPage(page, next);
            });
        });
    }

    @GetMapping("/{id}")
    Mono<Conversation> get(@PathVariable UUID id) {
        return owner.id().flatMap(ownerId -> cache.require(ownerId, id)).map(ConversationState::conversation);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable UUID id) {
        return owner.id()
                .flatMap(ownerId -> deleter.delete(ownerId, id))
                .flatMap(deleted -> deleted ? Mono.<Void>empty() : Mono.error(Problems.notFound("conversation", id)));
    }
}
