package dev.parley.server.enrichment;

import dev.parley.server.enrichment.sentiment.BuiltInSentimentAnalyzer;
import dev.parley.server.enrichment.sentiment.CachingSentimentAnalyzer;
import dev.parley.server.enrichment.sentiment.RemoteSentimentAnalyzer;
import dev.parley.server.enrichment.sentiment.SentimentAnalyzer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sentiment analyzer chosen by {@code parley.enrichment.sentiment.mode}. */
@Configuration(proxyBeanMethods = false)
class EnrichmentConfiguration {

    @Bean
    SentimentAnalyzer sentimentAnalyzer(EnrichmentProperties properties, MeterRegistry registry) {
        EnrichmentProperties.Sentiment sentiment = properties.sentiment();
        SentimentAnalyzer remote = switch (sentiment.mode()) {
            case BUILTIN -> null;
            case TEI -> RemoteSentimentAnalyzer.tei(sentiment.remote(), registry);
            case GENERIC -> RemoteSentimentAnalyzer.generic(sentiment.remote(), registry);
        };
        if (remote == null) {
            return new BuiltInSentimentAnalyzer();
        }
        return sentiment.cacheSize() == 0
                ? remote
                : new CachingSentimentAnalyzer(remote, sentiment.cacheSize(), sentiment.cacheTtl(), registry);
    }
}
