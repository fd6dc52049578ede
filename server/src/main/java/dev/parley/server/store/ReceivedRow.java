package dev.parley.server.store;

import dev.parley.server.kafka.Acknowledgement;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A received message record reduced, as it arrives, to what storing it needs: its row as a binary COPY tuple and its
 * acknowledgement. A batch waits for its transaction holding these (~200 bytes a message) rather than whole Kafka
 * records (~1.5 KB with their headers), which lived long enough to be promoted and filled the old generation.
 *
 * @param importId the import whose message it is, or null for a record with nothing to store (a tombstone)
 * @param tuple the row in PostgreSQL's binary COPY format, null when there is nothing to store
 */
record ReceivedRow(@Nullable UUID importId, byte @Nullable [] tuple, Acknowledgement acknowledgement) {}
