package dev.parley.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static final LocalDateTime TIME = LocalDateTime.parse("2024-12-31T23:59:00");
    private static final Instant AT = Instant.parse("2024-12-31T22:59:00Z");

    @Test
    void toJson_givenMedia_writesTheDocumentedShape() {
        var media = new MediaMessage(
                7, TIME, AT, "Alice", "caption", false, null, null, new Attachment("IMG-1.jpg", MediaType.IMAGE, true));

        assertThat(new String(MessageCodec.toJson(media), StandardCharsets.UTF_8))
                .isEqualTo("{\"ordinal\":7,\"localTime\":\"2024-12-31T23:59\",\"sentAt\":\"2024-12-31T22:59:00Z\","
                        + "\"sender\":\"Alice\",\"kind\":\"MEDIA\",\"text\":\"caption\",\"attachment\":{\"fileName\":"
                        + "\"IMG-1.jpg\",\"mediaType\":\"IMAGE\",\"present\":true},\"edited\":false}");
    }

    @Test
    void toJson_givenSystemLine_writesNullSenderAndAttachment() {
        var system = new SystemMessage(0, TIME, AT, null, "Alice added Bob", false, null, null);

        assertThat(new String(MessageCodec.toJson(system), StandardCharsets.UTF_8))
                .contains("\"sender\":null", "\"attachment\":null", "\"kind\":\"SYSTEM\"");
    }

    @Test
    void fromJson_givenEveryKind_roundTrips() {
        List<ChatMessage> all = List.of(
                new TextMessage(0, TIME, AT, "A", "multi\nline \"quoted\" 😀", true, 10L, 9L),
                new MediaMessage(
                        1, TIME, AT, "A", null, false, null, null, new Attachment(null, MediaType.UNKNOWN, false)),
                new SystemMessage(2, TIME, AT, null, "created", false, null, null),
                new DeletedMessage(3, TIME, AT, "B", null, false, null, null),
                new PollMessage(4, TIME, AT, "B", "Lunch?", false, null, null, List.of(new PollOption("Pizza", 2))),
                new LocationMessage(5, TIME, AT, "A", "here", false, null, null, 52.52, -13.4),
                new ContactMessage(6, TIME, AT, "A", null, false, null, null, "Carol", null),
                new CallMessage(7, TIME, AT, "A", null, false, 3L, null, true, true, 42));

        for (ChatMessage message : all) {
            assertThat(MessageCodec.fromJson(MessageCodec.toJson(message))).isEqualTo(message);
        }
    }

    @Test
    void fromJson_givenParsedFixture_roundTripsEveryMessage() {
        for (String name : List.of("whatsapp/android-24h-dmy.txt", "whatsapp/ios-24h-dmy.txt")) {
            for (ChatMessage message : Parsing.messages(Parsing.parse(Parsing.resource(name)))) {
                assertThat(MessageCodec.fromJson(MessageCodec.toJson(message))).isEqualTo(message);
            }
        }
    }

    @Test
    void fromJson_givenUnknownFields_ignoresThem() {
        String json = "{\"ordinal\":1,\"future\":{\"x\":[1,2]},\"localTime\":\"2024-12-31T23:59\","
                + "\"sentAt\":\"2024-12-31T22:59:00Z\",\"sender\":\"A\",\"kind\":\"TEXT\",\"text\":\"t\","
                + "\"attachment\":null,\"edited\":false}";

        assertThat(MessageCodec.fromJson(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new TextMessage(1, TIME, AT, "A", "t", false, null, null));
    }

    @Test
    void fromJson_givenNotAMessage_failsWithIllegalArgument() {
        assertThatThrownBy(() -> MessageCodec.fromJson("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageCodec.fromJson("{\"ordinal\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
