package dev.parley.server.export;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Export settings ({@code parley.export.*}).
 *
 * @param fetchSize rows the database cursor hands over per round trip; bounds the rows held in memory per export
 * @param rowsPerChunk rows written per HTTP chunk
 * @param maxConcurrent exports streamed at a time, each on a connection of the exports' own pool; one more is
 *     refused with 503
 * @param idleTime how long an idle export connection is kept
 */
@Validated
@ConfigurationProperties("parley.export")
record ExportProperties(
        @DefaultValue("500") @Min(1) int fetchSize,
        @DefaultValue("64") @Min(1) int rowsPerChunk,
        @DefaultValue("4") @Min(1) int maxConcurrent,
        @DefaultValue("1m") Duration idleTime) {}
