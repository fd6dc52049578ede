package dev.parley.server.search;

import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * One search hit.
 *
 * @param snippet the matching text as HTML: escaped, with the matched words in {@code <mark>}…{@code </mark>}
 * @param contextCursor a cursor for the conversation's message pages whose page starts with this message
 */
record SearchHit(
        UUID conversationId,
        String conversationTitle,
        float rank,
        ObjectNode message,
        String snippet,
        String contextCursor) {}
