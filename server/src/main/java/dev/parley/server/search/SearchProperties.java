package dev.parley.server.search;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Search ({@code parley.search.*}).
 *
 * @param indexInterval how often the indexer looks for conversations with unindexed messages
 * @param batchSize messages indexed per transaction
 * @param conversationsPerRound conversations the indexer picks up per look
 * @param indexerEnabled whether this instance runs the indexer (every instance may; batches are idempotent)
 * @param recentWindow the fewest newest rows a newest-first search (in one conversation or in all) checks before it
 *     collects every match through the GIN index, unless the word is rare there (more when it is less frequent, see
 *     {@code SearchRepository}): large enough that common words fill a page inside it, small enough to stay cheap
 * @param rankCandidates how many of the newest matches a search by rank ranks; ranking every match of a common word
 *     means reading every match's row
 * @param maxConnections the connections of search's own pool ({@code SearchConnections}); unset, as many as the main
 *     pool's {@code spring.r2dbc.pool.max-size}
 */
@Validated
@ConfigurationProperties("parley.search")
record SearchProperties(
        @DefaultValue("1s") Duration indexInterval,
        @DefaultValue("5000") @Min(1) int batchSize,
        @DefaultValue("16") @Min(1) int conversationsPerRound,
        @DefaultValue("true") boolean indexerEnabled,
        @DefaultValue("2000") @Min(1) int recentWindow,
        @DefaultValue("500") @Min(1) int rankCandidates,
        @Nullable @Min(1) Integer maxConnections) {}
