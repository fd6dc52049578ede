package dev.parley.server.stats;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.server.conversations.ConversationState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Statistics cached per {@link ConversationState.Version}: an import that adds messages raises the message count,
 * enrichment raises its progress counter, so the next request computes under a new key and the stale entry ages
 * out (size and access bounds). The version comes from {@link dev.parley.server.conversations.ConversationCache},
 * so a hit costs no query. Concurrent requests for the same key share one computation. Hits, misses and evictions
 * are exported as the Micrometer cache meters ({@code cache.gets{cache="parley.stats"}} etc.).
 */
@Component
class StatsCache {

    private final AsyncCache<ConversationState.Version, byte[]> cache;
    private final StatsRepository repository;
    private final JsonMapper json;

    StatsCache(StatsRepository repository, StatsProperties properties, MeterRegistry registry, JsonMapper json) {
        this.repository = repository;
        this.json = json;
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.cacheSize())
                .expireAfterAccess(properties.expireAfterAccess())
                .recordStats()
                .buildAsync();
        CaffeineCacheMetrics.monitor(registry, cache, "parley.stats");
    }

    /** The statistics as JSON, written once per version by the application's mapper (a hit writes nothing). */
    Mono<byte[]> get(ConversationState state) {
        // a cancelled request must not cancel the shared computation other requests wait for
        return Mono.fromFuture(
                () -> cache.get(
                        state.version(),
                        (version, executor) -> repository
                                .compute(state.conversation(), state.enriched())
                                .map(json::writeValueAsBytes)
                                .toFuture()),
                true);
    }
}
