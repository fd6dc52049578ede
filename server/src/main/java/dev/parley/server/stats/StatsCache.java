package dev.parley.server.stats;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.server.conversations.ConversationState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Statistics cached per {@link ConversationState.Version}: an import that adds messages raises the message count,
 * enrichment raises its progress counter, so the next request computes under a new key and the stale entry ages
 * out (size and access bounds). The version comes from {@link dev.parley.server.conversations.ConversationCache},
 * so a hit costs no query. Concurrent requests for the same key share one computation. Hits, misses and evictions
 * are exported as the Micrometer cache meters ({@code cache.gets{cache="parley.stats"}} etc.).
 */
@Component
class StatsCache {

    private final AsyncCache<ConversationState.Version, ConversationStats> cache;
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

    Mono<ConversationStats> get(ConversationState state) {
        // a cancelled request must not cancel the shared computation other requests wait for
        return Mono.fromFuture(
                () -> cache.get(
                        state.version(),
                        (version, executor) -> repository
                                .compute(state.conversation(), state.enriched())
                                .toFuture()),
                true);
    }
}
