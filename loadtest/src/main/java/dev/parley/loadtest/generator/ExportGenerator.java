package dev.parley.loadtest.generator;

import dev.parley.ingest.MessageKind;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes a realistic, seeded chat export of a target size: a WhatsApp text export in one of the
 * {@link ExportStyle}s, a WhatsApp zip with a few small fake media files, or a Telegram Desktop
 * {@code result.json}.
 *
 * <p>Deterministic: the same {@link GeneratorOptions} give the same bytes on every run and machine.
 * Streaming: memory use is constant whatever the target size, so multi-GB exports are fine. Instances are
 * immutable and may be shared; each {@code writeTo} call starts the chat afresh.
 */
public final class ExportGenerator {

    private static final int BUFFER_BYTES = 1 << 20;

    private final GeneratorOptions options;

    private ExportGenerator(GeneratorOptions options) {
        this.options = options;
    }

    public static ExportGenerator create(GeneratorOptions options) {
        return new ExportGenerator(options);
    }

    public GeneratorOptions options() {
        return options;
    }

    /** Writes the export to {@code file}, replacing it. */
    public GenerationResult writeTo(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES)) {
            return writeTo(out);
        }
    }

    /** Writes the export to {@code out}, which is flushed but not closed. */
    public GenerationResult writeTo(OutputStream out) throws IOException {
        GenerationResult result = switch (options.format()) {
            case TXT -> writeWhatsAppText(out, null);
            case ZIP -> writeZip(out);
            case TELEGRAM_JSON -> writeTelegram(out);
        };
        out.flush();
        return result;
    }

    private GenerationResult writeWhatsAppText(OutputStream out, @Nullable List<String> attachments)
            throws IOException {
        Conversation conversation = new Conversation(options);
        WhatsAppRenderer renderer = new WhatsAppRenderer(options.style(), conversation.groupName(), options.crlf());
        return fill(out, conversation, renderer::render, 0, attachments);
    }

    private GenerationResult writeTelegram(OutputStream out) throws IOException {
        Conversation conversation = new Conversation(options);
        TelegramRenderer renderer = new TelegramRenderer(conversation.groupName(), conversation.senders());
        byte[] head = renderer.head().getBytes(StandardCharsets.UTF_8);
        byte[] tail = renderer.tail().getBytes(StandardCharsets.UTF_8);
        if (head.length + tail.length > options.targetBytes()) {
            throw new IllegalArgumentException("targetBytes too small for a Telegram export: " + options.targetBytes());
        }
        out.write(head);
        GenerationResult body = fill(out, conversation, renderer::render, head.length + tail.length, null);
        out.write(tail);
        return new GenerationResult(
                body.bytes() + head.length + tail.length, body.messages(), body.countsByKind(), List.of());
    }

    private GenerationResult writeZip(OutputStream out) throws IOException {
        List<String> attachments = new ArrayList<>();
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        String chatName = options.style() == ExportStyle.IOS
                ? "_chat.txt"
                : "WhatsApp Chat with " + new Conversation(options).groupName() + ".txt";
        zip.putNextEntry(entry(chatName));
        GenerationResult text = writeWhatsAppText(new NonClosing(zip), attachments);
        zip.closeEntry();
        SplittableRandom bytes = new SplittableRandom(options.seed() ^ 0x5EEDF11EL);
        for (String name : attachments) {
            zip.putNextEntry(entry(name));
            zip.write(FakeMedia.content(name, bytes));
            zip.closeEntry();
        }
        zip.finish();
        return new GenerationResult(text.bytes(), text.messages(), text.countsByKind(), attachments);
    }

    /** Entries carry the chat's start time rather than the clock's, so archives are byte-identical. */
    private ZipEntry entry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(options.start());
        return entry;
    }

    /**
     * Renders drafts until the next one would pass the target size; {@code reserved} bytes are kept for a
     * trailer. Attachment names referenced on the way are collected up to {@code mediaFiles}.
     */
    private GenerationResult fill(
            OutputStream out,
            Conversation conversation,
            Renderer renderer,
            long reserved,
            @Nullable List<String> attachments)
            throws IOException {
        long budget = options.targetBytes() - reserved;
        long written = 0;
        long messages = 0;
        long[] counts = new long[MessageKind.values().length];
        StringBuilder text = new StringBuilder(4096);
        long maxMessages = options.maxMessages() == 0 ? Long.MAX_VALUE : options.maxMessages();
        while (messages < maxMessages) {
            MessageDraft draft = conversation.next();
            text.setLength(0);
            renderer.render(draft, text);
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            if (written + bytes.length > budget) {
                break;
            }
            out.write(bytes);
            written += bytes.length;
            messages++;
            counts[draft.kind().ordinal()]++;
            if (attachments != null && draft.attachmentName() != null && attachments.size() < options.mediaFiles()) {
                attachments.add(draft.attachmentName());
            }
        }
        Map<MessageKind, Long> byKind = new EnumMap<>(MessageKind.class);
        for (MessageKind kind : MessageKind.values()) {
            byKind.put(kind, counts[kind.ordinal()]);
        }
        return new GenerationResult(written, messages, byKind, List.of());
    }

    @FunctionalInterface
    private interface Renderer {
        void render(MessageDraft draft, StringBuilder out);
    }

    /** Lets the text writer flush without closing the zip entry under it. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {}
    }
}
