package dev.parley.server.messages;

import dev.parley.ingest.ChatMessage;
import dev.parley.ingest.MessageCodec;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The message JSON of the reads: the shape of {@link MessageCodec} — {@code ordinal, localTime, sentAt, sender,
 * kind, text, attachment, edited} — followed by the kind-specific fields kept in {@code extra}.
 *
 * <p>Enrichment adds {@code sentiment} ({@code {score, label, model}}, only when scored) and {@code links}
 * ({@code [{url, title, description, siteName, imageUrl}]}) once it has run; readers ignore fields they do not
 * know. Thread-safe.
 */
public final class MessageJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MessageJson() {}

    public static ObjectNode toJson(MessageRow row) {
        ObjectNode node = NODES.objectNode();
        node.put("ordinal", row.ordinal());
        node.put("localTime", row.localTime().toString());
        node.put("sentAt", row.sentAt().toString());
        node.put("sender", row.sender());
        node.put("kind", row.kind());
        node.put("text", row.body());
        node.putNull("attachment");
        node.put("edited", row.edited());
        String extra = row.extra();
        if (extra != null) {
            JsonNode fields = MAPPER.readTree(extra);
            for (Map.Entry<String, JsonNode> field : fields.properties()) {
                node.set(field.getKey(), field.getValue());
            }
        }
        if (row.sentiment() != null) {
            node.set("sentiment", MAPPER.readTree(row.sentiment()));
        }
        if (row.links() != null) {
            node.set("links", MAPPER.readTree(row.links()));
        }
        return node;
    }

    public static byte[] toBytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    static byte[] toBytes(MessagePage page) {
        return MAPPER.writeValueAsBytes(page);
    }

    /** The parsed message, through the one JSON shape; for exporters that write chat formats. */
    public static ChatMessage toChatMessage(MessageRow row) {
        return MessageCodec.fromJson(toBytes(toJson(row)));
    }
}
