package dev.parley.loadtest.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checks the written text line by line against the header shape of its style. */
class WhatsAppShapeTest {

    private static final Pattern ANDROID_24H =
            Pattern.compile("^(\\d{1,2})/(\\d{1,2})/(\\d{2}), (\\d{2}):(\\d{2}) - (.*)$");
    private static final Pattern US_12H =
            Pattern.compile("^(\\d{1,2})/(\\d{1,2})/(\\d{2}), (\\d{1,2}):(\\d{2})\u202F(AM|PM) - (.*)$");
    private static final Pattern IOS =
            Pattern.compile("^\u200E?\\[(\\d{2})/(\\d{2})/(\\d{4}), (\\d{2}):(\\d{2}):(\\d{2})] (.*)$");

    /** Anything a lenient parser could take for a header: three numbers with date separators at the start. */
    private static final Pattern HEADER_LIKE =
            Pattern.compile("^[\u200E\u200F]*\\[?\\d{1,4}[-/.]\\s?\\d{1,4}[-/.]\\s?\\d{1,4}");

    @ParameterizedTest
    @EnumSource(ExportStyle.class)
    void everyLine_isAHeaderOfItsStyleOrAContinuation(ExportStyle style) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GenerationResult result = ExportGenerator.create(ExportGeneratorTest.options(style, 2 << 20))
                .writeTo(out);
        String text = out.toString(StandardCharsets.UTF_8);
        Pattern header = header(style);
        long headers = 0;
        long continuations = 0;
        long blankContinuations = 0;
        LocalDateTime previous = LocalDateTime.MIN;
        assertThat(text).endsWith("\n");
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            Matcher matcher = header.matcher(line);
            if (matcher.matches()) {
                LocalDateTime time = time(style, matcher); // throws on an invalid date such as 31/02
                assertThat(time).as(line).isAfterOrEqualTo(previous);
                assertThat(matcher.group(matcher.groupCount())).as(line).isNotBlank();
                previous = time;
                headers++;
            } else {
                assertThat(headers)
                        .as("a continuation needs a message before it: %s", line)
                        .isPositive();
                assertThat(line).as("continuation looks like a header").doesNotMatch(HEADER_LIKE + ".*");
                continuations++;
                if (line.isEmpty()) {
                    blankContinuations++;
                }
            }
        }
        assertThat(headers).isEqualTo(result.messages());
        assertThat(continuations).isPositive();
        assertThat(blankContinuations).isPositive();
    }

    @ParameterizedTest
    @EnumSource(ExportStyle.class)
    void text_holdsTheHardPartsOfRealExports(ExportStyle style) throws IOException {
        String text = new String(
                ExportGeneratorTest.generate(ExportGeneratorTest.options(style, 2 << 20)), StandardCharsets.UTF_8);

        assertThat(text)
                .containsPattern(": ~ \\S|] ~ \\S|- ~ \\S") // non-contacts
                .containsPattern("\\p{IsCyrillic}{3,}")
                .containsPattern("\\p{IsArabic}{3,}")
                .containsPattern("\\p{IsHan}{2,}")
                .containsPattern("\\p{IsDevanagari}{3,}")
                .contains("\u200D") // ZWJ sequences
                .contains("👍🏽") // skin tone
                .contains("🇩🇪") // flag
                .contains("http://")
                .contains("https://")
                .containsPattern("(?m)POLL:\\n.+\\nOPTION: .+ \\(\\d+ votes?\\)$")
                .contains("<This message was edited>")
                .contains("This message was deleted")
                .contains("You deleted this message")
                .contains("maps.google.com/?q=");
        switch (style) {
            case ANDROID_24H, US_12H ->
                assertThat(text)
                        .contains(": <Media omitted>")
                        .containsPattern("(?m)^[\\d/, :\u202FAMP]+ - [^:\\n]+ added [^:\\n]+$");
            case IOS ->
                assertThat(text)
                        .contains(": \u200Eimage omitted")
                        .containsPattern("(?m)^\u200E\\[[^]]+] [^:]+: \u200E.+ added .+$")
                        .containsPattern("(?m)^\u200E\\[[^]]+] [^:]+: \u200E.+ changed the subject to \"Trip: .+\"$");
        }
        if (style == ExportStyle.US_12H) {
            assertThat(text).contains("\u202FAM - ").contains("\u202FPM - ");
        }
    }

    private static Pattern header(ExportStyle style) {
        return switch (style) {
            case ANDROID_24H -> ANDROID_24H;
            case US_12H -> US_12H;
            case IOS -> IOS;
        };
    }

    private static LocalDateTime time(ExportStyle style, Matcher m) {
        return switch (style) {
            case ANDROID_24H -> LocalDateTime.of(2000 + num(m, 3), num(m, 2), num(m, 1), num(m, 4), num(m, 5));
            case US_12H -> {
                int hour = num(m, 4);
                assertThat(hour).isBetween(1, 12);
                int hour24 = hour % 12 + ("PM".equals(m.group(6)) ? 12 : 0);
                yield LocalDateTime.of(2000 + num(m, 3), num(m, 1), num(m, 2), hour24, num(m, 5));
            }
            case IOS -> LocalDateTime.of(num(m, 3), num(m, 2), num(m, 1), num(m, 4), num(m, 5), num(m, 6));
        };
    }

    private static int num(Matcher matcher, int group) {
        return Integer.parseInt(matcher.group(group));
    }
}
