package dev.parley.server.search;

import dev.parley.server.messages.MessageRow;
import java.util.UUID;

/**
 * One search hit, written by {@link SearchJson}.
 *
 * @param message written as the message JSON of the reads
 * @param snippet the matching text as HTML: escaped, with the matched words in {@code <mark>}…{@code </mark>}
 * @param contextCursor a cursor for the conversation's message pages whose page starts with this message
 */
record SearchHit(
        UUID conversationId,
        String conversationTitle,
        float rank,
        MessageRow message,
        String snippet,
        String contextCursor) {}
