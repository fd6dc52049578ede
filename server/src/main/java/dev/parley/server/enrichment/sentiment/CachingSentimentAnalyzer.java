package dev.parley.server.enrichment.sentiment;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * A Caffeine cache in front of an analyzer, keyed by a SHA-256 of the normalized text (NFKC, whitespace collapsed,
 * trimmed) — chats repeat "ok", "haha" and "😂" endlessly. Texts repeated within a batch, or asked for by two
 * batches at once, are sent once. Failed results are not cached. Hits and misses are metered.
 */
public final class CachingSentimentAnalyzer implements SentimentAnalyzer {

    private record Key(long high, long low) {}

    private final SentimentAnalyzer delegate;
    private final AsyncCache<Key, SentimentResult> cache;
    private final Counter hits;
    private final Counter misses;

    public CachingSentimentAnalyzer(SentimentAnalyzer delegate, long maxSize, Duration ttl, MeterRegistry registry) {
        this.delegate = delegate;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfterWrite(ttl)
                .recordStats()
                .buildAsync();
        this.hits = Counter.builder("parley.enrichment.sentiment.cache.requests")
                .tag("result", "hit")
                .description("Sentiment cache lookups")
                .register(registry);
        this.misses = Counter.builder("parley.enrichment.sentiment.cache.requests")
                .tag("result", "miss")
                .description("Sentiment cache lookups")
                .register(registry);
        Gauge.builder("parley.enrichment.sentiment.cache.hit.ratio", this, c -> {
                    double h = c.hits.count();
                    double total = h + c.misses.count();
                    return total == 0 ? 0 : h / total;
                })
                .description("Share of sentiment lookups answered by the cache")
                .register(registry);
    }

    @Override
    public Mono<List<SentimentResult>> analyze(List<String> texts) {
        return Mono.defer(() -> {
            List<Key> keys = new ArrayList<>(texts.size());
            Map<Key, String> unique = new LinkedHashMap<>();
            for (String text : texts) {
                Key key = key(text);
                keys.add(key);
                unique.putIfAbsent(key, text);
            }
            Map<Key, SentimentResult> failures = new HashMap<>();
            boolean[] loaderCalled = {false};
            CompletableFuture<Map<Key, SentimentResult>> all = cache.getAll(unique.keySet(), (missing, executor) -> {
                loaderCalled[0] = true;
                misses.increment(missing.size());
                hits.increment(unique.size() - missing.size());
                List<Key> order = new ArrayList<>(missing);
                List<String> missingTexts = order.stream().map(unique::get).toList();
                return delegate.analyze(missingTexts)
                        .map(results -> {
                            Map<Key, SentimentResult> loaded = new HashMap<>();
                            for (int i = 0; i < order.size(); i++) {
                                SentimentResult result = results.get(i);
                                if (result instanceof SentimentResult.Failed) {
                                    failures.put(order.get(i), result); // not cached: retried next time
                                } else {
                                    loaded.put(order.get(i), result);
                                }
                            }
                            return loaded;
                        })
                        .toFuture();
            });
            return Mono.fromFuture(all, true).map(found -> {
                if (!loaderCalled[0]) {
                    hits.increment(unique.size()); // all present: getAll did not call the loader
                }
                List<SentimentResult> results = new ArrayList<>(keys.size());
                for (Key key : keys) {
                    SentimentResult result = found.get(key);
                    results.add(
                            result != null
                                    ? result
                                    : failures.getOrDefault(key, new SentimentResult.Failed("not loaded")));
                }
                return results;
            });
        });
    }

    @Override
    public String mode() {
        return delegate.mode();
    }

    static Key key(String text) {
        String normalized =
                Normalizer.normalize(text, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
            ByteBuffer buffer = ByteBuffer.wrap(digest);
            return new Key(buffer.getLong(), buffer.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
