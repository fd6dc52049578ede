package dev.parley.server.conversations;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.server.problem.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Conversation metadata and its {@link ConversationState.Version version}, shared by every read of a conversation.
 * Entries live {@code parley.conversations.fresh-for} (1 s by default) and are then read again, so changes made by
 * the import pipeline or by another instance show within that time without any message between instances; deletes
 * through this instance drop the entry at once. Unknown conversations are cached too (briefly), so a stream of
 * 404s costs no query each. Concurrent misses for one conversation share one query. Hits and misses are the
 * Micrometer cache meters with {@code cache="parley.conversations"}.
 */
@Component
public class ConversationCache {

    private final AsyncLoadingCache<Key, Optional<ConversationState>> cache;

    ConversationCache(ConversationRepository repository, ConversationsProperties properties, MeterRegistry registry) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.cacheSize())
                .expireAfterWrite(properties.freshFor())
                .recordStats()
                .buildAsync((key, executor) -> repository
                        .state(key.owner(), key.id())
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .toFuture());
        CaffeineCacheMetrics.monitor(registry, cache, "parley.conversations");
    }

    private record Key(String owner, UUID id) {}

    /** The owner's visible conversation, or empty. */
    public Mono<ConversationState> find(String owner, UUID id) {
        // a cancelled request must not cancel the shared load other requests wait for
        return Mono.fromFuture(() -> cache.get(new Key(owner, id)), true).flatMap(Mono::justOrEmpty);
    }

    /** The owner's visible conversation, or a 404 problem. */
    public Mono<ConversationState> require(String owner, UUID id) {
        return find(owner, id).switchIfEmpty(Mono.error(() -> Problems.notFound("conversation", id)));
    }

    /** Forgets the conversation here, e.g. after deleting it. */
    void invalidate(String owner, UUID id) {
        cache.synchronous().invalidate(new Key(owner, id));
    }
}
