package dev.parley.server.enrichment.sentiment;

import java.util.Map;

/**
 * Replaces emoji with their Unicode (CLDR) names so the lexicon can score them, as VADER 3.3 does with its
 * {@code emoji_utf8_lexicon}. Covers the emoji most frequent in chat; hearts additionally carry "love", because
 * their names ("red heart") hold no lexicon word and chats use them for exactly that.
 */
final class Emoji {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x1F602, "face with tears of joy"),
            Map.entry(0x1F923, "rolling on the floor laughing"),
            Map.entry(0x1F600, "grinning face"),
            Map.entry(0x1F603, "grinning face with big eyes"),
            Map.entry(0x1F604, "grinning face with smiling eyes"),
            Map.entry(0x1F601, "beaming face with smiling eyes"),
            Map.entry(0x1F606, "grinning squinting face laughing"),
            Map.entry(0x1F605, "grinning face with sweat"),
            Map.entry(0x1F642, "slightly smiling face"),
            Map.entry(0x1F60A, "smiling face with smiling eyes"),
            Map.entry(0x1F607, "smiling face with halo"),
            Map.entry(0x1F60D, "smiling face with heart-eyes love"),
            Map.entry(0x1F970, "smiling face with hearts love"),
            Map.entry(0x1F618, "face blowing a kiss"),
            Map.entry(0x1F609, "winking face"),
            Map.entry(0x1F60E, "smiling face with sunglasses"),
            Map.entry(0x1F917, "hugging face"),
            Map.entry(0x1F914, "thinking face"),
            Map.entry(0x1F610, "neutral face"),
            Map.entry(0x1F644, "face with rolling eyes"),
            Map.entry(0x1F60F, "smirking face"),
            Map.entry(0x1F614, "pensive face"),
            Map.entry(0x1F622, "crying face"),
            Map.entry(0x1F62D, "loudly crying face"),
            Map.entry(0x1F61E, "disappointed face"),
            Map.entry(0x1F61F, "worried face"),
            Map.entry(0x1F641, "slightly frowning face"),
            Map.entry(0x2639, "frowning face"),
            Map.entry(0x1F620, "angry face"),
            Map.entry(0x1F621, "pouting face angry"),
            Map.entry(0x1F92C, "face with symbols on mouth angry"),
            Map.entry(0x1F631, "face screaming in fear"),
            Map.entry(0x1F628, "fearful face"),
            Map.entry(0x1F629, "weary face"),
            Map.entry(0x1F62C, "grimacing face"),
            Map.entry(0x1F633, "flushed face"),
            Map.entry(0x1F97A, "pleading face"),
            Map.entry(0x1F922, "nauseated face"),
            Map.entry(0x1F92E, "face vomiting"),
            Map.entry(0x1F634, "sleeping face"),
            Map.entry(0x1F615, "confused face"),
            Map.entry(0x1F60C, "relieved face"),
            Map.entry(0x2764, "red heart love"),
            Map.entry(0x1F495, "two hearts love"),
            Map.entry(0x1F496, "sparkling heart love"),
            Map.entry(0x1F499, "blue heart love"),
            Map.entry(0x1F49C, "purple heart love"),
            Map.entry(0x1F49A, "green heart love"),
            Map.entry(0x1F494, "broken heart"),
            Map.entry(0x1F44D, "thumbs up good"),
            Map.entry(0x1F44E, "thumbs down bad"),
            Map.entry(0x1F44F, "clapping hands"),
            Map.entry(0x1F64F, "folded hands pray"),
            Map.entry(0x1F64C, "raising hands celebration"),
            Map.entry(0x1F389, "party popper"),
            Map.entry(0x1F525, "fire"),
            Map.entry(0x1F4AF, "hundred points"),
            Map.entry(0x2728, "sparkles"),
            Map.entry(0x1F480, "skull"),
            Map.entry(0x1F4A9, "pile of poo"));

    private Emoji() {}

    /** {@code text} with each known emoji replaced by its name between spaces; the same string when it has none. */
    static String describe(String text) {
        int length = text.length();
        int k = 0;
        while (k < length && text.charAt(k) < 0x2600) {
            k++;
        }
        if (k == length) {
            return text;
        }
        StringBuilder out = new StringBuilder(length + 32).append(text, 0, k);
        while (k < length) {
            int cp = text.codePointAt(k);
            String name = cp >= 0x2600 ? NAMES.get(cp) : null;
            if (name != null) {
                out.append(' ').append(name).append(' ');
            } else if (cp != 0xFE0F) {
                out.appendCodePoint(cp);
            }
            k += Character.charCount(cp);
        }
        return out.toString();
    }
}
