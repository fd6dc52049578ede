package dev.parley.server.messages;

import java.time.Instant;
import java.util.UUID;

/** Message-page cursors made elsewhere, e.g. by search to open a hit in its conversation. */
public final class MessageCursors {

    private MessageCursors() {}

    static String scope(String owner, UUID conversationId, MessageFilter filter) {
        return "messages|" + owner + "|" + conversationId + "|" + filter.fingerprint();
    }

    /** The scope of {@link #openAt}: unfiltered pages of one conversation, hashed once for all its cursors. */
    public static Cursors.Scoped scoped(Cursors cursors, String owner, UUID conversationId) {
        return cursors.scoped(scope(owner, conversationId, MessageFilter.NONE));
    }

    /**
     * A cursor for {@code GET /api/v1/conversations/{id}/messages} (no filters) whose page starts with the message at
     * {@code (sentAt, ordinal)} and has a {@code prevCursor} for what came before it.
     */
    public static String openAt(Cursors.Scoped conversation, Instant sentAt, long ordinal) {
        // (sentAt, ordinal - 1) sorts right before the message, and no other message sits between them
        return conversation.encode(new MessagePosition(true, sentAt, ordinal - 1).toBytes());
    }
}
