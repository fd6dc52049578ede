package dev.parley.server.store;

import dev.parley.server.imports.MessageEvents;
import dev.parley.server.kafka.InboundEvent;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes a {@code parley.messages.v1} record into a row in one streaming pass. The common fields become columns;
 * whatever else the message JSON carries (attachment, poll, location, ids) is copied verbatim into {@code extra},
 * nulls left out. No tree is built: this runs once per stored message.
 */
@Component
class MessageRecordDecoder {

    private final JsonMapper json;

    MessageRecordDecoder(JsonMapper json) {
        this.json = json;
    }

    /** Empty for a tombstone (a deleted conversation) or a record without the import header. */
    Optional<StoredMessage> decode(InboundEvent event) {
        return decode(event, new Ids());
    }

    /** As {@link #decode(InboundEvent)}, reusing the ids of the previous record of a batch when they are the same. */
    Optional<StoredMessage> decode(InboundEvent event, Ids ids) {
        byte[] value = event.value();
        byte[] importId = event.header(MessageEvents.IMPORT_ID_HEADER);
        String key = event.key();
        if (value == null || importId == null || key == null) {
            return Optional.empty();
        }
        var row = new RowBuilder();
        try (JsonParser parser = json.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("A message record's value is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "ordinal" -> row.ordinal = parser.getLongValue();
                    case "localTime" -> row.localTime = parser.getString();
                    case "sentAt" -> row.sentAt = parser.getString();
                    case "sender" -> row.sender = token == JsonToken.VALUE_NULL ? null : parser.getString();
                    case "kind" -> row.kind = parser.getString();
                    case "text" -> row.text = token == JsonToken.VALUE_NULL ? null : parser.getString();
                    case "edited" -> row.edited = token == JsonToken.VALUE_TRUE;
                    default -> {
                        if (token != JsonToken.VALUE_NULL) {
                            row.extra(json).writeName(name);
                            row.extra.copyCurrentStructure(parser);
                        }
                    }
                }
            }
        }
        return Optional.of(row.build(ids.conversation(key), ids.importId(importId)));
    }

    /** The conversation and import ids of the last record decoded: a batch is mostly one import of one conversation. */
    static final class Ids {

        private @Nullable String key;
        private @Nullable UUID conversation;
        private byte @Nullable [] importHeader;
        private @Nullable UUID importId;

        UUID conversation(String key) {
            if (conversation == null || !key.equals(this.key)) {
                conversation = UUID.fromString(key);
                this.key = key;
            }
            return conversation;
        }

        UUID importId(byte[] header) {
            if (importId == null || !Arrays.equals(header, importHeader)) {
                importId = UUID.fromString(new String(header, StandardCharsets.US_ASCII));
                importHeader = header;
            }
            return importId;
        }
    }

    /** The fields of one message as they are read. */
    private static final class RowBuilder {
        long ordinal = -1;

        @Nullable
        String localTime;

        @Nullable
        String sentAt;

        @Nullable
        String sender;

        @Nullable
        String kind;

        @Nullable
        String text;

        boolean edited;

        @Nullable
        StringWriter extraText;

        @Nullable
        JsonGenerator extra;

        JsonGenerator extra(JsonMapper json) {
            if (extra == null) {
                extraText = new StringWriter(64);
                extra = json.createGenerator(extraText);
                extra.writeStartObject();
            }
            return extra;
        }

        StoredMessage build(UUID conversationId, UUID importId) {
            if (ordinal < 0 || localTime == null || sentAt == null || kind == null) {
                throw new IllegalArgumentException("A message record lacks ordinal, localTime, sentAt or kind");
            }
            String extraJson = null;
            if (extra != null) {
                extra.writeEndObject();
                extra.close();
                extraJson = extraText.toString();
            }
            return new StoredMessage(
                    conversationId, ordinal, sentAt, localTime, sender, kind, text, edited, extraJson, importId);
        }
    }
}
