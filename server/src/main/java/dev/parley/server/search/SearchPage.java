package dev.parley.server.search;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of hits, newest first or best first; {@code nextCursor} reads the next page, null at the end. Written by
 * {@link SearchJson}.
 */
record SearchPage(List<SearchHit> items, @Nullable String nextCursor) {}
