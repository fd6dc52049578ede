package dev.parley.ingest;

import dev.parley.ingest.ParseReport.DateOrderSource;
import dev.parley.ingest.ParseReport.SkipReason;
import dev.parley.ingest.ParseReport.SkippedLine;
import dev.parley.ingest.ParseReport.Variant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Per-parse mutable state shared by the stages: the output batch, ordinals and the report being built. */
final class ParseContext {

    private static final int TEXT = MessageKind.TEXT.ordinal();

    final ParseOptions options;
    final ParseLimits limits;
    private List<Object> out = new ArrayList<>();
    private long ordinal;
    private final long[] counts = new long[MessageKind.values().length];
    private long skippedLines;
    private final List<SkippedLine> skipped = new ArrayList<>();

    ChatFormat format = ChatFormat.AUTO;

    @Nullable
    Variant variant;

    boolean archive;

    @Nullable
    String archiveEntry;

    DateOrder dateOrder = DateOrder.AUTO;
    DateOrderSource dateOrderSource = DateOrderSource.NOT_APPLICABLE;
    long bytes;
    long invalidUtf8;
    /** Whether the archive being parsed holds a file of that name; always false for plain input. */
    Predicate<String> attachmentPresent = name -> false;

    ParseContext(ParseOptions options) {
        this.options = options;
        this.limits = options.limits();
    }

    long nextOrdinal() {
        return ordinal++;
    }

    void emit(ChatMessage message) {
        out.add(message);
        // most messages are text: an exact class test spares them the interface call
        counts[message instanceof TextMessage ? TEXT : message.kind().ordinal()]++;
    }

    void fail(ParseException error) {
        out.add(error);
    }

    void skip(long line, SkipReason reason, long lines) {
        skippedLines += lines;
        if (skipped.size() < limits.maxSkippedLinesReported()) {
            skipped.add(new SkippedLine(line, reason));
        }
    }

    /** Hands over the events produced since the last call. */
    List<Object> drain() {
        List<Object> batch = out;
        out = new ArrayList<>();
        return batch;
    }

    ParseReport report() {
        Map<MessageKind, Long> byKind = new EnumMap<>(MessageKind.class);
        for (MessageKind kind : MessageKind.values()) {
            byKind.put(kind, counts[kind.ordinal()]);
        }
        Variant v = variant != null ? variant : Variant.WHATSAPP_ANDROID;
        return new ParseReport(
                format,
                v,
                archive,
                archiveEntry,
                dateOrder == DateOrder.AUTO ? DateOrder.DMY : dateOrder,
                dateOrderSource,
                ordinal,
                byKind,
                skippedLines,
                skipped,
                bytes,
                invalidUtf8);
    }
}
