package dev.parley.server.messages;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A place between messages in {@code (sent_at, ordinal)} order and the way to read from it: {@code after} reads
 * newer messages (strictly after), otherwise older ones (strictly before). What a message cursor holds.
 */
record MessagePosition(boolean after, Instant sentAt, long ordinal) {

    byte[] toBytes() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, sentAt);
        return ByteBuffer.allocate(17)
                .put((byte) (after ? 'A' : 'B'))
                .putLong(micros)
                .putLong(ordinal)
                .array();
    }

    static MessagePosition fromBytes(ByteBuffer bytes) {
        if (bytes.remaining() != 17) {
            throw Cursors.invalid();
        }
        byte direction = bytes.get();
        long micros = bytes.getLong();
        long ordinal = bytes.getLong();
        if (direction != 'A' && direction != 'B') {
            throw Cursors.invalid();
        }
        return new MessagePosition(direction == 'A', Instant.EPOCH.plus(micros, ChronoUnit.MICROS), ordinal);
    }
}
