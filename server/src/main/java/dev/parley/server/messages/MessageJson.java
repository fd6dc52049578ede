package dev.parley.server.messages;

import dev.parley.ingest.ChatMessage;
import dev.parley.ingest.MessageCodec;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
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
        node.put("sentAt", MessageCodec.sentAtText(row.sentAt()));
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

    /** The fields {@link #toJson} puts first, in its order; {@code extra} may replace their values. */
    private static final List<String> BASE =
            List.of("ordinal", "localTime", "sentAt", "sender", "kind", "text", "attachment", "edited");

    private static final Set<String> BASE_NAMES = Set.copyOf(BASE);

    /**
     * {@code {"items": [...], "nextCursor": ..., "prevCursor": ...}}, each item the JSON of {@link #toJson} — the
     * same fields and values in the same order — streamed without building a tree (building and then serialising
     * the tree of each message was a tenth of the CPU of a page read).
     */
    static byte[] toBytes(MessagePage page) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(256 + 320 * page.items().size());
        try (JsonGenerator json = generator(out)) {
            json.writeStartObject();
            json.writeName("items");
            json.writeStartArray();
            for (MessageRow row : page.items()) {
                write(json, row);
            }
            json.writeEndArray();
            json.writeName("nextCursor");
            writeString(json, page.nextCursor());
            json.writeName("prevCursor");
            writeString(json, page.prevCursor());
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /** A generator of compact UTF-8 JSON into {@code out}; the caller closes it. */
    public static JsonGenerator generator(OutputStream out) {
        return MAPPER.createGenerator(out);
    }

    /** Writes the JSON of {@link #toJson} — the same fields and values in the same order — without a tree. */
    public static void write(JsonGenerator json, MessageRow row) {
        JsonNode extra = row.extra() == null ? null : MAPPER.readTree(row.extra());
        JsonNode sentiment = row.sentiment() == null ? null : MAPPER.readTree(row.sentiment());
        JsonNode links = row.links() == null ? null : MAPPER.readTree(row.links());
        json.writeStartObject();
        for (String name : BASE) {
            json.writeName(name);
            JsonNode replaced = extra == null ? null : extra.get(name);
            if (replaced != null) {
                json.writeTree(replaced);
                continue;
            }
            switch (name) {
                case "ordinal" -> json.writeNumber(row.ordinal());
                case "localTime" -> json.writeString(row.localTime().toString());
                case "sentAt" -> json.writeString(MessageCodec.sentAtText(row.sentAt()));
                case "sender" -> writeString(json, row.sender());
                case "kind" -> json.writeString(row.kind());
                case "text" -> writeString(json, row.body());
                case "attachment" -> json.writeNull();
                default -> json.writeBoolean(row.edited());
            }
        }
        boolean sentimentWritten = false;
        boolean linksWritten = false;
        if (extra != null) {
            for (Map.Entry<String, JsonNode> field : extra.properties()) {
                String name = field.getKey();
                if (BASE_NAMES.contains(name)) {
                    continue;
                }
                json.writeName(name);
                if (name.equals("sentiment") && sentiment != null) {
                    json.writeTree(sentiment);
                    sentimentWritten = true;
                } else if (name.equals("links") && links != null) {
                    json.writeTree(links);
                    linksWritten = true;
                } else {
                    json.writeTree(field.getValue());
                }
            }
        }
        if (sentiment != null && !sentimentWritten) {
            json.writeName("sentiment");
            json.writeTree(sentiment);
        }
        if (links != null && !linksWritten) {
            json.writeName("links");
            json.writeTree(links);
        }
        json.writeEndObject();
    }

    /** A string, or JSON null. */
    public static void writeString(JsonGenerator json, @Nullable String value) {
        if (value == null) {
            json.writeNull();
        } else {
            json.writeString(value);
        }
    }

    /** The parsed message, through the one JSON shape; for exporters that write chat formats. */
    public static ChatMessage toChatMessage(MessageRow row) {
        return MessageCodec.fromJson(toBytes(toJson(row)));
    }
}
