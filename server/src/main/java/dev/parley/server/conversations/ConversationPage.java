package dev.parley.server.conversations;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of conversations, newest first; {@code nextCursor} reads the older ones, null when there are none. */
record ConversationPage(List<Conversation> items, @Nullable String nextCursor) {}
