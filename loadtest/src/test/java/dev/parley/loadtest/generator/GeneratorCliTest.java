package dev.parley.loadtest.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void run_givenStyleSizeSeedAndOut_writesTheSameBytesAsTheApi() throws IOException {
        Path file = dir.resolve("chat.txt");

        int status = run("--style", "us12", "--size", "200KB", "--seed", "7", "--out", file.toString());

        assertThat(status).isZero();
        GeneratorOptions options = GeneratorOptions.defaults()
                .withStyle(ExportStyle.US_12H)
                .withTargetBytes(200 * 1024)
                .withSeed(7);
        assertThat(ExportGeneratorTest.sha256(Files.readAllBytes(file)))
                .isEqualTo(ExportGeneratorTest.sha256(ExportGeneratorTest.generate(options)));
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .startsWith("{\"file\":")
                .contains("\"style\":\"us12\"")
                .containsPattern("\"messages\":[1-9]\\d*");
    }

    @Test
    void run_givenZipOrJsonExtension_choosesTheFormat() throws IOException {
        Path zip = dir.resolve("export.zip");
        Path json = dir.resolve("result.json");

        assertThat(run("--style", "ios", "--size", "64KB", "--out", zip.toString()))
                .isZero();
        assertThat(run("--size", "64KB", "--out", json.toString())).isZero();

        assertThat(Files.readAllBytes(zip)).startsWith('P', 'K', 3, 4);
        assertThat(Files.readString(json)).startsWith("{\n \"name\": ");
    }

    @Test
    void run_givenBadArguments_printsUsageAndFails() throws IOException {
        assertThat(run("--style", "windows-phone", "--out", "x.txt")).isEqualTo(2);
        assertThat(run("--size", "100MB")).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("Unknown style 'windows-phone'")
                .contains("--out is required")
                .contains("usage:");
    }

    @Test
    void byteSize_parsesBinaryUnits() {
        assertThat(ByteSize.parse("100MB")).isEqualTo(100L << 20);
        assertThat(ByteSize.parse("1gb")).isEqualTo(1L << 30);
        assertThat(ByteSize.parse("512 KiB")).isEqualTo(512L << 10);
        assertThat(ByteSize.parse("12345")).isEqualTo(12345);
        assertThatThrownBy(() -> ByteSize.parse("lots")).isInstanceOf(IllegalArgumentException.class);
    }

    private int run(String... args) throws IOException {
        return GeneratorCli.run(
                args,
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }
}
