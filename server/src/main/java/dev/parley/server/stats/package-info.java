/**
 * Conversation statistics: per-sender counts, activity per day and hour of week, top emojis (grapheme clusters)
 * and link domains, response times and who starts conversations. Computed with SQL aggregates (emojis in Java) and
 * cached per {@code (conversation id, message count, enrichment progress)}, so new data makes a new key and old entries age out.
 */
@NullMarked
package dev.parley.server.stats;

import org.jspecify.annotations.NullMarked;
