package dev.parley.server.store;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Rows in PostgreSQL's COPY text format: tab-separated, {@code \N} for null, backslash escapes. */
final class CopyRows {

    private CopyRows() {}

    static byte[] encode(List<StoredMessage> rows) {
        var out = new StringBuilder(rows.size() * 160);
        for (StoredMessage r : rows) {
            out.append(r.conversationId()).append('\t');
            out.append(r.ordinal()).append('\t');
            field(out, r.sentAt()).append('\t');
            field(out, r.localTime()).append('\t');
            field(out, r.sender()).append('\t');
            field(out, r.kind()).append('\t');
            field(out, r.body()).append('\t');
            out.append(r.edited() ? 't' : 'f').append('\t');
            field(out, r.extra()).append('\t');
            out.append(r.importId()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder field(StringBuilder out, @Nullable String value) {
        if (value == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out;
    }
}
