package dev.parley.loadtest.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.loadtest.generator.ExportStyle;
import dev.parley.loadtest.generator.GeneratedFile;
import dev.parley.loadtest.generator.GeneratorOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A generated 1 GB export streamed through the parser in a separate JVM whose heap is capped at 128 MB: the
 * parser must finish, emit exactly the generator's messages, skip nothing, and keep what survives a full
 * collection under 64 MB.
 */
class LargeExportIntegrationTests {

    private static final long ONE_GB = 1L << 30;

    private static GeneratedFile export;
    private static Path stdout;

    @BeforeAll
    static void generate() throws IOException {
        GeneratorOptions options = GeneratorOptions.defaults()
                .withStyle(ExportStyle.ANDROID_24H)
                .withSeed(20240229)
                .withTargetBytes(ONE_GB);
        export = GeneratedFile.ensure(Path.of("target", "it-data"), options);
        stdout = export.path().resolveSibling("parse-file-main.out");
    }

    @AfterAll
    static void delete() throws IOException {
        if (export != null) {
            export.delete();
            Files.deleteIfExists(stdout);
        }
    }

    @Test
    void parse_givenOneGigabyteExport_emitsEveryMessageWithin128MbOfHeap() throws Exception {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                ParseFileMain.class.getName(),
                export.path().toString());
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        boolean exited = process.waitFor(5, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(stdout, StandardCharsets.UTF_8);

        assertThat(exited).as("parser JVM finished within 5 minutes").isTrue();
        assertThat(process.exitValue()).as("exit status; output: %s", output).isZero();
        JsonNode result = JsonMapper.builder().build().readTree(output);
        assertThat(export.bytes()).isGreaterThan(ONE_GB - 4096);
        assertThat(result.get("bytes").asLong()).isEqualTo(export.bytes());
        assertThat(result.get("messages").asLong()).isEqualTo(export.messages());
        assertThat(result.get("skippedLines").asLong()).isZero();
        assertThat(result.get("maxHeapBytes").asLong()).isLessThanOrEqualTo(128L << 20);
        // what survives a full collection is what the parser holds: the target is < 64 MB
        if (result.get("fullCollections").asLong() > 0) {
            assertThat(result.get("maxLiveHeapAfterFullGcBytes").asLong()).isLessThan(64L << 20);
        }
    }
}
