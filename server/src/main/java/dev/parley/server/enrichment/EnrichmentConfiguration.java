package dev.parley.server.enrichment;

import dev.parley.server.enrichment.sentiment.BuiltInSentimentAnalyzer;
import dev.parley.server.enrichment.sentiment.SentimentAnalyzer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sentiment analyzer chosen by {@code parley.enrichment.sentiment.mode}. */
@Configuration(proxyBeanMethods = false)
class EnrichmentConfiguration {

    @Bean
    SentimentAnalyzer sentimentAnalyzer(EnrichmentProperties properties) {
        return switch (properties.sentiment().mode()) {
            case BUILTIN -> new BuiltInSentimentAnalyzer();
            case TEI, GENERIC -> throw new IllegalStateException("Remote sentiment is not available yet");
        };
    }
}
