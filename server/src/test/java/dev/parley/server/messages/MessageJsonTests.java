package dev.parley.server.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The streamed page JSON against the tree of {@link MessageJson#toJson}: the same bytes, field order included. */
class MessageJsonTests {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static MessageRow row(
            long ordinal, String sender, String body, String extra, String sentiment, String links) {
        return new MessageRow(
                ordinal,
                LocalDateTime.parse("1999-12-31T23:59:58.123456"),
                Instant.parse("1999-12-31T22:59:58.123456Z"),
                sender,
                "TEXT",
                body,
                ordinal % 2 == 0,
                extra,
                sentiment,
                links);
    }

    @Test
    void toBytes_givenRowsOfEveryShape_writesWhatTheTreeOfEachMessageWrites() {
        List<MessageRow> rows = List.of(
                row(0, "Anna", "plain \"quoted\" ünï 😀\n", null, null, null),
                row(1, null, null, null, null, null),
                row(
                        2,
                        "Ben",
                        null,
                        "{\"sourceId\": 12, \"attachment\": {\"fileName\": \"IMG-1.jpg\", \"present\": true}}",
                        null,
                        null),
                row(
                        3,
                        "Cleo",
                        "see https://example.com",
                        "{\"pollOptions\": [\"a\", \"b\"], \"kind\": \"POLL\"}",
                        "{\"score\" : 0.5, \"label\" : \"positive\", \"model\" : \"vader\"}",
                        "[{\"url\" : \"https://example.com\", \"title\" : null}]"),
                row(4, "Dan", "odd extra", "{\"links\": \"from extra\", \"z\": 1}", null, "[]"));

        byte[] streamed = MessageJson.toBytes(new MessagePage(rows, "next", null));

        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        ArrayNode items = tree.putArray("items");
        rows.forEach(row -> items.add(MessageJson.toJson(row)));
        tree.put("nextCursor", "next");
        tree.putNull("prevCursor");
        assertThat(new String(streamed, StandardCharsets.UTF_8))
                .isEqualTo(new String(MAPPER.writeValueAsBytes(tree), StandardCharsets.UTF_8));
    }

    @Test
    void toBytes_givenNoMessages_writesAnEmptyPage() {
        assertThat(new String(MessageJson.toBytes(new MessagePage(List.of(), null, null)), StandardCharsets.UTF_8))
                .isEqualTo("{\"items\":[],\"nextCursor\":null,\"prevCursor\":null}");
    }
}
