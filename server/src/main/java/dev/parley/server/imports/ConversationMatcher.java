package dev.parley.server.imports;

import dev.parley.ingest.ChatMessage;
import dev.parley.server.problem.Problems;
import java.time.Instant;
import java.util.HashSet;
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

    Mono<ConversationPlan> plan(ImportRecord imp, ChatMessage first) {
        String key = MessageKeys.firstMessageKey(first);
        return db.sql("SELECT id, message_count, last_sent_at FROM conversations WHERE owner_id = :owner"
                        + " AND first_message_key = :key AND visible AND id <> :self ORDER BY updated_at DESC LIMIT 1")
                .bind("owner", imp.ownerId())
                .bind("key", key)
                .bind("self", imp.conversationId())
                .map(row -> new Existing(
                        row.get("id", UUID.class),
                        row.get("message_count", Long.class),
                        row.get("last_sent_at", Instant.class)))
                .one()
                .flatMap(existing -> continuation(imp, existing))
                .switchIfEmpty(Mono.defer(() -> imports.describeNewConversation(imp.conversationId(), key)
                        .thenReturn(new ConversationPlan.NewConversation(imp.conversationId()))));
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

    private record Existing(UUID id, long messageCount, Instant lastSentAt) {}
}
