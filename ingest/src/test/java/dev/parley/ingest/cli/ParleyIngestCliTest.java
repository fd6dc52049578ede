package dev.parley.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ingest.ChatMessage;
import dev.parley.ingest.MessageCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParleyIngestCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ParleyIngestCli.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void run_givenExport_printsOneMessageJsonPerLineAndTheReportOnStderr() throws IOException {
        Path file = dir.resolve("chat.txt");
        Files.writeString(file, "01/02/21, 10:00 - Alice: hi\n01/02/21, 10:01 - Bob: yo\n");

        int status = run(file.toString(), "--date-order", "mdy", "--zone", "Europe/Berlin");

        assertThat(status).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        ChatMessage first = MessageCodec.fromJson(lines.getFirst().getBytes(StandardCharsets.UTF_8));
        assertThat(first.localTime()).hasToString("2021-01-02T10:00");
        assertThat(first.sentAt()).hasToString("2021-01-02T09:00:00Z");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("messages=2", "dateOrder=MDY (OPTION)");
    }

    @Test
    void run_givenPdf_exitsWithOneAndSaysWhy() throws IOException {
        Path file = dir.resolve("doc.pdf");
        Files.writeString(file, "%PDF-1.4\n");

        assertThat(run(file.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("UNSUPPORTED_FILE_TYPE", "PDF");
        assertThat(out.size()).isZero();
    }

    @Test
    void run_givenBadArguments_exitsWithTwoAndUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("x.txt", "--date-order", "XYZ")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage:");
    }
}
