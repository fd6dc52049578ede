package dev.parley.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ingest.Attachment;
import dev.parley.ingest.CallMessage;
import dev.parley.ingest.ChatMessage;
import dev.parley.ingest.ChatParser;
import dev.parley.ingest.ContactMessage;
import dev.parley.ingest.DeletedMessage;
import dev.parley.ingest.LocationMessage;
import dev.parley.ingest.MediaMessage;
import dev.parley.ingest.MediaType;
import dev.parley.ingest.ParseOptions;
import dev.parley.ingest.PollMessage;
import dev.parley.ingest.PollOption;
import dev.parley.ingest.SystemMessage;
import dev.parley.ingest.TextMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

class WhatsAppTextTests {

    @Test
    void line_givenEveryKind_parsesBackToTheSameMessages() {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(new SystemMessage(0, t(0), i(0), null, "Alice created group \"Family: all\"", false, null, null));
        messages.add(new TextMessage(1, t(1), i(1), "Alice", "Hello: world\nsecond line", false, null, null));
        messages.add(new TextMessage(2, t(1), i(1), "Bob ✨", "fixed a typo 🙂", true, null, null));
        messages.add(new MediaMessage(
                3,
                t(2),
                i(2),
                "Alice",
                "look at this",
                false,
                null,
                null,
                new Attachment("IMG-20240501-WA0001.jpg", MediaType.IMAGE, false)));
        messages.add(new MediaMessage(
                4, t(3), i(3), "Bob", null, false, null, null, new Attachment(null, MediaType.IMAGE, false)));
        messages.add(new MediaMessage(
                5, t(3), i(3), "Bob", null, false, null, null, new Attachment(null, MediaType.UNKNOWN, false)));
        messages.add(new DeletedMessage(6, t(4), i(4), "Alice", null, false, null, null));
        messages.add(new CallMessage(7, t(5), i(5), "Bob", "Missed voice call", false, null, null, false, true, null));
        messages.add(new PollMessage(
                8,
                t(6),
                i(6),
                "Alice",
                "Pizza or pasta?",
                false,
                null,
                null,
                List.of(new PollOption("Pizza", 2), new PollOption("Pasta", 1))));
        messages.add(new LocationMessage(
                9,
                t(7),
                i(7),
                "Bob",
                "Location: https://maps.google.com/?q=52.520008,13.404954",
                false,
                null,
                null,
                52.520008,
                13.404954));
        messages.add(new ContactMessage(
                10,
                t(8),
                i(8),
                "Alice",
                null,
                false,
                null,
                null,
                "Carol Smith",
                new Attachment("Carol Smith.vcf", MediaType.CONTACT, false)));
        messages.add(new TextMessage(11, t(9), i(9), "Alice", "last", false, null, null));

        StringBuilder export = new StringBuilder();
        messages.forEach(message -> export.append(WhatsAppText.line(message)));

        assertThat(parse(export.toString())).containsExactlyElementsOf(messages);
    }

    @Test
    void line_writesAYearFirstHeaderWithSeconds() {
        var message = new TextMessage(0, LocalDateTime.of(2024, 5, 1, 9, 5, 7), i(0), "Alice", "hi", false, null, null);
        assertThat(WhatsAppText.line(message)).isEqualTo("[2024-05-01, 09:05:07] Alice: hi\n");
    }

    private static List<ChatMessage> parse(String export) {
        return ChatParser.create(ParseOptions.defaults())
                .parse(Flux.just(ByteBuffer.wrap(export.getBytes(StandardCharsets.UTF_8))))
                .ofType(ChatMessage.class)
                .collectList()
                .block();
    }

    private static LocalDateTime t(int minutes) {
        return LocalDateTime.of(2024, 5, 1, 10, 0, 30).plusMinutes(minutes);
    }

    private static Instant i(int minutes) {
        return t(minutes).toInstant(ZoneOffset.UTC);
    }
}
