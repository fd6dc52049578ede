package dev.parley.ingest;

import static dev.parley.ingest.Parsing.messages;
import static dev.parley.ingest.Parsing.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ingest.ParseException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class ZipExportTest {

    private static final String CHAT = "31/12/20, 23:57 - Alice: IMG-20201231-WA0001.jpg (file attached)\n"
            + "31/12/20, 23:58 - Bob: VID-20201231-WA0002.mp4 (file attached)\n"
            + "31/12/20, 23:59 - Alice: bye\n";

    /** Pairs of entry name and content; content "" and a name ending in / make a directory. */
    static byte[] zip(String[]... entries) {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            for (String[] entry : entries) {
                zip.putNextEntry(new ZipEntry(entry[0]));
                zip.write(entry[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<ParseEvent> parse(byte[] zip, int chunk) {
        return Parsing.parse(ParseOptions.defaults(), Parsing.chunks(zip, chunk));
    }

    private static Reason failure(byte[] zip, ParseOptions options) {
        var reason = new java.util.concurrent.atomic.AtomicReference<Reason>();
        ChatParser.create(options)
                .parse(Flux.just(ByteBuffer.wrap(zip)))
                .as(StepVerifier::create)
                .expectErrorSatisfies(e -> reason.set(((ParseException) e).reason()))
                .verify();
        return reason.get();
    }

    @Test
    void parse_givenChatBeforeMedia_marksAttachmentsPresentFromTheWholeArchive() {
        byte[] zip = zip(
                new String[] {"WhatsApp Chat with Bob.txt", CHAT},
                new String[] {"IMG-20201231-WA0001.jpg", "jpeg bytes"});

        List<ParseEvent> events = parse(zip, 100);

        assertThat(messages(events))
                .extracting(ChatMessage::attachment)
                .containsExactly(
                        new Attachment("IMG-20201231-WA0001.jpg", MediaType.IMAGE, true),
                        new Attachment("VID-20201231-WA0002.mp4", MediaType.VIDEO, false),
                        null);
        assertThat(report(events).archive()).isTrue();
        assertThat(report(events).archiveEntry()).isEqualTo("WhatsApp Chat with Bob.txt");
        assertThat(report(events).bytes()).isEqualTo(zip.length);
    }

    @Test
    void parse_givenChatAfterMediaAndMacMetadata_findsIosChat() {
        byte[] zip = zip(
                new String[] {"VID-20201231-WA0002.mp4", "mp4"},
                new String[] {"__MACOSX/._chat.txt", "junk"},
                new String[] {"_chat.txt", "[31/12/2020, 23:59:00] Alice: hi\n"});

        List<ParseEvent> events = parse(zip, 7);

        assertThat(messages(events)).extracting(ChatMessage::text).containsExactly("hi");
        assertThat(report(events).archiveEntry()).isEqualTo("_chat.txt");
    }

    @Test
    void parse_givenLocalisedChatName_findsIt() {
        byte[] zip = zip(new String[] {"WhatsApp-Chat mit Anna.txt", "31.12.20, 23:59 - Anna: Hallo\n"});

        assertThat(messages(parse(zip, 1 << 16)))
                .extracting(ChatMessage::sender)
                .containsExactly("Anna");
    }

    @Test
    void parse_givenZippedTelegramExport_marksPresentFilesRelativeToResultJson() {
        String json = "{\"messages\":[{\"id\":1,\"type\":\"message\",\"date_unixtime\":\"1609502400\","
                + "\"from\":\"A\",\"photo\":\"photos/p1.jpg\",\"text\":\"\"}]}";
        byte[] zip = zip(
                new String[] {"ChatExport_2021/result.json", json},
                new String[] {"ChatExport_2021/photos/p1.jpg", "jpg"});

        List<ParseEvent> events = parse(zip, 1000);

        assertThat(messages(events).getFirst().attachment())
                .isEqualTo(new Attachment("photos/p1.jpg", MediaType.IMAGE, true));
        assertThat(report(events).format()).isEqualTo(ChatFormat.TELEGRAM);
    }

    @Test
    void parse_givenArchiveWithoutChat_saysSo() {
        byte[] zip = zip(new String[] {"IMG-1.jpg", "x"}, new String[] {"IMG-2.jpg", "y"});

        assertThat(failure(zip, ParseOptions.defaults())).isEqualTo(Reason.NO_CHAT_IN_ARCHIVE);
    }

    @Test
    void parse_givenNestedZipAsChat_refusesToExpandIt() {
        byte[] inner = zip(new String[] {"_chat.txt", "[31/12/2020, 23:59:00] Alice: hi\n"});
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("_chat.txt"));
            zip.write(inner);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        assertThat(failure(out.toByteArray(), ParseOptions.defaults())).isEqualTo(Reason.UNSUPPORTED_FILE_TYPE);
    }

    @Test
    void parse_givenZipSlipNames_ignoresThem() {
        byte[] zip = zip(new String[] {"../../etc/_chat.txt", "[31/12/2020, 23:59:00] Alice: evil\n"});

        assertThat(failure(zip, ParseOptions.defaults())).isEqualTo(Reason.NO_CHAT_IN_ARCHIVE);
        assertThat(ZipArchiveReader.safe("a/../../b")).isFalse();
        assertThat(ZipArchiveReader.safe("/etc/passwd")).isFalse();
        assertThat(ZipArchiveReader.safe("C:\\x")).isFalse();
        assertThat(ZipArchiveReader.safe("media/IMG-1.jpg")).isTrue();
    }

    @Test
    void parse_givenHighlyCompressedChat_stopsAtTheRatioCap() {
        String bomb = "31/12/20, 23:59 - A: " + "a".repeat(4 << 20) + "\n";
        byte[] zip = zip(new String[] {"_chat.txt", bomb});

        assertThat(failure(zip, ParseOptions.defaults())).isEqualTo(Reason.ARCHIVE_LIMIT_EXCEEDED);
    }

    @Test
    void parse_givenMoreEntriesThanAllowed_refusesTheArchive() {
        byte[] zip = zip(new String[] {"_chat.txt", CHAT}, new String[] {"a.jpg", "a"}, new String[] {"b.jpg", "b"});
        ParseLimits limits = ParseLimits.defaults().withArchiveLimits(1 << 20, 2, 1 << 20, 1 << 20, 100);

        assertThat(failure(zip, ParseOptions.defaults().withLimits(limits))).isEqualTo(Reason.ARCHIVE_LIMIT_EXCEEDED);
    }

    @Test
    void parse_givenArchiveLargerThanAllowed_stopsSpooling() {
        byte[] zip = zip(new String[] {"_chat.txt", CHAT}, new String[] {
            "a.jpg",
            new java.util.Random(1)
                    .ints(10_000, 'a', 'z')
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString()
        });
        ParseLimits limits = ParseLimits.defaults().withArchiveLimits(500, 10, 1 << 20, 1 << 20, 100);

        assertThat(failure(zip, ParseOptions.defaults().withLimits(limits))).isEqualTo(Reason.ARCHIVE_LIMIT_EXCEEDED);
    }

    @Test
    void parse_givenAnyChunking_yieldsIdenticalEvents() {
        byte[] zip =
                zip(new String[] {"WhatsApp Chat with Bob.txt", CHAT}, new String[] {"IMG-20201231-WA0001.jpg", "j"});
        List<ParseEvent> whole = parse(zip, zip.length);

        for (int size : new int[] {1, 3, 64, 333}) {
            assertThat(parse(zip, size)).isEqualTo(whole);
        }
    }
}
