package dev.parley.loadtest.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

class ZipAndTelegramTest {

    @ParameterizedTest
    @EnumSource(ExportStyle.class)
    void zip_holdsTheChatTextAndTheFirstReferencedMediaFiles(ExportStyle style) throws IOException {
        GeneratorOptions options = ExportGeneratorTest.options(style, 512 * 1024)
                .withFormat(ExportFormat.ZIP)
                .withMediaFiles(4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        GenerationResult result = ExportGenerator.create(options).writeTo(out);

        Map<String, byte[]> entries = unzip(out.toByteArray());
        String chatName = style == ExportStyle.IOS ? "_chat.txt" : "WhatsApp Chat with ";
        List<String> names = new ArrayList<>(entries.keySet());
        assertThat(names.getFirst()).startsWith(chatName).endsWith(".txt");
        assertThat(names.subList(1, names.size())).containsExactlyElementsOf(result.archivedFiles());
        assertThat(result.archivedFiles()).hasSize(4);
        String chat = new String(entries.get(names.getFirst()), StandardCharsets.UTF_8);
        assertThat(chat.getBytes(StandardCharsets.UTF_8)).hasSize((int) result.bytes());
        for (String media : result.archivedFiles()) {
            String reference = style == ExportStyle.IOS ? "<attached: " + media + ">" : media + " (file attached)";
            assertThat(chat).contains(reference);
            assertThat(entries.get(media)).hasSizeGreaterThan(500);
        }
        assertThat(chat).doesNotContain("<Media omitted>").doesNotContain("image omitted");
    }

    @Test
    void zip_givenSameSeed_isByteIdentical() throws IOException {
        GeneratorOptions options =
                ExportGeneratorTest.options(ExportStyle.IOS, 256 * 1024).withFormat(ExportFormat.ZIP);

        assertThat(ExportGeneratorTest.sha256(ExportGeneratorTest.generate(options)))
                .isEqualTo(ExportGeneratorTest.sha256(ExportGeneratorTest.generate(options)));
    }

    @Test
    void telegram_writesAResultJsonWithOneElementPerMessage() throws IOException {
        GeneratorOptions options =
                ExportGeneratorTest.options(ExportStyle.ANDROID_24H, 1 << 20).withFormat(ExportFormat.TELEGRAM_JSON);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        GenerationResult result = ExportGenerator.create(options).writeTo(out);

        ObjectMapper mapper = JsonMapper.builder().build();
        JsonNode root = mapper.readTree(out.toByteArray());
        JsonNode messages = root.get("messages");
        assertThat(root.get("type").asString()).isEqualTo("private_group");
        assertThat(messages.size()).isEqualTo((int) result.messages());
        long previousTime = 0;
        int mixedTexts = 0;
        int services = 0;
        int polls = 0;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            assertThat(message.get("id").asLong()).isEqualTo(i + 1);
            long time = Long.parseLong(message.get("date_unixtime").asString());
            assertThat(time).isGreaterThanOrEqualTo(previousTime);
            assertThat(message.get("date").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
            previousTime = time;
            if (message.get("text").isArray()) {
                mixedTexts++;
                assertThat(message.get("text").toString()).contains("\"type\":\"link\"");
            }
            if ("service".equals(message.get("type").asString())) {
                services++;
                assertThat(message.has("actor")).isTrue();
            } else {
                assertThat(message.get("from").asString()).isNotBlank();
            }
            if (message.has("poll")) {
                polls++;
            }
        }
        assertThat(mixedTexts).isPositive();
        assertThat(services).isPositive();
        assertThat(polls).isPositive();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
