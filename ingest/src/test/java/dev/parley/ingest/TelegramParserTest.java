package dev.parley.ingest;

import static dev.parley.ingest.Parsing.messages;
import static dev.parley.ingest.Parsing.parse;
import static dev.parley.ingest.Parsing.report;
import static dev.parley.ingest.Parsing.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ingest.ParseReport.SkipReason;
import dev.parley.ingest.ParseReport.SkippedLine;
import dev.parley.ingest.ParseReport.Variant;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

class TelegramParserTest {

    @Test
    void parse_givenSingleChatExport_typesEveryMessage() {
        List<ParseEvent> events = parse(resource("telegram/result.json"));
        List<ChatMessage> m = messages(events);

        assertThat(m)
                .extracting(ChatMessage::kind)
                .containsExactly(
                        MessageKind.SYSTEM,
                        MessageKind.TEXT,
                        MessageKind.TEXT,
                        MessageKind.MEDIA,
                        MessageKind.MEDIA,
                        MessageKind.POLL,
                        MessageKind.LOCATION,
                        MessageKind.CALL,
                        MessageKind.MEDIA,
                        MessageKind.TEXT);
        assertThat(m.get(0).text()).isEqualTo("Alice: create group Alice, Bob");
        assertThat(m.get(0).sender()).isNull();
        assertThat(m.get(1))
                .isEqualTo(new TextMessage(
                        1,
                        LocalDateTime.parse("2021-01-01T12:01:00"),
                        Instant.parse("2021-01-01T12:01:00Z"),
                        "Alice",
                        "Hello \"world\" 😀",
                        false,
                        2L,
                        null));
        assertThat(m.get(2).text()).isEqualTo("See https://example.org and this");
        assertThat(m.get(2).edited()).isTrue();
        assertThat(m.get(2).replyToId()).isEqualTo(2L);
        assertThat(m.get(3).attachment())
                .isEqualTo(new Attachment("photos/photo_1@01-01-2021_12-04-00.jpg", MediaType.IMAGE, false));
        assertThat(m.get(3).text()).isEqualTo("Beach");
        assertThat(m.get(4).attachment()).isEqualTo(new Attachment(null, MediaType.VOICE, false));
        assertThat(((PollMessage) m.get(5)).options())
                .containsExactly(new PollOption("Pizza", 2), new PollOption("Sushi", 1));
        assertThat(((LocationMessage) m.get(6)).latitude()).isEqualTo(48.858844);
        assertThat((CallMessage) m.get(7)).satisfies(call -> {
            assertThat(call.sender()).isEqualTo("Alice");
            assertThat(call.durationSeconds()).isEqualTo(65);
            assertThat(call.missed()).isFalse();
        });
        assertThat(m.get(8).attachment().mediaType()).isEqualTo(MediaType.STICKER);
        assertThat(m.get(9).sentAt()).isEqualTo(Instant.parse("2021-01-01T12:10:00Z"));

        ParseReport report = report(events);
        assertThat(report.format()).isEqualTo(ChatFormat.TELEGRAM);
        assertThat(report.variant()).isEqualTo(Variant.TELEGRAM_DESKTOP);
        assertThat(report.messages()).isEqualTo(10);
    }

    @Test
    void parse_givenZone_convertsUnixTimeToLocalTimeThere() {
        List<ParseEvent> events = Parsing.parse(
                ParseOptions.defaults().withZone(ZoneId.of("Asia/Tokyo")),
                Flux.just(ByteBuffer.wrap(resource("telegram/result.json"))));

        assertThat(messages(events).get(1).localTime()).isEqualTo(LocalDateTime.parse("2021-01-01T21:01:00"));
        assertThat(messages(events).get(1).sentAt()).isEqualTo(Instant.parse("2021-01-01T12:01:00Z"));
    }

    @Test
    void parse_givenFullExport_readsEveryChatsMessagesAndSkipsUndatedOnes() {
        List<ParseEvent> events = parse(resource("telegram/full-export.json"));

        assertThat(messages(events)).extracting(ChatMessage::text).containsExactly("hi", "yo");
        assertThat(report(events).skipped()).containsExactly(new SkippedLine(8, SkipReason.MALFORMED_MESSAGE));
    }

    @Test
    void parse_givenTruncatedJson_failsWithMalformedJson() {
        byte[] bytes = resource("telegram/result.json");
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);

        assertThatThrownBy(() -> parse(truncated))
                .isInstanceOfSatisfying(
                        ParseException.class,
                        e -> assertThat(e.reason()).isEqualTo(ParseException.Reason.MALFORMED_JSON));
    }

    @Test
    void parse_givenJsonWithoutMessages_saysItIsNotAnExport() {
        assertThatThrownBy(() -> parse("{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        ParseException.class,
                        e -> assertThat(e.reason()).isEqualTo(ParseException.Reason.NOT_A_CHAT_EXPORT));
    }

    @Test
    void parse_givenAnyChunking_yieldsIdenticalEvents() {
        byte[] bytes = resource("telegram/result.json");
        ChatParser parser = ChatParser.create(ParseOptions.defaults());
        Object whole = Parsing.outcome(parser, Parsing.split(bytes));

        assertThat(Parsing.outcome(parser, Parsing.chunks(bytes, 1))).isEqualTo(whole);
        for (int offset = 1; offset < bytes.length; offset += 7) {
            assertThat(Parsing.outcome(parser, Parsing.split(bytes, offset))).isEqualTo(whole);
        }
    }
}
