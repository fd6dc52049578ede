package dev.parley.server.database;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.r2dbc.postgresql.client.EncodedParameter;
import io.r2dbc.postgresql.codec.Codec;
import io.r2dbc.postgresql.codec.CodecMetadata;
import io.r2dbc.postgresql.codec.PostgresqlObjectId;
import io.r2dbc.postgresql.message.Format;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * PostgreSQL's binary {@code timestamp}, {@code timestamptz} and {@code date} as {@code java.time} values, both ways:
 * microseconds (days for {@code date}) since 2000-01-01, UTC for {@code timestamptz}, on the proleptic Gregorian
 * calendar that both PostgreSQL and {@code java.time} use; {@code ±infinity} as the type's {@code MAX}/{@code MIN}.
 *
 * <p>r2dbc-postgresql 1.1.3 decodes a binary {@code timestamp} before 2000 with a fraction of a second into a negative
 * nano-of-second and throws, shifts dates before 1582-10-15 by the Julian calendar, and reads the JVM's zone for
 * every {@code timestamptz}. One instance per Java type ({@link #type()}), plus one for untyped reads
 * ({@code Row.get(name)}, which the driver answers with {@code LocalDateTime}, {@code OffsetDateTime} and
 * {@code LocalDate}). Registered first, they take the driver's per-type lookup cache, which is keyed by
 * {@link CodecMetadata#type()} for encoding as well: so each also encodes its type, in binary. Text results still go
 * to the driver's codecs. Thread-safe, stateless.
 */
final class BinaryTimeCodec implements Codec<Object>, CodecMetadata {

    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;
    private static final long POSTGRES_EPOCH_DAY = 10_957L;
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private static final int TIMESTAMP = PostgresqlObjectId.TIMESTAMP.getObjectId();
    private static final int TIMESTAMPTZ = PostgresqlObjectId.TIMESTAMPTZ.getObjectId();
    private static final int DATE = PostgresqlObjectId.DATE.getObjectId();

    private final Class<?> type;
    private final Set<PostgresqlObjectId> dataTypes;
    private final ByteBufAllocator allocator;

    private BinaryTimeCodec(Class<?> type, Set<PostgresqlObjectId> dataTypes, ByteBufAllocator allocator) {
        this.type = type;
        this.dataTypes = dataTypes;
        this.allocator = allocator;
    }

    /** The codecs of every type this class handles, untyped reads last. */
    static List<BinaryTimeCodec> all(ByteBufAllocator allocator) {
        return List.of(
                new BinaryTimeCodec(Instant.class, Set.of(PostgresqlObjectId.TIMESTAMPTZ), allocator),
                new BinaryTimeCodec(OffsetDateTime.class, Set.of(PostgresqlObjectId.TIMESTAMPTZ), allocator),
                new BinaryTimeCodec(LocalDateTime.class, Set.of(PostgresqlObjectId.TIMESTAMP), allocator),
                new BinaryTimeCodec(LocalDate.class, Set.of(PostgresqlObjectId.DATE), allocator),
                new BinaryTimeCodec(
                        Object.class,
                        Set.of(PostgresqlObjectId.TIMESTAMP, PostgresqlObjectId.TIMESTAMPTZ, PostgresqlObjectId.DATE),
                        allocator));
    }

    @Override
    public Class<?> type() {
        return type;
    }

    @Override
    public Iterable<PostgresqlObjectId> getDataTypes() {
        return dataTypes;
    }

    @Override
    public Iterable<Format> getFormats() {
        return Set.of(Format.FORMAT_BINARY);
    }

    @Override
    public boolean canDecode(int dataType, Format format, Class<?> requested) {
        return format == Format.FORMAT_BINARY && requested == type && handles(dataType);
    }

    private boolean handles(int dataType) {
        for (PostgresqlObjectId id : dataTypes) {
            if (id.getObjectId() == dataType) {
                return true;
            }
        }
        return false;
    }

    @Override
    public @Nullable Object decode(
            @Nullable ByteBuf buffer, int dataType, Format format, Class<? extends Object> requested) {
        if (buffer == null) {
            return null;
        }
        if (format != Format.FORMAT_BINARY || !handles(dataType)) {
            throw new IllegalArgumentException("cannot decode type " + dataType + " in " + format + " as " + type);
        }
        if (dataType == DATE) {
            return date(buffer.readInt());
        }
        long micros = buffer.readLong();
        if (dataType == TIMESTAMP) {
            return localDateTime(micros);
        }
        return type == Instant.class ? instant(micros) : offsetDateTime(micros);
    }

    static Instant instant(long micros) {
        if (micros == Long.MAX_VALUE) {
            return Instant.MAX;
        }
        if (micros == Long.MIN_VALUE) {
            return Instant.MIN;
        }
        // floor division: a time before 2000 has a negative count but a non-negative fraction of its second
        return Instant.ofEpochSecond(
                POSTGRES_EPOCH_SECOND + Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1000);
    }

    static LocalDateTime localDateTime(long micros) {
        if (micros == Long.MAX_VALUE) {
            return LocalDateTime.MAX;
        }
        if (micros == Long.MIN_VALUE) {
            return LocalDateTime.MIN;
        }
        return LocalDateTime.ofEpochSecond(
                POSTGRES_EPOCH_SECOND + Math.floorDiv(micros, MICROS_PER_SECOND),
                (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000,
                ZoneOffset.UTC);
    }

    private static OffsetDateTime offsetDateTime(long micros) {
        if (micros == Long.MAX_VALUE) {
            return OffsetDateTime.MAX;
        }
        if (micros == Long.MIN_VALUE) {
            return OffsetDateTime.MIN;
        }
        return instant(micros).atOffset(ZoneOffset.UTC);
    }

    static LocalDate date(int days) {
        if (days == Integer.MAX_VALUE) {
            return LocalDate.MAX;
        }
        if (days == Integer.MIN_VALUE) {
            return LocalDate.MIN;
        }
        return LocalDate.ofEpochDay(POSTGRES_EPOCH_DAY + days);
    }

    @Override
    public boolean canEncode(Object value) {
        return type != Object.class && type.isInstance(value);
    }

    @Override
    public boolean canEncodeNull(Class<?> requested) {
        return type != Object.class && requested == type;
    }

    @Override
    public EncodedParameter encode(Object value) {
        return switch (value) {
            case Instant instant -> eightBytes(TIMESTAMPTZ, micros(instant));
            case OffsetDateTime time -> eightBytes(TIMESTAMPTZ, micros(time));
            case LocalDateTime time -> eightBytes(TIMESTAMP, micros(time));
            case LocalDate date -> {
                int days = days(date);
                yield new EncodedParameter(
                        Format.FORMAT_BINARY,
                        DATE,
                        Mono.fromSupplier(() -> allocator.buffer(4).writeInt(days)));
            }
            default ->
                throw new IllegalArgumentException(
                        "cannot encode " + value.getClass().getName());
        };
    }

    /** The same as {@link #encode(Object)}: PostgreSQL casts the value where the statement expects another type. */
    @Override
    public EncodedParameter encode(Object value, int dataType) {
        return encode(value);
    }

    @Override
    public EncodedParameter encodeNull() {
        int oid = type == LocalDateTime.class ? TIMESTAMP : type == LocalDate.class ? DATE : TIMESTAMPTZ;
        return new EncodedParameter(Format.FORMAT_BINARY, oid, EncodedParameter.NULL_VALUE);
    }

    private EncodedParameter eightBytes(int oid, long value) {
        return new EncodedParameter(
                Format.FORMAT_BINARY,
                oid,
                Mono.fromSupplier(() -> allocator.buffer(8).writeLong(value)));
    }

    /** Rounded to the nearest microsecond, halves up, as the message store rounds; PostgreSQL keeps no finer. */
    static long micros(Instant instant) {
        if (instant.equals(Instant.MAX)) {
            return Long.MAX_VALUE;
        }
        if (instant.equals(Instant.MIN)) {
            return Long.MIN_VALUE;
        }
        return micros(instant.getEpochSecond(), instant.getNano());
    }

    private static long micros(OffsetDateTime time) {
        if (time.equals(OffsetDateTime.MAX)) {
            return Long.MAX_VALUE;
        }
        if (time.equals(OffsetDateTime.MIN)) {
            return Long.MIN_VALUE;
        }
        return micros(time.toEpochSecond(), time.getNano());
    }

    static long micros(LocalDateTime time) {
        if (time.equals(LocalDateTime.MAX)) {
            return Long.MAX_VALUE;
        }
        if (time.equals(LocalDateTime.MIN)) {
            return Long.MIN_VALUE;
        }
        return micros(time.toEpochSecond(ZoneOffset.UTC), time.getNano());
    }

    private static long micros(long epochSecond, int nanos) {
        return Math.addExact(
                Math.multiplyExact(epochSecond - POSTGRES_EPOCH_SECOND, MICROS_PER_SECOND), (nanos + 500) / 1000);
    }

    private static int days(LocalDate date) {
        if (date.equals(LocalDate.MAX)) {
            return Integer.MAX_VALUE;
        }
        if (date.equals(LocalDate.MIN)) {
            return Integer.MIN_VALUE;
        }
        return Math.toIntExact(date.toEpochDay() - POSTGRES_EPOCH_DAY);
    }

    @Override
    public String toString() {
        return "BinaryTimeCodec[" + type.getSimpleName() + "]";
    }
}
