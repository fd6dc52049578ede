package dev.parley.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ingest.ParseException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class BadInputTest {

    private static final ChatParser PARSER = ChatParser.create(ParseOptions.defaults());

    private static ParseException failure(byte[] bytes) {
        var error = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        PARSER.parse(Flux.just(ByteBuffer.wrap(bytes)))
                .as(StepVerifier::create)
                .thenConsumeWhile(e -> true)
                .expectErrorSatisfies(error::set)
                .verify();
        assertThat(error.get()).isInstanceOf(ParseException.class);
        return (ParseException) error.get();
    }

    @Test
    void parse_givenEmptyInput_saysTheFileIsEmpty() {
        PARSER.parse(Flux.empty())
                .as(StepVerifier::create)
                .expectErrorSatisfies(
                        e -> assertThat(((ParseException) e).reason()).isEqualTo(Reason.EMPTY_INPUT))
                .verify();
        assertThat(failure(new byte[0]).getMessage()).isEqualTo("The file is empty.");
    }

    @Test
    void parse_givenPdf_saysItIsAPdf() {
        ParseException e = failure("%PDF-1.7\n%âãÏÓ\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FILE_TYPE);
        assertThat(e.getMessage()).startsWith("This looks like a PDF document, not a chat export.");
    }

    @Test
    void parse_givenPngOrJpegOrGzip_namesTheType() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};
        byte[] gzip = {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0};

        assertThat(failure(png).getMessage()).contains("a PNG image");
        assertThat(failure(jpeg).getMessage()).contains("a JPEG image");
        assertThat(failure(gzip).getMessage()).contains("gzip");
    }

    @Test
    void parse_givenRandomBytes_saysBinaryWithinTheFirstChunk() {
        byte[] random = new byte[1 << 20];
        new Random(42).nextBytes(random);
        var requested = new AtomicLong();
        Flux<ByteBuffer> chunks = Parsing.chunks(random, 4096).doOnRequest(requested::addAndGet);

        PARSER.parse(chunks)
                .as(StepVerifier::create)
                .expectErrorSatisfies(
                        e -> assertThat(((ParseException) e).reason()).isEqualTo(Reason.BINARY_DATA))
                .verify();
        assertThat(requested.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void parse_givenProseWithoutHeaders_saysNotAChatWithinTheFirstKilobytes() {
        byte[] prose = "Lorem ipsum dolor sit amet.\n".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        var requested = new AtomicLong();

        PARSER.parse(Parsing.chunks(prose, 1024).doOnRequest(requested::addAndGet))
                .as(StepVerifier::create)
                .expectErrorSatisfies(
                        e -> assertThat(((ParseException) e).reason()).isEqualTo(Reason.NOT_A_CHAT_EXPORT))
                .verify();
        assertThat(requested.get()).isLessThan(20);
    }

    @Test
    void parse_givenHtmlPage_suggestsTheJsonExport() {
        assertThat(failure("<!DOCTYPE html>\n<html><body>".getBytes(StandardCharsets.UTF_8))
                        .getMessage())
                .contains("web page", "JSON");
    }

    @Test
    void parse_givenTelegramJsonButWhatsAppRequested_saysFormatMismatch() {
        ChatParser whatsapp = ChatParser.create(ParseOptions.defaults().withFormat(ChatFormat.WHATSAPP));

        whatsapp.parse(Flux.just(ByteBuffer.wrap(Parsing.resource("telegram/result.json"))))
                .as(StepVerifier::create)
                .expectErrorSatisfies(
                        e -> assertThat(((ParseException) e).reason()).isEqualTo(Reason.FORMAT_MISMATCH))
                .verify();
    }

    @Test
    void parse_givenTruncatedZip_saysTheArchiveIsIncomplete() {
        byte[] zip = ZipExportTest.zip(new String[] {"WhatsApp Chat with Bob.txt", "31/12/20, 23:59 - A: x\n"});
        byte[] truncated = java.util.Arrays.copyOf(zip, zip.length - 30);

        ParseException e = failure(truncated);

        assertThat(e.reason()).isEqualTo(Reason.TRUNCATED_ARCHIVE);
        assertThat(e.getMessage()).contains("Upload the complete export again");
    }

    @Test
    void parse_givenUpstreamError_propagatesIt() {
        byte[] good = "31/12/20, 23:59 - A: x\n".getBytes(StandardCharsets.UTF_8);
        Flux<ByteBuffer> chunks = Flux.concat(
                Flux.just(ByteBuffer.wrap(good)), Flux.error(new IllegalStateException("connection reset")));

        PARSER.parse(chunks)
                .as(StepVerifier::create)
                .expectErrorMessage("connection reset")
                .verify();
    }
}
