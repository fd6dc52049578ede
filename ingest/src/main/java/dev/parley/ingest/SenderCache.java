package dev.parley.ingest;

import java.util.Arrays;

/**
 * Authors repeat on nearly every line; this maps their raw bytes to one normalised String so that a message
 * costs no extra allocation for its sender. Direct-mapped and bounded (512 slots); a miss just decodes.
 */
final class SenderCache {

    private static final int SLOTS = 512;
    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];
    /** Ill-formed UTF-8 subparts in each key, counted again on every hit as if the name had been decoded. */
    private final int[] invalid = new int[SLOTS];

    String get(byte[] b, int from, int to, ParseContext context) {
        int hash = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            hash = (hash ^ b[i]) * 0x01000193;
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, b, from, to)) {
            context.invalidUtf8 += invalid[slot];
            return values[slot];
        }
        long before = context.invalidUtf8;
        String value = normalise(Utf8Text.decode(b, from, to - from, context));
        keys[slot] = Arrays.copyOfRange(b, from, to);
        values[slot] = value;
        invalid[slot] = (int) (context.invalidUtf8 - before);
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
