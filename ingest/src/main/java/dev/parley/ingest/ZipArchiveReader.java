package dev.parley.ingest;

import dev.parley.ingest.ParseException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * Reads a spooled ZIP export: checks the caps on entry count and declared total size, finds the chat entry
 * ({@code _chat.txt}, {@code result.json}, a {@code WhatsApp… .txt} in any language, or the only {@code .txt}),
 * skipping {@code __MACOSX/} and unsafe names, then inflates only that entry, counting inflated bytes against the
 * entry and ratio caps, and parses it like a plain upload (nested archives are refused). Other entries are never
 * inflated: their names serve to mark {@link Attachment#present()} through the archive's table of contents.
 */
final class ZipArchiveReader implements AutoCloseable {

    private static final int BLOCK = 64 * 1024;
    private static final long RATIO_GRACE_BYTES = 1 << 20;

    private final ZipFile zip;
    private final ParseContext context;
    private final ParseSession session;
    private final InputStream in;
    private final long compressed;
    private final byte[] block = new byte[BLOCK];
    private long inflated;
    private boolean done;

    private ZipArchiveReader(ZipFile zip, ZipEntry entry, ParseContext context) throws IOException {
        this.zip = zip;
        this.context = context;
        this.session = new ParseSession(context, true);
        this.in = zip.getInputStream(entry);
        this.compressed = Math.max(1, entry.getCompressedSize());
    }

    static Flux<ParseEvent> read(Path path, ParseContext context) {
        return Flux.using(
                        () -> open(path, context),
                        reader -> Flux.<List<Object>>generate(sink -> {
                            List<Object> batch = reader.next();
                            if (batch == null) {
                                sink.complete();
                            } else {
                                sink.next(batch);
                            }
                        }),
                        ZipArchiveReader::close)
                .concatMapIterable(ParseEvents::of, 1);
    }

    private static ZipArchiveReader open(Path path, ParseContext context) {
        ParseLimits limits = context.limits;
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw truncated(e);
        } catch (IOException e) {
            throw new ParseException(Reason.IO_ERROR, "The uploaded archive could not be opened.", e);
        }
        try {
            if (zip.size() > limits.maxArchiveEntries()) {
                throw limit(
                        "it has " + zip.size() + " entries, more than the " + limits.maxArchiveEntries() + " allowed");
            }
            ZipEntry chat = null;
            int rank = Integer.MAX_VALUE;
            int texts = 0;
            ZipEntry onlyText = null;
            long declared = 0;
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                declared += Math.max(0, entry.getSize());
                if (declared > limits.maxTotalBytes()) {
                    throw limit("its entries add up to more than " + (limits.maxTotalBytes() >> 20) + " MB");
                }
                String name = entry.getName();
                if (entry.isDirectory()
                        || !safe(name)
                        || name.startsWith("__MACOSX/")
                        || base(name).startsWith("._")) {
                    continue;
                }
                String lower = base(name).toLowerCase(Locale.ROOT);
                int r = lower.equals("_chat.txt")
                        ? 0
                        : lower.equals("result.json")
                                ? 1
                                : lower.endsWith(".txt") && lower.contains("whatsapp") ? 2 : 9;
                if (lower.endsWith(".txt")) {
                    texts++;
                    onlyText = entry;
                }
                if (r < rank || (r == rank && chat != null && depth(name) < depth(chat.getName()))) {
                    rank = r;
                    chat = entry;
                }
            }
            if (rank == 9) {
                chat = texts == 1 ? onlyText : null;
            }
            if (chat == null) {
                throw new ParseException(
                        Reason.NO_CHAT_IN_ARCHIVE,
                        "This ZIP archive holds no chat: no _chat.txt, \"WhatsApp Chat … .txt\" or Telegram"
                                + " result.json was found.");
            }
            if (chat.getSize() > limits.maxEntryBytes()) {
                throw limit("its chat text is larger than " + (limits.maxEntryBytes() >> 20) + " MB");
            }
            String directory = chat.getName().substring(0, chat.getName().lastIndexOf('/') + 1);
            context.archiveEntry = chat.getName();
            context.attachmentPresent = fileName -> present(zip, directory, fileName);
            return new ZipArchiveReader(zip, chat, context);
        } catch (IOException e) {
            close(zip);
            throw truncated(e);
        } catch (RuntimeException e) {
            close(zip);
            throw e;
        }
    }

    /** The next batch of events, the final batch with the report, or null when done. */
    @Nullable
    List<Object> next() {
        if (done) {
            return null;
        }
        try {
            int n = in.read(block);
            if (n < 0) {
                done = true;
                return session.finishText();
            }
            inflated += n;
            if (inflated > context.limits.maxEntryBytes()) {
                throw limit("its chat text inflates to more than " + (context.limits.maxEntryBytes() >> 20) + " MB");
            }
            if (inflated > RATIO_GRACE_BYTES && inflated / compressed > context.limits.maxCompressionRatio()) {
                throw limit("its chat text is compressed more than " + context.limits.maxCompressionRatio()
                        + " to 1, like a zip bomb");
            }
            session.process(block, 0, n);
            return context.drain();
        } catch (IOException e) {
            return failed(truncated(e));
        } catch (ParseException e) {
            return failed(e);
        }
    }

    private List<Object> failed(ParseException e) {
        done = true;
        List<Object> out = context.drain();
        out.add(e);
        return out;
    }

    private static boolean present(ZipFile zip, String directory, String fileName) {
        if (!safe(fileName)) {
            return false;
        }
        ZipEntry entry = zip.getEntry(directory + fileName);
        if (entry == null && !directory.isEmpty()) {
            entry = zip.getEntry(fileName);
        }
        return entry != null && !entry.isDirectory();
    }

    /** Rejects zip-slip names: absolute paths, drive letters, backslashes and {@code ..} segments. */
    static boolean safe(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            return false;
        }
        if (name.length() > 1 && name.charAt(1) == ':') {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static String base(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static int depth(String name) {
        return (int) name.chars().filter(c -> c == '/').count();
    }

    private static ParseException truncated(IOException e) {
        String why = e instanceof EOFException ? "it ends early" : "it is incomplete or damaged";
        return new ParseException(
                Reason.TRUNCATED_ARCHIVE,
                "This ZIP archive cannot be read: " + why + ". Upload the complete export again.",
                e);
    }

    private static ParseException limit(String why) {
        return new ParseException(Reason.ARCHIVE_LIMIT_EXCEEDED, "This ZIP archive is refused: " + why + ".");
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing the archive below releases everything
        }
        close(zip);
    }

    private static void close(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // a read-only temporary file; nothing to recover
        }
    }
}
