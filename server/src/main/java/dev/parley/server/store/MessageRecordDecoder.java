package dev.parley.server.store;

import dev.parley.server.imports.MessageEvents;
import dev.parley.server.kafka.InboundEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes a {@code parley.messages.v1} record into a row. The common fields become columns; whatever else the
 * message JSON carries (attachment, poll, location, ids) is kept verbatim in {@code extra}.
 */
@Component
class MessageRecordDecoder {

    private static final Set<String> COLUMNS =
            Set.of("ordinal", "localTime", "sentAt", "sender", "kind", "text", "edited");

    private final JsonMapper json;

    MessageRecordDecoder(JsonMapper json) {
        this.json = json;
    }

    /** Empty for a tombstone (a deleted conversation) or a record without the import header. */
    Optional<StoredMessage> decode(InboundEvent event) {
        byte[] value = event.value();
        byte[] importId = event.headers().get(MessageEvents.IMPORT_ID_HEADER);
        if (value == null || importId == null || event.key() == null) {
            return Optional.empty();
        }
        ObjectNode message = (ObjectNode) json.readTree(value);
        ObjectNode extra = message.deepCopy();
        extra.remove(COLUMNS);
        extra.properties().removeIf(field -> field.getValue().isNull());
        return Optional.of(new StoredMessage(
                UUID.fromString(event.key()),
                message.get("ordinal").asLong(),
                message.get("sentAt").asString(),
                message.get("localTime").asString(),
                text(message, "sender"),
                message.get("kind").asString(),
                text(message, "text"),
                message.path("edited").asBoolean(false),
                extra.isEmpty() ? null : json.writeValueAsString(extra),
                UUID.fromString(new String(importId, StandardCharsets.US_ASCII))));
    }

    private static String text(ObjectNode message, String field) {
        JsonNode node = message.get(field);
        return node == null || node.isNull() ? null : node.asString();
    }
}
