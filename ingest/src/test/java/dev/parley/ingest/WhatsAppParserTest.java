package dev.parley.ingest;

import static dev.parley.ingest.Parsing.messages;
import static dev.parley.ingest.Parsing.parse;
import static dev.parley.ingest.Parsing.report;
import static dev.parley.ingest.Parsing.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ingest.ParseReport.DateOrderSource;
import dev.parley.ingest.ParseReport.SkipReason;
import dev.parley.ingest.ParseReport.SkippedLine;
import dev.parley.ingest.ParseReport.Variant;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

class WhatsAppParserTest {

    private static List<ChatMessage> fixture(String name) {
        return messages(parse(resource("whatsapp/" + name)));
    }

    @Test
    void parse_givenAndroidExport_typesEveryShape() {
        List<ParseEvent> events = parse(resource("whatsapp/android-24h-dmy.txt"));
        List<ChatMessage> m = messages(events);

        assertThat(m)
                .extracting(ChatMessage::kind)
                .containsExactly(
                        MessageKind.SYSTEM,
                        MessageKind.SYSTEM,
                        MessageKind.TEXT,
                        MessageKind.TEXT,
                        MessageKind.TEXT,
                        MessageKind.MEDIA,
                        MessageKind.DELETED,
                        MessageKind.DELETED,
                        MessageKind.TEXT,
                        MessageKind.POLL,
                        MessageKind.LOCATION,
                        MessageKind.MEDIA,
                        MessageKind.CONTACT,
                        MessageKind.MEDIA,
                        MessageKind.CALL,
                        MessageKind.TEXT);
        assertThat(m)
                .extracting(ChatMessage::ordinal)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
        assertThat(m.get(0).sender()).isNull();
        assertThat(m.get(1).text()).isEqualTo("Alice created group \"Party: 2021\"");
        assertThat(m.get(2))
                .isEqualTo(new TextMessage(
                        2,
                        LocalDateTime.parse("2020-12-31T23:52"),
                        Instant.parse("2020-12-31T23:52:00Z"),
                        "Alice",
                        "Happy new year soon!",
                        false,
                        null,
                        null));
        assertThat(m.get(3).text())
                .isEqualTo("First line\n\nthird line after a blank one\n01/01/21 is when it starts, not a header");
        assertThat(m.get(4).sender()).isEqualTo("Carol");
        assertThat(m.get(5).attachment()).isEqualTo(new Attachment(null, MediaType.UNKNOWN, false));
        assertThat(m.get(6).text()).isNull();
        assertThat(m.get(8).text()).isEqualTo("fixed typo");
        assertThat(m.get(8).edited()).isTrue();
        assertThat((PollMessage) m.get(9)).satisfies(poll -> {
            assertThat(poll.text()).isEqualTo("Lunch tomorrow?");
            assertThat(poll.options())
                    .containsExactly(
                            new PollOption("Pizza", 2), new PollOption("Salad", 1), new PollOption("Nothing", 0));
        });
        assertThat((LocationMessage) m.get(10)).satisfies(location -> {
            assertThat(location.latitude()).isEqualTo(52.520008);
            assertThat(location.longitude()).isEqualTo(13.404954);
        });
        assertThat((MediaMessage) m.get(11)).satisfies(media -> {
            assertThat(media.text()).isEqualTo("Fireworks!");
            assertThat(media.attachment()).isEqualTo(new Attachment("IMG-20210101-WA0001.jpg", MediaType.IMAGE, false));
        });
        assertThat((ContactMessage) m.get(12)).satisfies(contact -> {
            assertThat(contact.contactName()).isEqualTo("Carol Smith");
            assertThat(contact.attachment().mediaType()).isEqualTo(MediaType.CONTACT);
        });
        assertThat(m.get(13).attachment().mediaType()).isEqualTo(MediaType.VOICE);
        assertThat((CallMessage) m.get(14)).satisfies(call -> {
            assertThat(call.missed()).isTrue();
            assertThat(call.video()).isFalse();
        });
        assertThat(m.get(15).sender()).isEqualTo("Alice");
        assertThat(m.get(15).text()).isEqualTo("Time: 10:00 sharp");

        ParseReport report = report(events);
        assertThat(report.format()).isEqualTo(ChatFormat.WHATSAPP);
        assertThat(report.variant()).isEqualTo(Variant.WHATSAPP_ANDROID);
        assertThat(report.dateOrder()).isEqualTo(DateOrder.DMY);
        assertThat(report.dateOrderSource()).isEqualTo(DateOrderSource.DAY_ABOVE_12);
        assertThat(report.messages()).isEqualTo(16);
        assertThat(report.countsByKind()).containsEntry(MessageKind.TEXT, 5L).containsEntry(MessageKind.DELETED, 2L);
        assertThat(report.skippedLines()).isZero();
        assertThat(report.bytes()).isEqualTo(resource("whatsapp/android-24h-dmy.txt").length);
    }

