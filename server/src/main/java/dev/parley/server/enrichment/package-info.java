/**
 * Enrichment of messages while they stream: the parley-enrich consumer of {@code parley.messages.v1} scores
 * sentiment in batches, records the links of each message, stores results in PostgreSQL, publishes them on
 * {@code parley.enrichments.v1} and dead-letters messages that keep failing. Link previews are fetched by a
 * separate worker (see {@code links}) so a slow site never holds up a partition.
 */
@NullMarked
package dev.parley.server.enrichment;

import org.jspecify.annotations.NullMarked;
