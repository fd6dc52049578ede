/**
 * Full-text search over visible messages. A background indexer fills {@code message_search} (tsvector + GIN) per
 * conversation in ordinal batches behind the import pipeline, so index maintenance never slows the bulk inserts of
 * an import; {@code GET /api/v1/search} queries it with {@code websearch_to_tsquery}. See docs/architecture.md,
 * "Search indexing".
 */
@NullMarked
package dev.parley.server.search;

import org.jspecify.annotations.NullMarked;
