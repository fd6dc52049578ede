package dev.parley.server.messages;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.server.conversations.ConversationState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The JSON of first pages (no cursor, no filter: what a client shows when it opens a conversation), keyed by the
 * conversation's {@link ConversationState.Version version}, so new, deleted or enriched messages make the next
 * request read a new page. Bounded by the bytes it holds; entries also expire after
 * {@code parley.messages.first-page-ttl}, because a fetched link preview changes a page without changing the
 * version. Cursors in the JSON depend only on the conversation (one owner) and the position, so the bytes are the
 * same for every caller. Meters: {@code cache.*{cache="parley.first-pages"}}.
 */
@Component
class FirstPageCache {

    private final AsyncCache<Key, byte[]> cache;

    FirstPageCache(MessagesProperties properties, MeterRegistry registry) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(properties.firstPageCacheSize().toBytes())
                .weigher((Key key, byte[] json) -> json.length)
                .expireAfterWrite(properties.firstPageTtl())
                .recordStats()
                .buildAsync();
        CaffeineCacheMetrics.monitor(registry, cache, "parley.first-pages");
    }

    private record Key(ConversationState.Version version, int limit, boolean forward) {}

    /** The cached page, or the one {@code read} emits, cached for the next request; concurrent misses share it. */
    Mono<byte[]> get(ConversationState state, int limit, boolean forward, Supplier<Mono<byte[]>> read) {
        // a cancelled request must not cancel the shared read other requests wait for
        return Mono.fromFuture(
                () -> cache.get(
                        new Key(state.version(), limit, forward),
                        (key, executor) -> read.get().toFuture()),
                true);
    }
}
