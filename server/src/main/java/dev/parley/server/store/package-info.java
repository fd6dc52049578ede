/**
 * Storing: the {@code parley-store} consumer group turns {@code parley.messages.v1} into {@code messages} rows, in
 * batches, idempotently, committing offsets only once a batch is durable.
 */
@NullMarked
package dev.parley.server.store;

import org.jspecify.annotations.NullMarked;