    @Test
    void parse_givenIosExport_keepsSystemLinesWithColonsWhole() {
        List<ParseEvent> events = parse(resource("whatsapp/ios-24h-dmy.txt"));
        List<ChatMessage> m = messages(events);

        assertThat(m)
                .extracting(ChatMessage::kind)
                .containsExactly(
                        MessageKind.SYSTEM,
                        MessageKind.SYSTEM,
                        MessageKind.SYSTEM,
                        MessageKind.TEXT,
                        MessageKind.MEDIA,
                        MessageKind.MEDIA,
                        MessageKind.DELETED,
                        MessageKind.TEXT,
                        MessageKind.CONTACT,
                        MessageKind.CALL,
                        MessageKind.POLL,
                        MessageKind.TEXT);
        assertThat(m.get(0).sender()).isNull();
        assertThat(m.get(1).text()).isEqualTo("Alice created group \"Party: 2021\"");
        assertThat(m.get(2).text()).isEqualTo("Alice changed the subject to \"Plans: tonight\"");
        assertThat(m.get(2).sender()).isNull();
        assertThat(m.get(3).text()).isEqualTo("Hello\nsecond line");
        assertThat(m.get(3).localTime()).isEqualTo(LocalDateTime.parse("2020-12-31T23:51:00"));
        assertThat(m.get(4).attachment()).isEqualTo(new Attachment(null, MediaType.IMAGE, false));
        assertThat(m.get(5).attachment())
                .isEqualTo(new Attachment("00000012-PHOTO-2020-12-31-23-53-00.jpg", MediaType.IMAGE, false));
        assertThat(m.get(6).sender()).isEqualTo("Bob");
        assertThat(m.get(7).text()).isEqualTo("see you");
        assertThat(m.get(7).edited()).isTrue();
        assertThat(((CallMessage) m.get(9)).video()).isTrue();
        assertThat(((PollMessage) m.get(10)).options())
                .containsExactly(new PollOption("Here", 3), new PollOption("There", 0));
        assertThat(m.get(11).sender()).isEqualTo("Dora");
        assertThat(report(events).variant()).isEqualTo(Variant.WHATSAPP_IOS);
    }

    @Test
    void parse_givenUs12HourClockWithNarrowSpace_infersMdyAndConvertsTo24h() {
        List<ParseEvent> events = parse(resource("whatsapp/android-12h-mdy.txt"));

        assertThat(messages(events))
                .extracting(ChatMessage::localTime)
                .containsExactly(
                        LocalDateTime.parse("2020-12-31T23:58"),
                        LocalDateTime.parse("2020-12-31T23:59"),
                        LocalDateTime.parse("2021-01-01T00:00"),
                        LocalDateTime.parse("2021-01-01T12:30"));
        assertThat(report(events).dateOrder()).isEqualTo(DateOrder.MDY);
    }

    @Test
    void parse_givenIosUsExport_holdsMessagesUntilADayAbove12Decides() {
        List<ParseEvent> events = parse(resource("whatsapp/ios-12h-mdy.txt"));

        assertThat(messages(events))
                .extracting(ChatMessage::localTime)
                .containsExactly(
                        LocalDateTime.parse("2022-01-05T10:23:45"),
                        LocalDateTime.parse("2022-01-05T13:02:03"),
                        LocalDateTime.parse("2022-01-13T21:00:00"));
        assertThat(report(events).dateOrderSource()).isEqualTo(DateOrderSource.DAY_ABOVE_12);
    }

