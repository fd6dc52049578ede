/** Sentiment of messages: the built-in VADER analyzer and the remote HTTP client, behind one interface. */
@NullMarked
package dev.parley.server.enrichment.sentiment;

import org.jspecify.annotations.NullMarked;
