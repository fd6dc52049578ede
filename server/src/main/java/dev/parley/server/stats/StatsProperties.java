package dev.parley.server.stats;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Statistics ({@code parley.stats.*}).
 *
 * @param cacheSize conversations whose statistics stay cached
 * @param expireAfterAccess how long unused statistics stay cached
 * @param top entries in the emoji and link-domain rankings
 * @param conversationGap a message after this much silence starts a new conversation; longer gaps are not
 *     counted as response times
 */
@Validated
@ConfigurationProperties("parley.stats")
record StatsProperties(
        @DefaultValue("256") @Min(1) int cacheSize,
        @DefaultValue("6h") Duration expireAfterAccess,
        @DefaultValue("10") @Min(1) int top,
        @DefaultValue("6h") Duration conversationGap) {}
