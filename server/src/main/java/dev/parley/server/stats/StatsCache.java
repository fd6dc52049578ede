package dev.parley.server.stats;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.server.conversations.Conversation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Statistics cached per {@code (conversation id, message count, enriched messages)}: an import that adds messages
 * raises the count, enrichment raises its progress counter, so the next request computes under a new key and the
 * stale entry ages out (size and access bounds). Concurrent requests for the same key share one computation. Hits, misses and evictions are exported as the Micrometer cache
 * meters ({@code cache.gets{cache="parley.stats"}} etc.).
 */
@Component
class StatsCache {

    private final AsyncCache<Key, ConversationStats> cache;
    private final StatsRepository repository;

    StatsCache(StatsRepository repository, StatsProperties properties, MeterRegistry registry) {
        this.repository = repository;
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.cacheSize())
                .expireAfterAccess(properties.expireAfterAccess())
                .recordStats()
                .buildAsync();
        CaffeineCacheMetrics.monitor(registry, cache, "parley.stats");
    }

    private record Key(UUID conversationId, long messageCount, long enriched) {}

    Mono<ConversationStats> get(Conversation conversation) {
        return repository.enriched(conversation).flatMap(enriched -> {
            Key key = new Key(conversation.id(), conversation.messageCount(), enriched);
            // a cancelled request must not cancel the shared computation other requests wait for
            return Mono.fromFuture(
                    () -> cache.get(
                            key,
                            (k, executor) ->
                                    repository.compute(conversation, enriched).toFuture()),
                    true);
        });
    }
}
