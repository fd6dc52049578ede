package dev.parley.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Authors repeat on nearly every line; this maps their raw bytes to one normalised String so that a message
 * costs no extra allocation for its sender. Direct-mapped and bounded (512 slots); a miss just decodes.
 */
final class SenderCache {

    private static final int SLOTS = 512;
    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    String get(byte[] b, int from, int to) {
        int hash = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            hash = (hash ^ b[i]) * 0x01000193;
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, b, from, to)) {
            return values[slot];
        }
        String value = normalise(new String(b, from, to - from, StandardCharsets.UTF_8));
        keys[slot] = Arrays.copyOfRange(b, from, to);
        values[slot] = value;
        return value;
    }

    /** Strips direction marks and the "~ " WhatsApp puts before people who are not in the contacts. */
    static String normalise(String raw) {
        String name = WhatsAppMessages.stripMarks(raw);
        if (name.length() > 1 && name.charAt(0) == '~') {
            int i = 1;
            while (i < name.length()
                    && (name.charAt(i) == ' ' || name.charAt(i) == '\u00A0' || name.charAt(i) == '\u202F')) {
                i++;
            }
            name = WhatsAppMessages.stripMarks(name.substring(i));
        }
        return name;
    }
}
