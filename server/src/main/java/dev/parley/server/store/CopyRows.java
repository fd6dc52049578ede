package dev.parley.server.store;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * One import's rows of a batch as a PostgreSQL binary COPY stream: the header, the tuples {@link CopyTuples} encoded,
 * the trailer. {@link #copyData()} may be sent any number of times (a batch that meets stored rows is copied again,
 * into a staging table). Not thread-safe: one batch is assembled by one thread.
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

    private final ByteBuf out;
    private int rows;

    CopyRows(int expectedBytes) {
        out = Unpooled.buffer(HEADER.length + expectedBytes);
        out.writeBytes(HEADER);
    }

    void add(byte[] tuple) {
        out.writeBytes(tuple);
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
}
