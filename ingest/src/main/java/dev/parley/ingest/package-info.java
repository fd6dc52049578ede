/**
 * Streaming parsers for chat exports (WhatsApp text and ZIP exports, Telegram Desktop JSON) and the one
 * message model that Parley stores, serves and publishes.
 *
 * <p>The public face is {@link dev.parley.ingest.ChatParser}, its {@link dev.parley.ingest.ParseOptions}, the
 * sealed {@link dev.parley.ingest.ParseEvent} hierarchy and {@link dev.parley.ingest.MessageCodec}; everything
 * else is package-private.
 */
@NullMarked
package dev.parley.ingest;

import org.jspecify.annotations.NullMarked;
