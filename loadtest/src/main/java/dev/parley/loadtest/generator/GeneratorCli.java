package dev.parley.loadtest.generator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Command line: {@code --style android24|us12|ios --size 100MB --seed 42 --out FILE [--format txt|zip|telegram]
 * [--participants N] [--crlf] [--max-messages N] [--span SIZE]}. The format defaults from the file extension ({@code .zip}, {@code .json}, else
 * txt). Prints a one-line JSON summary (bytes, messages) on stdout.
 */
public final class GeneratorCli {

    private static final String USAGE = "usage: generate --style android24|us12|ios --size 100MB --seed 42"
            + " --out FILE [--format txt|zip|telegram] [--participants N] [--crlf] [--max-messages N] [--span SIZE]";

    public static void main(String[] args) throws IOException {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        GeneratorOptions options = GeneratorOptions.defaults();
        Path file = null;
        ExportFormat format = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--style" -> options = options.withStyle(ExportStyle.fromCliName(value(args, ++i, arg)));
                    case "--size" -> options = options.withTargetBytes(ByteSize.parse(value(args, ++i, arg)));
                    case "--seed" -> options = options.withSeed(Long.parseLong(value(args, ++i, arg)));
                    case "--out" -> file = Path.of(value(args, ++i, arg));
                    case "--format" -> format = ExportFormat.fromCliName(value(args, ++i, arg));
                    case "--participants" ->
                        options = options.withParticipants(Integer.parseInt(value(args, ++i, arg)));
                    case "--crlf" -> options = options.withCrlf(true);
                    case "--max-messages" -> options = options.withMaxMessages(Long.parseLong(value(args, ++i, arg)));
                    case "--span" -> options = options.withSpanBytes(ByteSize.parse(value(args, ++i, arg)));
                    default -> throw new IllegalArgumentException("Unknown argument '" + arg + "'");
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("--out is required");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        options = options.withFormat(format != null ? format : formatOf(file));
        GenerationResult result = ExportGenerator.create(options).writeTo(file);
        out.printf(
                Locale.ROOT,
                "{\"file\":\"%s\",\"style\":\"%s\",\"format\":\"%s\",\"seed\":%d,\"bytes\":%d,\"messages\":%d}%n",
                file.toString().replace("\\", "\\\\").replace("\"", "\\\""),
                options.style().cliName(),
                options.format(),
                options.seed(),
                result.bytes(),
                result.messages());
        return 0;
    }

    private static ExportFormat formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".zip")) {
            return ExportFormat.ZIP;
        }
        return name.endsWith(".json") ? ExportFormat.TELEGRAM_JSON : ExportFormat.TXT;
    }

    private static String value(String[] args, int index, String name) {
        if (index >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[index];
    }

    private GeneratorCli() {}
}
