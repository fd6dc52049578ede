package dev.parley.server.store;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Encodes {@code messages} rows as tuples of PostgreSQL's binary COPY format, in the column order of {@link
 * CopyRows#COLUMNS}. Binary input spares the database the text parsing of timestamps, UUIDs and numbers, the costliest
 * part of a COPY after the index updates. Not thread-safe: it reuses one scratch buffer and remembers the last
 * timestamps.
 */
final class CopyTuples {

    private static final short FIELDS = 10;
    private static final byte JSONB_VERSION = 1;

    // grows to the largest row encoded, which the parser bounds
    private final ByteBuf out = Unpooled.buffer(1024);
    // consecutive messages mostly share their minute: one entry each spares most of the parsing
    private @Nullable String lastSentAt;
    private long lastSentAtMicros;
    private @Nullable String lastLocalTime;
    private long lastLocalTimeMicros;

    /** The tuple of {@code row}: a new array of exactly its bytes. */
    byte[] encode(StoredMessage row) {
        out.clear();
        out.writeShort(FIELDS);
        uuid(row.conversationId());
        out.writeInt(8).writeLong(row.ordinal());
        out.writeInt(8).writeLong(sentAtMicros(row.sentAt()));
        out.writeInt(8).writeLong(localTimeMicros(row.localTime()));
        text(row.sender());
        text(row.kind());
        text(row.body());
        out.writeInt(1).writeByte(row.edited() ? 1 : 0);
        if (row.extra() == null) {
            out.writeInt(-1);
        } else {
            int length = out.writerIndex();
            out.writeInt(0).writeByte(JSONB_VERSION);
            out.setInt(length, 1 + ByteBufUtil.writeUtf8(out, row.extra()));
        }
        uuid(row.importId());
        return ByteBufUtil.getBytes(out);
    }

    private void uuid(UUID id) {
        out.writeInt(16).writeLong(id.getMostSignificantBits()).writeLong(id.getLeastSignificantBits());
    }

    private void text(@Nullable String value) {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        int length = out.writerIndex();
        out.writeInt(0);
        out.setInt(length, ByteBufUtil.writeUtf8(out, value));
    }

    private long sentAtMicros(String iso) {
        if (!iso.equals(lastSentAt)) {
            lastSentAtMicros = PgTimestamps.instant(iso);
            lastSentAt = iso;
        }
        return lastSentAtMicros;
    }

    private long localTimeMicros(String iso) {
        if (!iso.equals(lastLocalTime)) {
            lastLocalTimeMicros = PgTimestamps.localDateTime(iso);
            lastLocalTime = iso;
        }
        return lastLocalTimeMicros;
    }
}
