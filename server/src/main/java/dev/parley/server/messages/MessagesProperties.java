package dev.parley.server.messages;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Message reads ({@code parley.messages.*}).
 *
 * @param defaultLimit page size when a request names none
 * @param maxLimit the largest page a request may ask for
 * @param cursorSecret key that signs cursors; when unset a random key is created once and kept in the
 *     {@code settings} table, so cursors survive restarts and work on every instance sharing the database
 * @param firstPageCacheSize JSON bytes of first pages kept in memory
 * @param firstPageTtl how long a cached first page is served at most; a fetched link preview shows after this
 */
@Validated
@ConfigurationProperties("parley.messages")
public record MessagesProperties(
        @DefaultValue("50") @Min(1) int defaultLimit,
        @DefaultValue("500") @Min(1) @Max(10_000) int maxLimit,
        @Nullable String cursorSecret,
        @DefaultValue("32MB") DataSize firstPageCacheSize,
        @DefaultValue("1m") Duration firstPageTtl) {

    /** The page size for a requested {@code limit}; 400 outside 1..{@link #maxLimit()}. */
    public int limit(@Nullable Integer requested) {
        if (requested == null) {
            return Math.min(defaultLimit, maxLimit);
        }
        if (requested < 1 || requested > maxLimit) {
            throw dev.parley.server.problem.Problems.badRequest(
                    "invalid-limit", "limit must be between 1 and " + maxLimit + ".");
        }
        return requested;
    }
}
