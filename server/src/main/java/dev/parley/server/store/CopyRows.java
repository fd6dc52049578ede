package dev.parley.server.store;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code messages} rows in PostgreSQL's binary COPY format, in the column order of {@link #COLUMNS}. Binary input
 * spares the database the text parsing of timestamps, UUIDs and numbers, the costliest part of a COPY after the
 * index updates. {@link #copyData()} is a complete COPY stream (header, tuples, trailer) and may be sent any number
 * of times. Not thread-safe: one batch is encoded by one thread.
 */
final class CopyRows {

    static final String COLUMNS =
            "(conversation_id, ordinal, sent_at, local_time, sender, kind, body, edited, extra, import_id)";

    private static final byte[] HEADER = {
        'P',
        'G',
        'C',
        'O',
        'P',
        'Y',
        '\n',
        (byte) 0xff,
        '\r',
        '\n',
        0, // signature
        0,
        0,
        0,
        0, // flags: no OIDs
        0,
        0,
        0,
        0 // no header extension
    };
    private static final short FIELDS = 10;
    private static final byte JSONB_VERSION = 1;

    private final ByteBuf out;
    private int rows;
    // consecutive messages mostly share their minute: one entry each spares most of the parsing
    private @Nullable String lastSentAt;
    private long lastSentAtMicros;
    private @Nullable String lastLocalTime;
    private long lastLocalTimeMicros;

    CopyRows(int expectedRows) {
        out = Unpooled.buffer(HEADER.length + expectedRows * 160 + 2);
        out.writeBytes(HEADER);
    }

    void add(StoredMessage row) {
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
        rows++;
    }

    int rows() {
        return rows;
    }

    /** The whole COPY stream: a new buffer over the same bytes, released by whoever sends it. */
    ByteBuf copyData() {
        ByteBuf trailer = Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff});
        return Unpooled.wrappedBuffer(
                Unpooled.wrappedBuffer(out.array(), out.arrayOffset(), out.writerIndex()), trailer);
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
