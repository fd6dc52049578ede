package dev.parley.server.store;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Store consumer settings ({@code parley.store.*}).
 *
 * @param enabled whether this instance runs the store consumer
 * @param batchSize most messages written in one transaction
 * @param batchTimeout longest a partial batch waits for more messages
 * @param writeTimeout longest statement of a batch's transaction (PostgreSQL fails it, and the transaction rolls back)
 *     and longest the consumer waits for a batch before it restarts from the last commit
 */
@Validated
@ConfigurationProperties("parley.store")
public record StoreProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5000") @Min(1) int batchSize,
        @DefaultValue("200ms") Duration batchTimeout,
        @DefaultValue("60s") Duration writeTimeout) {}
