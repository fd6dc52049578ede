package dev.parley.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.parley.loadtest.generator.ExportGenerator;
import dev.parley.loadtest.generator.GenerationResult;
import dev.parley.loadtest.generator.GeneratorOptions;
import dev.parley.server.testing.ParleyIntegrationTest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The browser client at scale: a conversation of 100k messages (an import followed across a page reload, then the
 * reader at that size: bounded DOM and memory, both ends reachable, keyboard navigation) and more conversations than
 * one page of the list holds. How smooth the reader scrolls is measured by {@link ReaderScrollBenchmark}, never
 * asserted here.
 */
@ParleyIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserAtScaleIntegrationTests {

    private static final Path WORK = Path.of("target", "browser-tests");
    private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    private static final Pattern DIGITS = Pattern.compile("\\D");
    private static final int MESSAGES = 100_000;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();
    private BrowserContext context;
    private Page page;
    private Path export;
    private GenerationResult generated;
    private String conversationId;

    @BeforeAll
    void open() throws IOException {
        Files.createDirectories(WORK);
        Files.createDirectories(SCREENSHOTS);
        export = WORK.resolve("WhatsApp Chat with the 100k club.txt");
        generated = ExportGenerator.create(GeneratorOptions.defaults()
                        .withSeed(100)
                        .withTargetBytes(1L << 30)
                        .withMaxMessages(MESSAGES))
                .writeTo(export);
        context = Chromium.browser()
                .newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                        .setBaseURL("http://localhost:" + port)
                        .setViewportSize(1280, 900)
                        .setLocale("en-US")
                        .setTimezoneId("UTC"));
        context.setDefaultTimeout(30_000);
        // the machine is shared and noisy: an upper bound of waiting, never a timing assertion
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        page = context.newPage();
        page.onPageError(pageErrors::add);
    }

    @AfterAll
    void close() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    @Order(1)
    void import_reloadedMidUpload_reattachesToTheRunningImportWithLastEventIdAndCompletes() throws Exception {
        JsonNode job = post(
                "/api/v1/imports",
                "{\"fileName\":\"" + export.getFileName() + "\",\"size\":" + Files.size(export) + ",\"options\":{}}");
        String importId = job.path("id").asString();
        long size = Files.size(export);
        // the test uploads the file itself, holding the second half back until the page was reloaded: the import is
        // mid-upload for exactly as long as the test needs, without sleeping
        CountDownLatch rest = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> upload = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                + job.path("links").path("upload").asString()))
                        .header("Content-Type", "text/plain")
                        .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> holdBack(export, size / 2, rest)), size))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> lastEventIds = new CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            if (request.url().endsWith("/api/v1/imports/" + importId + "/events")) {
                lastEventIds.add(String.valueOf(request.headers().get("last-event-id")));
            }
        });
        try {
            page.navigate("/#/import");
            Locator card = page.locator(".import-card[data-import-id='" + importId + "']");
            expect(card).hasAttribute("data-feed", "open");
            // a progress event with its id arrived and was remembered
            page.waitForFunction(
                    "id => JSON.parse(localStorage.getItem('parley.imports') ?? '[]')"
                            + ".some(r => r.id === id && r.lastEventId)",
                    importId);
            expect(card.locator("[data-counter=parsed]")).not().hasText("0");
            screenshot("import-before-reload");

            page.reload();
            expect(card).hasAttribute("data-feed", "open");
            assertThat(lastEventIds.getLast())
                    .as("the feed opened after the reload resumes after the last event seen")
                    .matches("\\d+");
            assertThat(number(card.locator("[data-counter=parsed]"))).isPositive();
            screenshot("import-after-reload");
        } finally {
            rest.countDown();
        }
        assertThat(upload.get().statusCode()).isEqualTo(202);
        Locator card = page.locator(".import-card[data-import-id='" + importId + "']");
        expect(card)
                .hasClass(Pattern.compile("completed"), new LocatorAssertions.HasClassOptions().setTimeout(180_000));
        assertThat(number(card.locator("[data-counter=stored]"))).isEqualTo(generated.messages());
        conversationId =
                get("/api/v1/imports/" + importId).path("conversationId").asString();
        assertThat(pageErrors).isEmpty();
    }

    @Test
    @Order(2)
    void reader_at100kMessages_keepsDomAndMemoryBoundedAndReachesBothEnds() {
        page.navigate("/#/c/" + conversationId);
        Locator messages = page.locator(".messages");
        expect(messages).hasAttribute("aria-busy", "false");
        expect(page.locator(".messages [data-ordinal='" + (MESSAGES - 1) + "']"))
                .isVisible();
        button("Oldest").click();
        expect(page.locator(".messages [data-ordinal='0']")).isVisible();
        // read on past the 3,000 messages the window keeps, so older ones are dropped; how far one scroll gets
        // depends on how much was loaded by then, so scroll until there (each step must show newer messages)
        int maxLoaded = 0;
        int maxRendered = 0;
        int maxElements = 0;
        for (int i = 0; i < 1_000 && maxRenderedOrdinal() <= 3_500; i++) {
            int newest = maxRenderedOrdinal();
            messages.evaluate("el => el.scrollTop = el.scrollHeight");
            page.waitForFunction(
                    "prev => Math.max(...[...document.querySelectorAll('.messages [data-ordinal]')]"
                            + ".map(e => +e.dataset.ordinal)) > prev",
                    newest);
            maxLoaded = Math.max(maxLoaded, Integer.parseInt(messages.getAttribute("data-loaded")));
            maxRendered = Math.max(
                    maxRendered, page.locator(".messages [data-ordinal]").count());
            maxElements = Math.max(
                    maxElements,
                    ((Number) page.evaluate("() => document.getElementsByTagName('*').length")).intValue());
        }
        assertThat(maxRenderedOrdinal()).isGreaterThan(3_500);
        assertThat(page.locator(".messages [data-ordinal='0']").count())
                .as("the oldest page was dropped from memory")
                .isZero();
        assertThat(maxLoaded).as("messages in memory").isLessThanOrEqualTo(3_000);
        assertThat(maxRendered).as("messages in the DOM").isLessThan(120);
        assertThat(maxElements).as("elements in the document").isLessThan(2_000);
        button("Newest").click();
        expect(page.locator(".messages [data-ordinal='" + (MESSAGES - 1) + "']"))
                .isInViewport();
        screenshot("reader-100k");
        assertThat(pageErrors).isEmpty();
    }

    @Test
    @Order(3)
    void reader_keyboard_movesFocusFromMessageToMessageAndLoadsOlderOnes() {
        page.navigate("/#/c/" + conversationId);
        // the page may already be at this address (only the hash differs): start from a fresh reader all the same
        page.reload();
        expect(page.locator(".messages")).hasAttribute("aria-busy", "false");
        Locator newest = page.locator(".messages [data-ordinal='" + (MESSAGES - 1) + "']");
        newest.click();
        expect(newest).isFocused();
        page.keyboard().press("ArrowUp");
        page.keyboard().press("ArrowUp");
        page.keyboard().press("PageUp");
        expect(page.locator(".messages [data-ordinal='" + (MESSAGES - 4) + "']"))
                .isFocused();
        page.keyboard().press("ArrowDown");
        expect(page.locator(".messages [data-ordinal='" + (MESSAGES - 3) + "']"))
                .isFocused();
        // Home goes to the first loaded message; reading on upwards from there loads the page before it
        page.keyboard().press("Home");
        int first = focusedOrdinal();
        assertThat(first).isLessThan(MESSAGES - 3);
        page.keyboard().press("ArrowUp");
        expect(page.locator(".messages [data-ordinal='" + (first - 1) + "']")).isFocused();
        expect(page.locator(".messages [data-ordinal='" + (first - 1) + "']")).isInViewport();
        assertThat(pageErrors).isEmpty();
    }

    @Test
    @Order(4)
    void conversations_moreThanOnePage_loadTheNextPagesAsTheListIsScrolled() {
        // 130 small chats, each with a first message of its own (the same first message would continue one chat)
        List<CompletableFuture<HttpResponse<String>>> imports = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            String export = "01/03/2024, 10:%02d - Ann: hello number %d%n01/03/2024, 10:%02d - Bo: hi %d%n"
                    .formatted(i % 60, i, i % 60, i);
            imports.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create(
                                    "http://localhost:" + port + "/api/v1/imports?fileName=small-" + i + ".txt"))
                            .header("Content-Type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString(export))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
            if (imports.size() == 10) { // ten at a time
                imports.forEach(f -> assertThat(f.join().statusCode()).isEqualTo(202));
                imports.clear();
            }
        }
        imports.forEach(f -> assertThat(f.join().statusCode()).isEqualTo(202));
        int total = 131;
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        get("/api/v1/conversations?limit=500").path("items").size() == total);

        page.navigate("/#/conversations");
        Locator rows = page.locator("tr[data-conversation]");
        expect(rows).hasCount(100);
        rows.last().scrollIntoViewIfNeeded();
        expect(rows).hasCount(total);
        expect(page.locator(".list-more")).hasText(total + " conversations");
        expect(page.locator("tr[data-conversation='" + conversationId + "']")).isAttached();
        assertThat(pageErrors).isEmpty();
    }

    /** The file, pausing after {@code pause} bytes until {@code resume} opens. */
    private static InputStream holdBack(Path file, long pause, CountDownLatch resume) {
        try {
            return new FilterInputStream(Files.newInputStream(file)) {
                private long read;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (read >= pause) {
                        try {
                            resume.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new InterruptedIOException();
                        }
                    }
                    int n = super.read(b, off, (int) Math.min(len, read < pause ? pause - read : len));
                    read += Math.max(n, 0);
                    return n;
                }
            };
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Locator button(String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private int focusedOrdinal() {
        return ((Number) page.evaluate("() => +document.activeElement.dataset.ordinal")).intValue();
    }

    private int maxRenderedOrdinal() {
        return ((Number) page.evaluate("() => Math.max(...[...document.querySelectorAll('.messages [data-ordinal]')]"
                        + ".map(e => +e.dataset.ordinal))"))
                .intValue();
    }

    private static LocatorAssertions expect(Locator locator) {
        return PlaywrightAssertions.assertThat(locator);
    }

    private static long number(Locator locator) {
        return Long.parseLong(DIGITS.matcher(locator.textContent()).replaceAll(""));
    }

    private void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }

    private JsonNode get(String path) {
        return json.readTree(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build()));
    }

    private JsonNode post(String path, String body) {
        return json.readTree(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build()));
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(request.uri().toString()).isBetween(200, 299);
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
