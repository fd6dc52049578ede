/**
 * Conversations: the owner's list (cursor pages), one conversation's metadata, and deleting a conversation with
 * everything of it, including tombstones on the Kafka topics. Only {@code visible} conversations are listed.
 */
@NullMarked
package dev.parley.server.conversations;

import org.jspecify.annotations.NullMarked;
