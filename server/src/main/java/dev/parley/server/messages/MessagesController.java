package dev.parley.server.messages;

import dev.parley.server.conversations.ConversationCache;
import dev.parley.server.owner.CurrentOwner;
import dev.parley.server.problem.Problems;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/conversations/{id}/messages}: keyset pages on {@code (sent_at, ordinal)}, never OFFSET.
 * Without a cursor, {@code direction=forward} starts at the oldest message of the filter window and
 * {@code backward} at the newest; a cursor carries its own direction. Items are always oldest first.
 */
@RestController
@RequestMapping("/api/v1/conversations/{conversationId}/messages")
class MessagesController {

    private final MessageRepository messages;
    private final ConversationCache conversations;
    private final FirstPageCache firstPages;
    private final CursorKeys keys;
    private final CurrentOwner owner;
    private final MessagesProperties properties;

    MessagesController(
            MessageRepository messages,
            ConversationCache conversations,
            FirstPageCache firstPages,
            CursorKeys keys,
            CurrentOwner owner,
            MessagesProperties properties) {
        this.messages = messages;
        this.conversations = conversations;
        this.firstPages = firstPages;
        this.keys = keys;
        this.owner = owner;
        this.properties = properties;
    }

    /** The page as JSON bytes, the same whether it comes from {@link FirstPageCache} or from the database. */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<byte[]> page(
            @PathVariable UUID conversationId,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String direction,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String sender,
            @RequestParam(required = false) @Nullable List<String> kind) {
        int size = properties.limit(limit);
        boolean forward = forward(direction);
        MessageFilter filter = MessageFilter.parse(from, to, sender, kind);
        return Mono.zip(owner.id(), keys.cursors()).flatMap(ownerAndKeys -> {
            String ownerId = ownerAndKeys.getT1();
            Cursors cursors = ownerAndKeys.getT2();
            String scope = MessageCursors.scope(ownerId, conversationId, filter);
            MessagePosition position = cursor == null || cursor.isEmpty()
                    ? null
                    : MessagePosition.fromBytes(cursors.decode(scope, cursor));
            boolean after = position == null ? forward : position.after();
            Mono<byte[]> read =
                    Mono.defer(() -> messages.page(ownerId, conversationId, filter, position, after, size + 1)
                            .map(found -> found.map(rows -> toPage(rows, size, after, position != null, cursors, scope))
                                    .orElseThrow(() -> Problems.notFound("conversation", conversationId)))
                            .map(MessageJson::toBytes));
            if (position != null || !filter.equals(MessageFilter.NONE)) {
                return read;
            }
            return conversations
                    .require(ownerId, conversationId)
                    .flatMap(state -> firstPages.get(state, size, forward, () -> read));
        });
    }

    private static MessagePage toPage(
            List<MessageRow> rows, int size, boolean after, boolean fromCursor, Cursors cursors, String scope) {
        boolean more = rows.size() > size;
        List<MessageRow> page = new ArrayList<>(more ? rows.subList(0, size) : rows);
        if (!after) {
            Collections.reverse(page);
        }
        if (page.isEmpty()) {
            return new MessagePage(List.of(), null, null);
        }
        MessageRow first = page.getFirst();
        MessageRow last = page.getLast();
        // the side we came from holds at least the message the cursor was made at
        boolean newer = after ? more : fromCursor;
        boolean older = after ? fromCursor : more;
        String next = newer
                ? cursors.encode(scope, new MessagePosition(true, last.sentAt(), last.ordinal()).toBytes())
                : null;
        String prev = older
                ? cursors.encode(scope, new MessagePosition(false, first.sentAt(), first.ordinal()).toBytes())
                : null;
        return new MessagePage(page, next, prev);
    }

    private static boolean forward(@Nullable String direction) {
        if (direction == null || direction.isEmpty()) {
            return true;
        }
        return switch (direction.toLowerCase(Locale.ROOT)) {
            case "forward" -> true;
            case "backward" -> false;
            default -> throw Problems.badRequest("invalid-direction", "direction must be forward or backward.");
        };
    }
}
