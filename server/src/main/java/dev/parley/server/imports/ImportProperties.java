package dev.parley.server.imports;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Import settings ({@code parley.imports.*}).
 *
 * @param maxUploadSize larger uploads are refused with 413
 * @param progressInterval how often a running upload writes its counters (and notices a cancel)
 * @param pollInterval how often an SSE stream looks for a new state of its import
 * @param heartbeatInterval how often an SSE stream sends a comment to keep proxies from closing it
 */
@Validated
@ConfigurationProperties("parley.imports")
public record ImportProperties(
        @DefaultValue("4GB") DataSize maxUploadSize,
        @DefaultValue("1s") Duration progressInterval,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("15s") Duration heartbeatInterval) {}
