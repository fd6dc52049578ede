package dev.parley.loadtest.generator;

import dev.parley.ingest.MessageKind;
import java.util.List;
import java.util.Map;

/**
 * What one generator run wrote.
 *
 * @param bytes size of the chat text (TXT, and the text entry of a ZIP) or of the JSON document
 * @param messages number of entries written: every one starts with a header (WhatsApp) or is one element of
 *     {@code messages} (Telegram), system lines included
 * @param countsByKind entries per intended kind; sums to {@code messages}
 * @param archivedFiles for ZIP, the names of the entries beside the chat text, in archive order
 */
public record GenerationResult(
        long bytes, long messages, Map<MessageKind, Long> countsByKind, List<String> archivedFiles) {

    public GenerationResult {
        countsByKind = Map.copyOf(countsByKind);
        archivedFiles = List.copyOf(archivedFiles);
    }
}
