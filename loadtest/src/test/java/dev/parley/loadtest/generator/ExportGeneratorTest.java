package dev.parley.loadtest.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ingest.MessageKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExportGeneratorTest {

    private static final long ONE_MB = 1 << 20;

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void writeTo_givenSameSeed_writesIdenticalBytes(ExportFormat format) throws IOException {
        for (ExportStyle style : ExportStyle.values()) {
            GeneratorOptions options = options(style, ONE_MB).withFormat(format);

            byte[] first = generate(options);
            byte[] second = generate(options);

            assertThat(sha256(second)).as("%s %s", style, format).isEqualTo(sha256(first));
            assertThat(second).hasSameSizeAs(first);
        }
    }

    @ParameterizedTest
    @EnumSource(ExportStyle.class)
    void writeTo_givenOtherSeed_writesOtherChat(ExportStyle style) throws IOException {
        GeneratorOptions options = options(style, 64 * 1024);

        assertThat(sha256(generate(options.withSeed(7)))).isNotEqualTo(sha256(generate(options.withSeed(8))));
    }

    @ParameterizedTest
    @ValueSource(longs = {300, 4096, 100_000, 1 << 20, 3_333_333})
    void writeTo_givenTargetSize_fillsItWithoutPassingIt(long target) throws IOException {
        for (ExportStyle style : ExportStyle.values()) {
            for (ExportFormat format : EnumSet.of(ExportFormat.TXT, ExportFormat.TELEGRAM_JSON)) {
                GeneratorOptions options = options(style, target).withFormat(format);
                ByteArrayOutputStream out = new ByteArrayOutputStream();

                GenerationResult result = ExportGenerator.create(options).writeTo(out);

                assertThat(out.size()).as("%s %s", style, format).isEqualTo(result.bytes());
                assertThat(result.bytes()).isLessThanOrEqualTo(target);
                // stops short by less than the largest entry (a long paragraph or a Telegram message)
                assertThat(result.bytes()).isGreaterThan(target - 4096);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExportStyle.class)
    void writeTo_countsEveryEntryOnceByKind(ExportStyle style) throws IOException {
        GenerationResult result = ExportGenerator.create(options(style, ONE_MB)).writeTo(new ByteArrayOutputStream());

        assertThat(result.countsByKind().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(result.messages());
        assertThat(result.countsByKind())
                .hasEntrySatisfying(MessageKind.TEXT, count -> assertThat(count).isGreaterThan(result.messages() / 2))
                .hasEntrySatisfying(
                        MessageKind.MEDIA, count -> assertThat(count).isPositive())
                .hasEntrySatisfying(
                        MessageKind.SYSTEM, count -> assertThat(count).isPositive())
                .hasEntrySatisfying(
                        MessageKind.DELETED, count -> assertThat(count).isPositive())
                .hasEntrySatisfying(MessageKind.POLL, count -> assertThat(count).isPositive())
                .hasEntrySatisfying(
                        MessageKind.LOCATION, count -> assertThat(count).isPositive());
    }

    @ParameterizedTest
    @EnumSource(ExportStyle.class)
    void writeTo_givenSameSpan_writesAPrefixOfTheLaterExport(ExportStyle style) throws IOException {
        GeneratorOptions earlier = options(style, 300_000).withSpanBytes(10L << 30);
        GeneratorOptions later = earlier.withTargetBytes(600_000);

        byte[] first = generate(earlier);
        byte[] second = generate(later);

        assertThat(second).hasSizeGreaterThan(first.length);
        assertThat(Arrays.copyOf(second, first.length)).isEqualTo(first);
    }

    @ParameterizedTest
    @EnumSource(ExportStyle.class)
    void writeTo_givenMaxMessages_stopsThere(ExportStyle style) throws IOException {
        GeneratorOptions options = options(style, ONE_MB).withMaxMessages(1234);

        GenerationResult result = ExportGenerator.create(options).writeTo(new ByteArrayOutputStream());

        assertThat(result.messages()).isEqualTo(1234);
        assertThat(result.bytes()).isLessThan(ONE_MB / 2);
    }

    @ParameterizedTest
    @EnumSource(ExportStyle.class)
    void writeTo_givenTinyTarget_writesNothingRatherThanTooMuch(ExportStyle style) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        GenerationResult result = ExportGenerator.create(options(style, 10)).writeTo(out);

        assertThat(result.messages()).isZero();
        assertThat(out.size()).isZero();
    }

    @ParameterizedTest
    @EnumSource(ExportStyle.class)
    void writeTo_givenCrlf_endsEveryLineWithCrlf(ExportStyle style) throws IOException {
        String text = new String(generate(options(style, 256 * 1024).withCrlf(true)), StandardCharsets.UTF_8);

        assertThat(text).contains("\r\n").doesNotContainPattern("[^\r]\n");
    }

    @ParameterizedTest
    @EnumSource(ExportStyle.class)
    void options_rejectNonsense(ExportStyle style) {
        GeneratorOptions options = options(style, 1);

        assertThatThrownBy(() -> options.withTargetBytes(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.withParticipants(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.withMediaFiles(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    static GeneratorOptions options(ExportStyle style, long target) {
        return GeneratorOptions.defaults().withStyle(style).withSeed(42).withTargetBytes(target);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] generate(GeneratorOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportGenerator.create(options).writeTo(out);
        return out.toByteArray();
    }
}
