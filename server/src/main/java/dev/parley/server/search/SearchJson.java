package dev.parley.server.search;

import dev.parley.server.messages.MessageJson;
import java.io.ByteArrayOutputStream;
import tools.jackson.core.JsonGenerator;

/**
 * {@code {"items": [{"conversationId", "conversationTitle", "rank", "message", "snippet", "contextCursor"}, ...],
 * "nextCursor"}} streamed with a generator: the bytes Jackson wrote for these records when each message was a tree,
 * without building the trees (as the message pages do).
 */
final class SearchJson {

    private SearchJson() {}

    static byte[] toBytes(SearchPage page) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(256 + 640 * page.items().size());
        try (JsonGenerator json = MessageJson.generator(out)) {
            json.writeStartObject();
            json.writeName("items");
            json.writeStartArray();
            for (SearchHit hit : page.items()) {
                json.writeStartObject();
                json.writeStringProperty("conversationId", hit.conversationId().toString());
                json.writeStringProperty("conversationTitle", hit.conversationTitle());
                json.writeName("rank");
                json.writeNumber(hit.rank());
                json.writeName("message");
                MessageJson.write(json, hit.message());
                json.writeStringProperty("snippet", hit.snippet());
                json.writeStringProperty("contextCursor", hit.contextCursor());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeName("nextCursor");
            MessageJson.writeString(json, page.nextCursor());
            json.writeEndObject();
        }
        return out.toByteArray();
    }
}