    @Test
    void parse_givenAmbiguousDates_decidesByChronology() {
        List<ParseEvent> events = parse(resource("whatsapp/chronology.txt"));

        assertThat(report(events).dateOrder()).isEqualTo(DateOrder.MDY);
        assertThat(report(events).dateOrderSource()).isEqualTo(DateOrderSource.CHRONOLOGY);
        assertThat(messages(events).getFirst().localTime()).isEqualTo(LocalDateTime.parse("2021-01-02T10:00"));
    }

    @Test
    void parse_givenDateOrderOption_overridesInference() {
        byte[] bytes = resource("whatsapp/chronology.txt");
        List<ParseEvent> events =
                Parsing.parse(ParseOptions.defaults().withDateOrder(DateOrder.DMY), Flux.just(ByteBuffer.wrap(bytes)));

        assertThat(report(events).dateOrderSource()).isEqualTo(DateOrderSource.OPTION);
        assertThat(messages(events).getFirst().localTime()).isEqualTo(LocalDateTime.parse("2021-02-01T10:00"));
    }

    @Test
    void parse_givenNoEvidenceWithinLookahead_fallsBackToDmy() {
        byte[] bytes = "01/02/21, 10:00 - A: x\n01/02/21, 10:01 - B: y\n01/02/21, 10:02 - A: z\n".getBytes();
        ParseOptions options =
                ParseOptions.defaults().withLimits(ParseLimits.defaults().withDateOrderLookaheadMessages(2));
        List<ParseEvent> events = Parsing.parse(options, Flux.just(ByteBuffer.wrap(bytes)));

        assertThat(messages(events)).hasSize(3);
        assertThat(report(events).dateOrder()).isEqualTo(DateOrder.DMY);
        assertThat(report(events).dateOrderSource()).isEqualTo(DateOrderSource.FALLBACK);
    }

    @Test
    void parse_givenImpossibleDate_skipsThatMessageAndReportsIt() {
        List<ParseEvent> events = parse(resource("whatsapp/invalid-date.txt"));

        assertThat(messages(events)).extracting(ChatMessage::text).containsExactly("fine", "fine again");
        assertThat(messages(events)).extracting(ChatMessage::ordinal).containsExactly(0L, 1L);
        assertThat(report(events).skipped()).containsExactly(new SkippedLine(2, SkipReason.INVALID_DATE));
        assertThat(report(events).skippedLines()).isEqualTo(2);
    }

    @Test
    void parse_givenGermanExport_translatesPlaceholders() {
        List<ChatMessage> m = fixture("android-de.txt");

        assertThat(m)
                .extracting(ChatMessage::kind)
                .containsExactly(
                        MessageKind.TEXT,
                        MessageKind.MEDIA,
                        MessageKind.MEDIA,
                        MessageKind.DELETED,
                        MessageKind.LOCATION);
        assertThat(m.get(2).text()).isEqualTo("Feuerwerk");
        assertThat(m.get(2).attachment().fileName()).isEqualTo("IMG-20201231-WA0003.jpg");
    }

    @Test
    void parse_givenGermanDayPeriods_readsVormNachm() {
        assertThat(fixture("android-de-12h.txt"))
                .extracting(ChatMessage::localTime)
                .containsExactly(LocalDateTime.parse("2021-01-13T09:05"), LocalDateTime.parse("2021-01-13T21:05"));
    }

    @Test
    void parse_givenSpanishDayPeriodsWithAnySpace_readsThem() {
        List<ChatMessage> m = fixture("android-es-ampm.txt");

        assertThat(m)
                .extracting(ChatMessage::localTime)
                .containsExactly(
                        LocalDateTime.parse("2020-12-31T23:58"),
                        LocalDateTime.parse("2020-12-31T23:59"),
                        LocalDateTime.parse("2021-01-01T00:01"));
        assertThat(m)
                .extracting(ChatMessage::kind)
                .containsExactly(MessageKind.TEXT, MessageKind.MEDIA, MessageKind.DELETED);
    }

