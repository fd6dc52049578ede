package dev.parley.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.messages.MessageJson;
import dev.parley.server.messages.MessageRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The streamed search page against what Jackson wrote for the records when each message was a tree. */
class SearchJsonTests {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** The hit as it was serialised before: the message as a Jackson tree. */
    record TreeHit(
            UUID conversationId,
            String conversationTitle,
            float rank,
            ObjectNode message,
            String snippet,
            String contextCursor) {}

    record TreePage(List<TreeHit> items, @Nullable String nextCursor) {}

    private static SearchHit hit(long ordinal, float rank, String title, String body, @Nullable String extra) {
        MessageRow message = new MessageRow(
                ordinal,
                LocalDateTime.parse("1999-12-31T23:59:58.123456"),
                Instant.parse("1999-12-31T22:59:58.123456Z"),
                "Anna \"A\"",
                "TEXT",
                body,
                ordinal % 2 == 0,
                extra,
                ordinal == 1 ? "{\"score\": -0.25, \"label\": \"negative\", \"model\": \"vader\"}" : null,
                ordinal == 1 ? "[{\"url\": \"https://example.com\", \"title\": null}]" : null);
        return new SearchHit(
                new UUID(ordinal, 42), title, rank, message, "a <mark>zebra</mark> &amp; ü", "cursor-" + ordinal);
    }

    @Test
    void toBytes_givenHitsOfEveryShape_writesWhatTheRecordsWithTreesWrote() {
        List<SearchHit> hits = List.of(
                hit(0, 0.0607927f, "Family 😀", "plain \"quoted\" zebra\n", null),
                hit(1, 1e-7f, "Work", "zebra crossing", "{\"pollOptions\": [\"a\"], \"kind\": \"POLL\"}"),
                hit(2, 0f, "", "", null));

        assertSameBytes(new SearchPage(hits, "next"));
        assertSameBytes(new SearchPage(hits.subList(0, 1), null));
        assertSameBytes(new SearchPage(List.of(), null));
    }

    private static void assertSameBytes(SearchPage page) {
        TreePage tree = new TreePage(
                page.items().stream()
                        .map(hit -> new TreeHit(
                                hit.conversationId(),
                                hit.conversationTitle(),
                                hit.rank(),
                                MessageJson.toJson(hit.message()),
                                hit.snippet(),
                                hit.contextCursor()))
                        .toList(),
                page.nextCursor());

        assertThat(new String(SearchJson.toBytes(page), StandardCharsets.UTF_8))
                .isEqualTo(MAPPER.writeValueAsString(tree));
    }
}
