/**
 * Streaming export of a conversation as NDJSON, CSV, JSON or WhatsApp-style text, read from the database with a
 * bounded fetch size and written only as fast as the client reads: a client that stops reading stalls the query.
 */
@NullMarked
package dev.parley.server.export;

import org.jspecify.annotations.NullMarked;