    @Test
    void parse_givenPortugueseExportWithoutComma_readsIt() {
        List<ChatMessage> m = fixture("android-pt.txt");

        assertThat(m).extracting(ChatMessage::kind).containsExactly(MessageKind.MEDIA, MessageKind.MEDIA);
        assertThat(m.get(1).attachment().mediaType()).isEqualTo(MediaType.DOCUMENT);
    }

    @Test
    void parse_givenCjkDayPeriodsBeforeTheTime_readsThem() {
        for (String name : List.of("android-ja.txt", "android-zh.txt", "android-ko.txt")) {
            assertThat(fixture(name))
                    .as(name)
                    .extracting(ChatMessage::localTime)
                    .containsExactly(LocalDateTime.parse("2020-12-31T23:59"), LocalDateTime.parse("2021-01-01T00:01"));
        }
        assertThat(fixture("android-ko.txt").getFirst().sender()).isEqualTo("철수");
    }

    @Test
    void parse_givenYearFirstOrSpaceSeparatedDates_readsThem() {
        List<ParseEvent> ymd = parse(resource("whatsapp/android-ymd-dash.txt"));
        assertThat(report(ymd).dateOrderSource()).isEqualTo(DateOrderSource.YEAR_FIRST);
        assertThat(messages(ymd).getLast().localTime()).isEqualTo(LocalDateTime.parse("2021-01-01T00:00"));

        assertThat(fixture("android-dots-space.txt"))
                .extracting(ChatMessage::localTime)
                .containsExactly(LocalDateTime.parse("2020-12-31T23:59"), LocalDateTime.parse("2021-01-01T00:00"));
    }

    @Test
    void parse_givenBomAndCrlf_matchesTheLfExport() {
        assertThat(fixture("android-bom-crlf.txt")).isEqualTo(fixture("android-24h-dmy.txt"));
    }

    @Test
    void parse_givenUtf16WithBom_decodesIt() {
        String text = new String(resource("whatsapp/android-ko.txt"), java.nio.charset.StandardCharsets.UTF_8);
        byte[] le = ("\uFEFF" + text).getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] be = ("\uFEFF" + text).getBytes(java.nio.charset.StandardCharsets.UTF_16BE);

