package dev.parley.ingest.cli;

import dev.parley.ingest.ChatFormat;
import dev.parley.ingest.ChatMessage;
import dev.parley.ingest.ChatParser;
import dev.parley.ingest.DateOrder;
import dev.parley.ingest.MessageCodec;
import dev.parley.ingest.ParseEvent;
import dev.parley.ingest.ParseException;
import dev.parley.ingest.ParseOptions;
import dev.parley.ingest.ParseReport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import reactor.core.publisher.Flux;

/**
 * {@code java -jar parley-ingest.jar FILE [--zone ZONE] [--date-order DMY|MDY|YMD] [--format whatsapp|telegram]}:
 * one message JSON per line on stdout (the {@link MessageCodec} shape), the report on stderr. Exit status 0 on
 * success, 1 when the file is not a readable chat export, 2 on wrong usage.
 */
public final class ParleyIngestCli {

    private static final int CHUNK = 1 << 20;

    private ParleyIngestCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, OutputStream stdout, PrintStream stderr) {
        ParseOptions options = ParseOptions.defaults();
        Path file = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--zone" -> options = options.withZone(ZoneId.of(value(args, ++i)));
                    case "--date-order" ->
                        options = options.withDateOrder(
                                DateOrder.valueOf(value(args, ++i).toUpperCase(Locale.ROOT)));
                    case "--format" ->
                        options = options.withFormat(
                                ChatFormat.valueOf(value(args, ++i).toUpperCase(Locale.ROOT)));
                    case "-h", "--help" -> {
                        stderr.println(usage());
                        return 0;
                    }
                    default -> {
                        if (args[i].startsWith("--") || file != null) {
                            throw new IllegalArgumentException("Unknown argument " + args[i]);
                        }
                        file = Path.of(args[i]);
                    }
                }
            }
        } catch (IllegalArgumentException | DateTimeException e) {
            stderr.println(e.getMessage());
            stderr.println(usage());
            return 2;
        }
        if (file == null || !Files.isReadable(file)) {
            stderr.println(file == null ? "No file given." : "Cannot read " + file);
            stderr.println(usage());
            return 2;
        }
        var out = new BufferedOutputStream(stdout, 1 << 16);
        try {
            ParseReport report = ChatParser.create(options)
                    .parse(read(file))
                    .doOnNext(event -> print(event, out))
                    .filter(ParseReport.class::isInstance)
                    .cast(ParseReport.class)
                    .blockLast(); // a command line: main waits for the parse, nothing else runs on this thread
            out.flush();
            stderr.println(describe(report));
            return 0;
        } catch (ParseException e) {
            flushQuietly(out);
            stderr.println(e.reason() + ": " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            stderr.println("Could not write the output: " + e.getMessage());
            return 1;
        }
    }

    private static void print(ParseEvent event, OutputStream out) {
        if (event instanceof ChatMessage message) {
            try {
                out.write(MessageCodec.toJson(message));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Flux<ByteBuffer> read(Path file) {
        return Flux.using(
                () -> FileChannel.open(file, StandardOpenOption.READ),
                channel -> Flux.generate(sink -> {
                    try {
                        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
                        if (channel.read(buffer) < 0) {
                            sink.complete();
                        } else {
                            sink.next(buffer.flip());
                        }
                    } catch (IOException e) {
                        sink.error(new UncheckedIOException(e));
                    }
                }),
                channel -> {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // read-only
                    }
                });
    }

    static String describe(ParseReport r) {
        var s = new StringBuilder();
        s.append("format=").append(r.format()).append(" variant=").append(r.variant());
        if (r.archive()) {
            s.append(" archiveEntry=\"").append(r.archiveEntry()).append('"');
        }
        s.append(" dateOrder=")
                .append(r.dateOrder())
                .append(" (")
                .append(r.dateOrderSource())
                .append(')');
        s.append(" messages=").append(r.messages());
        r.countsByKind().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> s.append(' ')
                        .append(e.getKey().name().toLowerCase(Locale.ROOT))
                        .append('=')
                        .append(e.getValue()));
        s.append(" skippedLines=").append(r.skippedLines());
        r.skipped()
                .forEach(k -> s.append("\n  skipped line ")
                        .append(k.line())
                        .append(": ")
                        .append(k.reason()));
        s.append("\nbytes=")
                .append(r.bytes())
                .append(" invalidUtf8Replacements=")
                .append(r.invalidUtf8Replacements());
        return s.toString();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void flushQuietly(OutputStream out) {
        try {
            out.flush();
        } catch (IOException ignored) {
            // the error message matters more
        }
    }

    private static String usage() {
        return "Usage: java -jar parley-ingest.jar FILE [--zone ZONE] [--date-order DMY|MDY|YMD]"
                + " [--format whatsapp|telegram]";
    }
}
