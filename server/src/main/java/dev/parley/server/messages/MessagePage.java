package dev.parley.server.messages;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of messages in chronological order, written by {@link MessageJson#toBytes(MessagePage)}.
 *
 * @param nextCursor reads the newer messages after the last item; null when there are none
 * @param prevCursor reads the older messages before the first item; null when there are none
 */
record MessagePage(
        List<MessageRow> items,
        @Nullable String nextCursor,
        @Nullable String prevCursor) {}