        assertThat(messages(parse(le))).isEqualTo(fixture("android-ko.txt"));
        assertThat(messages(parse(be))).isEqualTo(fixture("android-ko.txt"));
    }

    @Test
    void parse_givenIllFormedUtf8InARepeatedSender_countsItInEveryMessage() {
        var out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            out.writeBytes(("31/12/20, 23:5" + i + " - Al").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            // an encoded surrogate: three ill-formed subparts, though the JDK decoder writes one U+FFFD for it
            out.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
            out.writeBytes((": " + "hi ".repeat(50) + i + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        List<ParseEvent> events = parse(out.toByteArray());

        assertThat(messages(events))
                .extracting(ChatMessage::sender)
                .containsExactly("Al\uFFFD\uFFFD\uFFFD", "Al\uFFFD\uFFFD\uFFFD", "Al\uFFFD\uFFFD\uFFFD");
        assertThat(report(events).invalidUtf8Replacements()).isEqualTo(9);
    }

    @Test
    void parse_givenNamesThatPrefixOneAnotherOrHoldColons_endsEachAuthorAtTheFirstColonSpace() {
        // names that share their first bytes, hold ':' or are cut by it, and more of them than the sender cache
        // holds, each written many times in a scrambled order: cached or not, an author ends at the first ": "
        List<String> names = new java.util.ArrayList<>(
                List.of("Ana", "Ana Maria", "An", "A", "Dr:Who", "a:", "~ Zo\u00eb", "~ Zo", "\u738b\u4f1f", "\u738b"));
        for (int i = 0; i < 700; i++) {
            names.add("~ Person " + i);
        }
        var out = new StringBuilder();
        var expected = new java.util.ArrayList<String>();
        var random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            String name = names.get(i % 3 == 0 ? random.nextInt(10) : random.nextInt(names.size()));
            String text = i % 5 == 0 ? "x: y" : "hi " + i;
            String line = name + ": " + text;
            int colon = line.indexOf(": ");
            expected.add(SenderCache.normalise(line.substring(0, colon)) + " | " + line.substring(colon + 2));
            out.append("31/12/20, 23:59 - ").append(line).append('\n');
        }

        List<ChatMessage> messages = messages(parse(out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(messages).extracting(m -> m.sender() + " | " + m.text()).containsExactlyElementsOf(expected);
    }

    @Test
    void parse_givenLinesRepeatingTheLastHeadersDate_readsEachAsItsOwnBytesSay() {
        // the header matcher reuses the previous header's date when the bytes repeat it: more spaces after it, a
        // continuation that starts with it, and a new day must each still be read from their own bytes
        String export = """
                31/12/20, 23:50 - Al: one
                31/12/20,  23:51 - Al: two
                31/12/20, see you at 23:55
                31/12/20, 23:52 - Al: three
                01/01/21, 00:01 - Al: four
                31/12/20, 23:53 - Al: back in time
                """;

        List<ChatMessage> messages = messages(parse(export.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(messages)
                .extracting(m -> m.localTime() + " " + m.text())
                .containsExactly(
                        "2020-12-31T23:50 one",
                        "2020-12-31T23:51 two\n31/12/20, see you at 23:55",
                        "2020-12-31T23:52 three",
                        "2021-01-01T00:01 four",
                        "2020-12-31T23:53 back in time");
    }

    @Test
    void parse_givenInvalidUtf8_replacesAndCounts() {
        byte[] bytes = "31/12/20, 23:59 - Al\u00e9: caf\u00e9 X\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int x = bytes.length - 2;
        bytes[x] = (byte) 0xC3; // lead byte followed by '\n': ill-formed
        byte[] withInvalid = java.util.Arrays.copyOf(bytes, bytes.length + 2);
        withInvalid[bytes.length] = (byte) 0xFF;
        withInvalid[bytes.length + 1] = '\n';

        List<ParseEvent> events = parse(withInvalid);

        assertThat(messages(events).getFirst().text()).isEqualTo("caf\u00e9 \uFFFD\n\uFFFD");
        assertThat(report(events).invalidUtf8Replacements()).isEqualTo(2);
    }

    @Test
    void parse_givenTextBeforeTheFirstHeader_skipsIt() {
        List<ParseEvent> events = parse(resource("whatsapp/preamble.txt"));

        assertThat(messages(events)).hasSize(1);
        assertThat(report(events).skipped()).containsExactly(new SkippedLine(1, SkipReason.BEFORE_FIRST_MESSAGE));
    }

    @Test
    void parse_givenLineLongerThanLimit_cutsItAtACharacterBoundary() {
        String body = "\u00e9".repeat(100);
        byte[] bytes = ("31/12/20, 23:59 - A: " + body + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ParseOptions options =
                ParseOptions.defaults().withLimits(ParseLimits.defaults().withMaxLineBytes(64));

        for (int chunk : new int[] {bytes.length, 7}) {
            List<ParseEvent> events = Parsing.parse(options, Parsing.chunks(bytes, chunk));
            assertThat(messages(events).getFirst().text()).isEqualTo("\u00e9".repeat(21));
            assertThat(report(events).skipped()).containsExactly(new SkippedLine(1, SkipReason.LINE_TOO_LONG));
        }
    }

    @Test
    void parse_givenZone_convertsWallClockToInstant() {
        List<ParseEvent> events = Parsing.parse(
                ParseOptions.defaults().withZone(ZoneId.of("Europe/Berlin")),
                Flux.just(ByteBuffer.wrap("15/07/21, 12:00 - A: summer\n15/01/21, 12:00 - A: winter\n".getBytes())));

        assertThat(messages(events))
                .extracting(ChatMessage::sentAt)
                .containsExactly(Instant.parse("2021-07-15T10:00:00Z"), Instant.parse("2021-01-15T11:00:00Z"));
    }

    @Test
    void parse_givenDirectBuffers_readsThemWithoutMovingTheirPosition() {
        byte[] bytes = resource("whatsapp/android-24h-dmy.txt");
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();

        List<ParseEvent> events = Parsing.parse(ParseOptions.defaults(), Flux.just(direct));

        assertThat(direct.position()).isZero();
        assertThat(messages(events)).isEqualTo(fixture("android-24h-dmy.txt"));
    }
}
