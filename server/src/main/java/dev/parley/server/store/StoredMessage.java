package dev.parley.server.store;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One {@code messages} row, as decoded from a {@code parley.messages.v1} record. Times stay ISO-8601 text. */
record StoredMessage(
        UUID conversationId,
        long ordinal,
        String sentAt,
        String localTime,
        @Nullable String sender,
        String kind,
        @Nullable String body,
        boolean edited,
        @Nullable String extra,
        UUID importId) {}
