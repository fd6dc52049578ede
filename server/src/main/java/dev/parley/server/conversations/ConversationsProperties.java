package dev.parley.server.conversations;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Conversation reads ({@code parley.conversations.*}).
 *
 * @param cacheSize conversations whose metadata stays cached
 * @param freshFor how long cached metadata is used without reading the conversation row again: how far behind
 *     another instance's changes (an import completing, enrichment progress, a delete) this instance may read;
 *     its own deletes are seen at once. {@code 0s} reads the row on every request.
 */
@Validated
@ConfigurationProperties("parley.conversations")
record ConversationsProperties(
        @DefaultValue("10000") @Min(1) int cacheSize,
        @DefaultValue("1s") Duration freshFor) {}
