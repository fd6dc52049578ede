package dev.parley.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.parley.loadtest.generator.ExportGenerator;
import dev.parley.loadtest.generator.GenerationResult;
import dev.parley.loadtest.generator.GeneratorOptions;
import dev.parley.server.testing.ParleyIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reader's virtualized list at 100k+ messages in real headless Chromium, against the same scroll over a 1k-message
 * conversation in the same run: frame deltas (requestAnimationFrame) while scrolling continuously top to bottom, long
 * tasks, DOM size and JS heap (Chrome DevTools Protocol), and how long jumps to a date take. A benchmark, not a test:
 * its name matches no test pattern, so {@code ./mvnw verify} never runs it; {@code loadtest/bin/browser-scroll.sh}
 * does, and prints {@code target/browser-bench/results.md}. Tunables: {@code -Dbench.messages} (100000),
 * {@code -Dbench.step} (pixels per frame, 400), {@code -Dbench.reference.passes} (20).
 */
@ParleyIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReaderScrollBenchmark {

    private static final Path WORK = Path.of("target", "browser-bench");
    private static final int MESSAGES = Integer.getInteger("bench.messages", 100_000);
    private static final int STEP = Integer.getInteger("bench.step", 400);
    private static final int REFERENCE_PASSES = Integer.getInteger("bench.reference.passes", 20);
    private static final int JUMPS = 12;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<String> report = new ArrayList<>();
    private BrowserContext context;
    private Page page;
    private CDPSession cdp;
    private String probe;

    @BeforeAll
    void open() throws IOException {
        Files.createDirectories(WORK);
        try (InputStream in = getClass().getResourceAsStream("/browser/scroll-probe.js")) {
            probe = Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .filter(line -> !line.startsWith("//"))
                    .collect(Collectors.joining("\n"));
        }
        context = Chromium.browser()
                .newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                        .setBaseURL("http://localhost:" + port)
                        .setViewportSize(1280, 900)
                        .setLocale("en-US")
                        .setTimezoneId("UTC"));
        context.setDefaultTimeout(120_000);
        page = context.newPage();
        cdp = context.newCDPSession(page);
        cdp.send("Performance.enable");
        report.add("# Reader scroll benchmark");
        report.add("");
        report.add("machine: " + Runtime.getRuntime().availableProcessors() + " cores; load average at start "
                + loadAverage() + "; Chromium " + context.browser().version() + ", headless, viewport 1280x900");
    }

    @AfterAll
    void close() throws IOException {
        report.add("");
        report.add("load average at end: " + loadAverage());
        Files.write(WORK.resolve("results.md"), report);
        System.out.println(String.join("\n", report));
        if (context != null) {
            context.close();
        }
    }

    @Test
    void scrollAndJump_reference1k_then100k() throws IOException {
        String reference = importExport("reference", 1_000, 11);
        String large = importExport("large", MESSAGES, 42);
        report.add("");
        report.add("| run | conversation | frames | fps | frame p50 / p95 / p99 / max (ms) | frames > 25 ms | > 50 ms |"
                + " stalled frames | long tasks (total ms) | max elements / rendered messages / loaded messages |"
                + " heap after GC (MB) | seconds |");
        report.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
        scroll("reference: " + REFERENCE_PASSES + " passes top→bottom", reference, 1_000, REFERENCE_PASSES);
        scroll("100k: one pass top→bottom", large, MESSAGES, 1);
        scroll("reference again", reference, 1_000, REFERENCE_PASSES);
        report.add("");
        report.add("Step " + STEP + " px per animation frame. Jumps to " + JUMPS
                + " evenly spaced dates (date form → target message focused):");
        jumps(large);
    }

    private void scroll(String name, String conversationId, int count, int passes) {
        page.navigate("/#/c/" + conversationId);
        PlaywrightAssertions.assertThat(page.locator(".messages")).hasAttribute("aria-busy", "false");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Oldest").setExact(true))
                .click();
        PlaywrightAssertions.assertThat(page.locator(".messages [data-ordinal='0']"))
                .isAttached();
        long before = heapAfterGc();
        JsonNode r = json.readTree(json.writeValueAsString(page.evaluate(
                probe, Map.of("step", STEP, "messageCount", count, "passes", passes, "maxMillis", 900_000))));
        long after = heapAfterGc();
        assertThat(r.path("reachedEnd").asBoolean())
                .as(name + " reached the last message")
                .isTrue();
        report.add(String.format(
                Locale.ROOT,
                "| %s | %,d messages | %,d | %.1f | %.1f / %.1f / %.1f / %.0f | %.2f %% | %.2f %% | %,d | %d (%.0f) |"
                        + " %,d / %d / %,d | %.1f → %.1f | %.0f |",
                name,
                count,
                r.path("frames").asInt(),
                r.path("fps").asDouble(),
                r.path("p50").asDouble(),
                r.path("p95").asDouble(),
                r.path("p99").asDouble(),
                r.path("max").asDouble(),
                100 * r.path("over25ms").asDouble(),
                100 * r.path("over50ms").asDouble(),
                r.path("stalledFrames").asInt(),
                r.path("longTasks").asInt(),
                r.path("longTaskMillis").asDouble(),
                r.path("maxElements").asInt(),
                r.path("maxRendered").asInt(),
                r.path("maxLoaded").asInt(),
                before / 1048576.0,
                after / 1048576.0,
                r.path("seconds").asDouble()));
    }

    private void jumps(String conversationId) {
        JsonNode conversation = get("/api/v1/conversations/" + conversationId);
        Instant first = Instant.parse(conversation.path("firstSentAt").asString());
        Instant last = Instant.parse(conversation.path("lastSentAt").asString());
        page.navigate("/#/c/" + conversationId);
        PlaywrightAssertions.assertThat(page.locator(".messages")).hasAttribute("aria-busy", "false");
        List<Double> millis = new ArrayList<>();
        for (int i = 1; i <= JUMPS; i++) {
            LocalDate day = LocalDate.ofInstant(
                    first.plus(Duration.between(first, last).multipliedBy(i).dividedBy(JUMPS + 1)), ZoneOffset.UTC);
            page.fill("input[name=jump]", day.toString());
            double started = ((Number) page.evaluate(
                            "() => { window.__focused = document.activeElement;" + " return performance.now(); }"))
                    .doubleValue();
            page.locator("form.jump button").click();
            page.waitForFunction("() => document.activeElement !== window.__focused"
                    + " && document.activeElement?.dataset?.ordinal !== undefined");
            millis.add(((Number) page.evaluate("() => performance.now()")).doubleValue() - started);
        }
        List<Double> sorted = millis.stream().sorted().toList();
        report.add(String.format(
                Locale.ROOT,
                "jump latency over %d jumps: median %.0f ms, max %.0f ms (each includes two page reads from the server)",
                sorted.size(),
                sorted.get(sorted.size() / 2),
                sorted.getLast()));
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Newest").setExact(true))
                .click();
        PlaywrightAssertions.assertThat(page.locator(".messages [data-ordinal='" + (MESSAGES - 1) + "']"))
                .isVisible();
        report.add("newest message (ordinal " + (MESSAGES - 1) + ") visible after \"Newest\"; heap after GC "
                + String.format(Locale.ROOT, "%.1f MB", heapAfterGc() / 1048576.0));
    }

    /** JS heap in use after a full collection (the live set), from the DevTools protocol. */
    private long heapAfterGc() {
        cdp.send("HeapProfiler.collectGarbage");
        JsonArray metrics = cdp.send("Performance.getMetrics").getAsJsonArray("metrics");
        for (var metric : metrics) {
            JsonObject m = metric.getAsJsonObject();
            if (m.get("name").getAsString().equals("JSHeapUsedSize")) {
                return m.get("value").getAsLong();
            }
        }
        throw new IllegalStateException("no JSHeapUsedSize in " + metrics);
    }

    private String importExport(String name, int messages, long seed) throws IOException {
        Path file = WORK.resolve(name + ".txt");
        GenerationResult generated = ExportGenerator.create(GeneratorOptions.defaults()
                        .withSeed(seed)
                        .withTargetBytes(1L << 30)
                        .withMaxMessages(messages))
                .writeTo(file);
        assertThat(generated.messages()).isEqualTo(messages);
        HttpResponse<String> created = send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/imports?fileName=" + name + ".txt"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofFile(file))
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String importId = json.readTree(created.body()).path("id").asString();
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> get("/api/v1/imports/" + importId).path("status").asString(), "COMPLETED"::equals);
        return get("/api/v1/imports/" + importId).path("conversationId").asString();
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " / " + fields[1] + " / " + fields[2] + " (1/5/15 min)";
        } catch (IOException e) {
            return "?";
        }
    }
}
