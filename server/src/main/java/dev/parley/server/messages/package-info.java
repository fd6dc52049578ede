/**
 * Reading a conversation's messages: keyset pages on {@code (sent_at, ordinal)} with opaque, MAC-protected cursors,
 * the one message JSON of the reads, and the filters shared with search and export.
 *
 * <p>Every read applies the visibility bound {@code ordinal < conversations.message_count}: rows of an import that is
 * still running sit above it and are never returned.
 */
@NullMarked
package dev.parley.server.messages;

import org.jspecify.annotations.NullMarked;
