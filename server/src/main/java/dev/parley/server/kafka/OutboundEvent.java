package dev.parley.server.kafka;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A record to publish. A {@code null} value is a tombstone.
 *
 * @param correlation anything the caller needs back with the send result (e.g. the message ordinal)
 */
public record OutboundEvent<C>(
        String topic, String key, byte @Nullable [] value, Map<String, byte[]> headers, C correlation) {}
