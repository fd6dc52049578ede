package dev.parley.loadtest.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * A generated export kept on disk and reused by later runs with the same options: benchmarks, the large-file
 * test and the load tests generate once into {@code target/}. A small {@code .messages} file beside the export
 * records the message count; an export without it (an interrupted run) is generated again.
 *
 * @param path the export
 * @param bytes its size (for ZIP, the chat text's uncompressed size)
 * @param messages the number of messages the generator wrote
 */
public record GeneratedFile(Path path, long bytes, long messages) {

    public static GeneratedFile ensure(Path directory, GeneratorOptions options) throws IOException {
        Path file = directory.resolve(fileName(options));
        Path count = directory.resolve(file.getFileName() + ".messages");
        if (Files.exists(file) && Files.exists(count)) {
            String[] recorded =
                    Files.readString(count, StandardCharsets.US_ASCII).trim().split(" ");
            return new GeneratedFile(file, Long.parseLong(recorded[0]), Long.parseLong(recorded[1]));
        }
        Files.createDirectories(directory);
        Files.deleteIfExists(count);
        GenerationResult result = ExportGenerator.create(options).writeTo(file);
        Path partial = directory.resolve(count.getFileName() + ".tmp");
        Files.writeString(partial, result.bytes() + " " + result.messages() + "\n", StandardCharsets.US_ASCII);
        Files.move(partial, count, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new GeneratedFile(file, result.bytes(), result.messages());
    }

    /** Deletes the export and its count. */
    public void delete() throws IOException {
        Files.deleteIfExists(path.resolveSibling(path.getFileName() + ".messages"));
        Files.deleteIfExists(path);
    }

    static String fileName(GeneratorOptions options) {
        String extension = switch (options.format()) {
            case TXT -> "txt";
            case ZIP -> "zip";
            case TELEGRAM_JSON -> "json";
        };
        return String.format(
                Locale.ROOT,
                "%s-seed%d-%dB%s%s-%s%s.%s",
                options.style().cliName(),
                options.seed(),
                options.targetBytes(),
                options.maxMessages() == 0 ? "" : "-max" + options.maxMessages(),
                options.spanBytes() == 0 ? "" : "-span" + options.spanBytes(),
                options.start().toLocalDate(),
                options.crlf() ? "-crlf" : "",
                extension);
    }
}
