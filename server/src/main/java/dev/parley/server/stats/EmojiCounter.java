package dev.parley.server.stats;

import java.text.BreakIterator;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts emojis as extended grapheme clusters (JDK 20+ {@link BreakIterator}), so a skin-toned hand, a ZWJ family
 * and a flag each count once as what people see. A cluster is an emoji when it starts with an Extended_Pictographic
 * code point (beyond Latin-1), is a regional-indicator pair (a flag), or is a keycap. Not thread-safe; bounded to
 * {@link #MAX_DISTINCT} distinct clusters.
 */
final class EmojiCounter {

    static final int MAX_DISTINCT = 10_000;

    private final BreakIterator clusters = BreakIterator.getCharacterInstance();
    private final Map<String, Long> counts = new HashMap<>();

    void add(String text) {
        if (text.chars().allMatch(c -> c < 0x80)) {
            return;
        }
        clusters.setText(text);
        int start = clusters.first();
        for (int end = clusters.next(); end != BreakIterator.DONE; start = end, end = clusters.next()) {
            if (isEmoji(text, start, end)) {
                String cluster = text.substring(start, end);
                if (counts.size() < MAX_DISTINCT || counts.containsKey(cluster)) {
                    counts.merge(cluster, 1L, Long::sum);
                }
            }
        }
    }

    List<ConversationStats.Ranked> top(int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .map(entry -> new ConversationStats.Ranked(entry.getKey(), entry.getValue()))
                .toList();
    }

    static boolean isEmoji(String text, int start, int end) {
        int first = text.codePointAt(start);
        if (Character.isExtendedPictographic(first)) {
            // © and ® are pictographic but plain Latin-1 text in practice
            return first > 0xFF;
        }
        if (first >= 0x1F1E6 && first <= 0x1F1FF) {
            return end - start >= 4;
        }
        // keycap: digit, # or * followed by (U+FE0F) U+20E3
        return text.lastIndexOf('\u20E3', end - 1) > start;
    }
}
