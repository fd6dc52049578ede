package dev.parley.server.imports;

import dev.parley.ingest.ChatMessage;
import dev.parley.server.problem.Problems;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Decides, from an upload's first message, whether it starts a new conversation or continues an earlier one. */
@Component
class ConversationMatcher {

    private final DatabaseClient db;
    private final ImportRepository imports;

    ConversationMatcher(DatabaseClient db, ImportRepository imports) {
        this.db = db;
        this.imports = imports;
    }

    /** Number of opening messages that identify a chat across its exports. */
    static final int OPENING = 16;

    /**
     * Plans from the first {@link #OPENING} messages of the upload (fewer when the export is that short). A stored
     * conversation is the same chat when its opening messages and the upload's agree as far as both go, over at
     * least two messages: every WhatsApp chat opens with the same encryption notice, so one is not enough.
     */
    Mono<ConversationPlan> plan(ImportRecord imp, List<ChatMessage> opening) {
        List<String> keys = MessageKeys.messageKeys(opening);
        return db.sql("SELECT id, message_count, last_sent_at, opening_keys FROM conversations WHERE owner_id = :owner"
                        + " AND first_message_key = :key AND visible AND id <> :self ORDER BY updated_at DESC LIMIT 20")
                .bind("owner", imp.ownerId())
                .bind("key", keys.getFirst())
                .bind("self", imp.conversationId())
                .map(row -> new Existing(
                        row.get("id", UUID.class),
                        row.get("message_count", Long.class),
                        row.get("last_sent_at", Instant.class),
                        List.of(row.get("opening_keys", String[].class))))
                .all()
                .filter(existing -> sameOpening(existing.openingKeys(), keys))
                .next()
                .flatMap(existing -> continuation(imp, existing))
                .switchIfEmpty(Mono.defer(() -> imports.describeNewConversation(imp.conversationId(), keys)
                        .thenReturn(new ConversationPlan.NewConversation(imp.conversationId()))));
    }

    static boolean sameOpening(List<String> stored, List<String> uploaded) {
        int shared = Math.min(stored.size(), uploaded.size());
        boolean enough = shared >= 2 || stored.size() == uploaded.size();
        return enough && stored.subList(0, shared).equals(uploaded.subList(0, shared));
    }

    private Mono<ConversationPlan> continuation(ImportRecord imp, Existing existing) {
        Mono<Boolean> busy = db.sql("SELECT 1 FROM imports WHERE conversation_id = :conversation AND id <> :self"
                        + " AND status IN ('RECEIVING', 'PROCESSING') LIMIT 1")
                .bind("conversation", existing.id())
                .bind("self", imp.id())
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
        Mono<Set<String>> atLastInstant = db.sql(
                        "SELECT sender, body FROM messages WHERE conversation_id = :conversation"
                                + " AND sent_at = :last AND ordinal < :count")
                .bind("conversation", existing.id())
                .bind("last", existing.lastSentAt())
                .bind("count", existing.messageCount())
                .map(row -> MessageKeys.senderAndText(row.get("sender", String.class), row.get("body", String.class)))
                .all()
                .collect(HashSet::new, Set::add);
        return busy.flatMap(running -> running
                ? Mono.error(Problems.of(
                        HttpStatus.CONFLICT,
                        "import-in-progress",
                        "Import in progress",
                        "Another import of this chat is still running; try again when it has finished."))
                : atLastInstant.flatMap(
                        stored -> imports.continueConversation(imp, existing.id(), existing.messageCount())
                                .thenReturn(new ConversationPlan.Continuation(
                                        existing.id(), existing.messageCount(), existing.lastSentAt(), stored))));
    }

    private record Existing(UUID id, long messageCount, Instant lastSentAt, List<String> openingKeys) {}
}
