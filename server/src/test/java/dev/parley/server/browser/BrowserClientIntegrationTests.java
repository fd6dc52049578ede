package dev.parley.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.parley.loadtest.generator.ExportGenerator;
import dev.parley.loadtest.generator.GenerationResult;
import dev.parley.loadtest.generator.GeneratorOptions;
import dev.parley.server.enrichment.ScriptedServer;
import dev.parley.server.testing.ParleyIntegrationTest;
import java.io.IOException;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The browser client end to end: the real server on its embedded PostgreSQL and Kafka, driven through headless
 * Chromium like a person would. The methods build on each other (import, then read, search, insights, export,
 * delete), so they run in order. Screenshots of each page land in {@code target/browser-screenshots/}.
 */
@ParleyIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserClientIntegrationTests {

    private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    private static final Path WORK = Path.of("target", "browser-tests");
    private static final Pattern DIGITS = Pattern.compile("\\D");

    /** A linked page whose preview strings are markup: they must show as text and never run. */
    private static final ScriptedServer PAGES =
            ScriptedServer.start(request -> request.path().equals("/pizza")
                    ? ScriptedServer.Response.html("<html><head>"
                            + "<meta property=\"og:title\" content=\"&lt;b&gt;Pizza&lt;/b&gt; &amp; wine\">"
                            + "<meta property=\"og:description\" content=\"Dough &lt;script&gt;window.__xss=3&lt;/script&gt;\">"
                            + "<meta property=\"og:site_name\" content=\"Recipes\">"
                            + "<meta property=\"og:image\" content=\"https://127.0.0.1:9/pizza.jpg\">"
                            + "</head><body>pizza</body></html>")
                    : ScriptedServer.Response.status(404, Map.of()));

    /** Markup in messages must show as text and never run. */
    private static final String HOSTILE_EXPORT = """
            01/02/2024, 09:59 - Messages and calls are end-to-end encrypted. No one outside of this chat can read them.
            01/02/2024, 10:00 - Mallory: <img src=x onerror="window.__xss=1"> pizza night?
            01/02/2024, 10:01 - Alice: <script>window.__xss=2</script>Sure, pizza at 8 &amp; wine
            01/02/2024, 10:02 - Alice: <Media omitted>
            01/02/2024, 10:03 - Mallory: This message was deleted
            02/02/2024, 08:30 - Bob: Leftover pizza for breakfast
            02/02/2024, 08:31 - Bob: What a great recipe, I really love it and the photos are wonderful: %s/pizza
            """.formatted(PAGES.url());

    /** axe-core from the web client's npm dev dependencies. */
    private static final Path AXE = Path.of("..", "web-client", "node_modules", "axe-core", "axe.min.js");

    @DynamicPropertySource
    static void previews(DynamicPropertyRegistry registry) {
        registry.add("parley.enrichment.links.allowed-addresses", () -> "127.0.0.1");
    }

    @LocalServerPort
    int port;

    private final List<String> pageErrors = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private BrowserContext context;
    private Page page;
    private Path large;
    private GenerationResult generated;
    private String largeId;
    private String hostileId;

    @BeforeAll
    void openBrowser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(WORK);
        large = WORK.resolve("WhatsApp Chat with Friends.txt");
        generated = ExportGenerator.create(
                        GeneratorOptions.defaults().withSeed(7).withTargetBytes(2L << 20))
                .writeTo(large);
        context = Chromium.browser()
                .newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                        .setBaseURL("http://localhost:" + port)
                        .setViewportSize(1280, 900)
                        .setLocale("en-US")
                        .setTimezoneId("UTC")
                        .setAcceptDownloads(true));
        context.setDefaultTimeout(30_000);
        // the machine is shared and noisy: an upper bound of waiting, never a timing assertion
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        page = context.newPage();
        page.onPageError(pageErrors::add);
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                pageErrors.add(message.text());
            }
        });
    }

    @AfterAll
    void closeBrowser() {
        if (context != null) {
            context.close();
        }
        PAGES.close();
    }

    @Test
    @Order(2)
    void import_givenLargeExport_showsUploadAndServerProgressUntilCompleted() {
        page.navigate("/#/import");
        page.setInputFiles("input[type=file]", large);
        Locator card = page.locator(".import-card").first();
        expect(card.locator(".stage")).not().hasText("Preparing");
        screenshot("import-running");
        expect(card).hasClass(Pattern.compile("completed"), new LocatorAssertions.HasClassOptions().setTimeout(90_000));
        assertThat(number(card.locator("[data-counter=parsed]"))).isEqualTo(generated.messages());
        assertThat(number(card.locator("[data-counter=stored]"))).isEqualTo(generated.messages());
        assertThat(((Number) card.locator("progress").first().evaluate("p => p.value")).doubleValue())
                .as("upload progress")
                .isEqualTo(1.0);
        largeId = conversationIdOf(card);
        screenshot("import-completed");
    }

    // first: its link is then the oldest pending preview, ahead of the many links of the large export
    @Test
    @Order(1)
    void import_givenFeedBreaksOnce_reconnectsAndCompletes() throws IOException {
        Path hostile = Files.writeString(WORK.resolve("Pizza club.txt"), HOSTILE_EXPORT);
        List<String> lastEventIds = new CopyOnWriteArrayList<>();
        AtomicBoolean first = new AtomicBoolean(true);
        page.route("**/api/v1/imports/*/events", route -> {
            lastEventIds.add(String.valueOf(route.request().headers().get("last-event-id")));
            if (first.getAndSet(false)) {
                route.abort("connectionreset");
            } else {
                route.resume();
            }
        });
        page.navigate("/#/import");
        page.setInputFiles("input[type=file]", hostile);
        Locator card = page.locator(".import-card").first();
        expect(card).hasClass(Pattern.compile("completed"));
        assertThat(lastEventIds)
                .as("the feed was opened again after the broken connection")
                .hasSizeGreaterThanOrEqualTo(2);
        page.unrouteAll();
        hostileId = conversationIdOf(card);
    }

    @Test
    @Order(3)
    void import_givenNotAChatExport_showsTheServersSentence() throws IOException {
        Path notes = Files.writeString(WORK.resolve("notes.txt"), "shopping list\nmilk\neggs\n");
        page.navigate("/#/import");
        page.setInputFiles("input[type=file]", notes);
        Locator card = page.locator(".import-card").first();
        expect(card).hasClass(Pattern.compile("failed"));
        String importId = card.getAttribute("data-import-id");
        String detail = get("/api/v1/imports/" + importId)
                .path("problem")
                .path("detail")
                .asString();
        assertThat(detail).isNotBlank();
        expect(card.locator("[role=alert]")).hasText(detail);
        screenshot("import-failed");
    }

    @Test
    @Order(4)
    void conversations_listsCountsAndDateRange() {
        page.navigate("/#/conversations");
        Locator row = page.locator("tr[data-conversation='" + largeId + "']");
        expect(row).isVisible();
        assertThat(number(row.locator("td.num").first())).isEqualTo(generated.messages());
        expect(row.locator("time").first()).hasAttribute("datetime", Pattern.compile("^2016-01-04"));
        expect(page.locator("tr[data-conversation='" + hostileId + "']")).isVisible();
        screenshot("conversations");
    }

    @Test
    @Order(5)
    void reader_scrollingBackThroughThousandsOfMessages_keepsTheDomSmall() {
        page.navigate("/#/c/" + largeId);
        Locator messages = page.locator(".messages");
        expect(messages).hasAttribute("aria-busy", "false");
        long newest = generated.messages() - 1;
        expect(page.locator(".messages [data-ordinal='" + newest + "']")).isVisible();
        screenshot("reader");
        int oldest = minRenderedOrdinal();
        int maxInDom = 0;
        // 3,500 messages up (pages of 100): beyond the 3,000 kept in memory, so newer pages are dropped on the way
        for (int i = 0; i < 200 && oldest > newest - 3_600; i++) {
            int before = oldest;
            messages.evaluate("el => el.scrollTop = 0");
            page.waitForFunction(
                    "prev => Math.min(...[...document.querySelectorAll('.messages [data-ordinal]')]"
                            + ".map(e => +e.dataset.ordinal)) < prev",
                    before);
            oldest = minRenderedOrdinal();
            maxInDom =
                    Math.max(maxInDom, page.locator(".messages [data-ordinal]").count());
        }
        assertThat(oldest).isLessThan((int) newest - 3_500);
        assertThat(maxInDom).as("rendered messages").isLessThan(120);
        // an older page asked for at the top answers only once the reader has gone to the bottom: the window, over its
        // bound, must not drop the page on screen (it did: the view jumped 100 messages back, and the loop below
        // waited for newer messages in vain)
        var held = new AtomicReference<Route>();
        page.route("**/api/v1/conversations/*/messages?*", route -> {
            if (!held.compareAndSet(null, route)) {
                route.resume();
            }
        });
        messages.evaluate("el => el.scrollTop = 0");
        page.waitForCondition(() -> held.get() != null);
        int shownAtTop = maxRenderedOrdinal();
        messages.evaluate("el => el.scrollTop = el.scrollHeight");
        page.waitForFunction(
                "prev => Math.max(...[...document.querySelectorAll('.messages [data-ordinal]')]"
                        + ".map(e => +e.dataset.ordinal)) > prev + 100",
                shownAtTop);
        int bottom = maxRenderedOrdinal();
        // the next request is the newer page, asked for once the held older page has been taken in
        page.waitForRequest(
                request -> request.url().contains("/messages?"),
                () -> held.get().resume());
        assertThat(maxRenderedOrdinal())
                .as("bottom of the view after the late older page")
                .isGreaterThanOrEqualTo(bottom);
        page.unrouteAll();
        // and down again to the newest: newer pages dropped from memory come back through their cursors. The newest
        // message on screen is read once a step: the render of the last scroll can land between two reads (a wait is
        // met by any render, also one before that scroll's), and a step that started from the conversation's newest
        // message would wait for a newer one in vain
        for (int i = 0; i < 100; i++) {
            int top = maxRenderedOrdinal();
            if (top >= newest) {
                break;
            }
            messages.evaluate("el => el.scrollTop = el.scrollHeight");
            try {
                page.waitForFunction(
                        "prev => Math.max(...[...document.querySelectorAll('.messages [data-ordinal]')]"
                                + ".map(e => +e.dataset.ordinal)) > prev",
                        top);
            } catch (com.microsoft.playwright.TimeoutError e) {
                throw new AssertionError(
                        "stuck scrolling down at step " + i + " from " + top + " (newest " + newest + "): "
                                + messages.evaluate(
                                        "el => ({top: el.scrollTop, height: el.scrollHeight, client: el.clientHeight,"
                                                + " loaded: el.dataset.loaded, status: document.querySelector('.reader-bar').textContent,"
                                                + " active: document.activeElement && document.activeElement.outerHTML.slice(0, 120),"
                                                + " ordinals: [...document.querySelectorAll('.messages [data-ordinal]')].map(e => +e.dataset.ordinal)})"),
                        e);
            }
        }
        assertThat(maxRenderedOrdinal()).isEqualTo(newest);
        assertThat(pageErrors).isEmpty();
    }

    @Test
    @Order(6)
    void reader_jumpToDate_focusesTheFirstMessageOfThatDayWithItsPastAbove() {
        JsonNode conversation = get("/api/v1/conversations/" + largeId);
        Instant first = Instant.parse(conversation.path("firstSentAt").asString());
        Instant last = Instant.parse(conversation.path("lastSentAt").asString());
        LocalDate day =
                LocalDate.ofInstant(first.plus(Duration.between(first, last).dividedBy(2)), ZoneOffset.UTC);
        int expected = get("/api/v1/conversations/" + largeId + "/messages?limit=1&from=" + day)
                .path("items")
                .path(0)
                .path("ordinal")
                .asInt();
        page.navigate("/#/c/" + largeId);
        expect(page.locator(".messages")).hasAttribute("aria-busy", "false");
        page.fill("input[name=jump]", day.toString());
        page.locator("form.jump button").click();
        Locator target = page.locator(".messages [data-ordinal='" + expected + "']");
        expect(target).isFocused();
        expect(target).isInViewport();
        expect(page.locator(".messages [data-ordinal='" + (expected - 1) + "']"))
                .isAttached();
        screenshot("reader-jump");
    }

    @Test
    @Order(7)
    void reader_search_highlightsHitsAsTextAndOpensTheMessageInContext() {
        page.navigate("/#/c/" + hostileId);
        expect(page.locator(".messages")).hasAttribute("aria-busy", "false");
        // indexing runs in the background: search until the hits are there
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    page.fill("input[name=q]", "pizza");
                    page.locator("form[role=search] button").click();
                    expect(page.locator(".search-results")).hasAttribute("aria-busy", "false");
                    return page.locator(".hits li").count() >= 3;
                });
        Locator hits = page.locator(".hits .snippet");
        expect(hits.locator("mark").first()).hasText(Pattern.compile("pizza", Pattern.CASE_INSENSITIVE));
        expect(page.locator(".search-results img, .search-results script, .messages .text img, .messages script"))
                .hasCount(0);
        expect(page.getByText("<img src=x onerror=\"window.__xss=1\">", new Page.GetByTextOptions().setExact(false))
                        .first())
                .isAttached();
        Locator hit = page.locator("button.hit").filter(new Locator.FilterOptions().setHasText("breakfast"));
        hit.click();
        Locator opened = page.locator(".msg--hit");
        expect(opened).isFocused();
        expect(opened.locator("mark")).hasText("pizza");
        assertThat(page.evaluate("() => window.__xss === undefined")).isEqualTo(true);
        screenshot("reader-search");
    }

    @Test
    @Order(8)
    void reader_thisIsMeAndFilters_layOutTheChat() {
        page.navigate("/#/c/" + hostileId);
        expect(page.locator(".messages")).hasAttribute("aria-busy", "false");
        page.getByLabel("This is me").selectOption("Alice");
        expect(page.locator(".msg--me")).hasCount(2);
        expect(page.locator(".msg--system")).hasCount(1);
        expect(page.locator(".msg--me .media-placeholder")).hasCount(1);
        page.getByLabel("Sender").selectOption("Mallory");
        page.locator("form.filters button[type=submit]").click();
        expect(page.locator(".messages [data-ordinal]")).hasCount(2);
        expect(page.locator(".messages .kind-deleted")).hasCount(1);
        screenshot("reader-filters");
    }

    @Test
    @Order(9)
    void reader_showsSentimentAndLinkPreviewsAsTextWithTheImageFromThePreviewWithoutReferrer() {
        // enrichment and the preview fetch run in the background: wait until the read API carries both
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode read = get("/api/v1/conversations/" + hostileId + "/messages?limit=10")
                            .path("items")
                            .path(6);
                    assertThat(read.path("sentiment").path("label").asString(""))
                            .isEqualTo("positive");
                    assertThat(read.path("links").path(0).path("title").asString(""))
                            .isNotEmpty();
                });
        page.navigate("/#/c/" + hostileId);
        page.reload(); // the same hash as the test before: draw the reader anew, without its filters
        expect(page.locator(".messages")).hasAttribute("aria-busy", "false");
        Locator message = page.locator(".messages [data-ordinal='6']");
        expect(message.locator(".sentiment")).hasText("positive");
        Locator preview = message.locator("a.preview");
        expect(preview).hasAttribute("href", PAGES.url() + "/pizza");
        expect(preview).hasAttribute("rel", Pattern.compile("noreferrer"));
        expect(preview.locator(".preview-title")).hasText("<b>Pizza</b> & wine");
        expect(preview.locator(".preview-description")).hasText("Dough <script>window.__xss=3</script>");
        expect(preview.locator(".preview-site")).hasText("Recipes");
        expect(preview.locator("img")).hasAttribute("src", "https://127.0.0.1:9/pizza.jpg");
        expect(preview.locator("img")).hasAttribute("referrerpolicy", "no-referrer");
        // nothing answers at that address: the box stays (its height was measured) but shows no broken image
        expect(preview.locator("img")).hasCSS("visibility", "hidden");
        expect(page.locator(".messages b, .messages script")).hasCount(0);
        assertThat(page.evaluate("() => window.__xss === undefined")).isEqualTo(true);
        screenshot("reader-enrichment");
    }

    @Test
    @Order(10)
    void insights_drawsChartsHeatmapAndShares() {
        page.navigate("/#/c/" + largeId + "/insights");
        expect(page.locator("[data-chart=per-day] canvas").first()).isVisible();
        expect(page.locator("table.heatmap tbody td")).hasCount(7 * 24);
        expect(page.locator("section[aria-labelledby=senders-title] li")).hasCount(12);
        expect(page.locator("[data-chart=domains] li").first()).isVisible();
        expect(page.locator("[data-chart=sentiment]")).isVisible();
        screenshot("insights");
    }

    @Test
    @Order(11)
    void export_downloadsEveryFormat() throws IOException {
        page.navigate("/#/c/" + largeId + "/export");
        Map<String, String> starts = Map.of(
                "ndjson",
                "{\"ordinal\":0,",
                "csv",
                "ordinal,localTime,sentAt,sender,kind,text,edited,extra",
                "json",
                "[",
                "txt",
                "[2016-01-04");
        screenshot("export");
        for (var format : List.of("ndjson", "csv", "json", "txt")) {
            Download download = page.waitForDownload(
                    () -> page.locator("a[data-format=" + format + "]").click());
            Path file = download.path();
            String head;
            try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                head = reader.readLine();
            }
            assertThat(head).as(format).startsWith(starts.get(format));
            if (format.equals("ndjson")) {
                try (var lines = Files.lines(file)) {
                    assertThat(lines.count()).isEqualTo(generated.messages());
                }
            }
        }
    }

    @Test
    @Order(12)
    void everyPage_hasNoAxeViolations() {
        assertThat(AXE).as("npm ci of web-client installs axe-core").isRegularFile();
        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("/#/conversations", "tr[data-conversation]");
        pages.put("/#/import", ".dropzone");
        pages.put("/#/c/" + hostileId, ".messages[aria-busy=false] [data-ordinal]");
        pages.put("/#/c/" + largeId + "/insights", "[data-chart=per-day] canvas");
        pages.put("/#/c/" + largeId + "/export", "a[data-format]");
        List<String> violations = new ArrayList<>();
        // a context of its own that may add axe's script tag: the page's CSP allows none but its own scripts
        try (BrowserContext audit = Chromium.browser()
                .newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                        .setBaseURL("http://localhost:" + port)
                        .setViewportSize(1280, 900)
                        .setLocale("en-US")
                        .setBypassCSP(true))) {
            Page audited = audit.newPage();
            pages.forEach((path, ready) -> {
                audited.navigate(path);
                expect(audited.locator(ready).first()).isVisible();
                audited.addScriptTag(new Page.AddScriptTagOptions().setPath(AXE));
                Object found = audited.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']}))"
                        + ".violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3)"
                        + ".map(n => n.target.join(' ')).join(', ')}`)");
                ((List<?>) found).forEach(v -> violations.add(path + " " + v));
            });
        }
        assertThat(violations).isEmpty();
    }

    @Test
    @Order(13)
    void conversations_deleteAfterConfirmation_removesTheConversation() {
        page.navigate("/#/conversations");
        Locator row = page.locator("tr[data-conversation='" + hostileId + "']");
        row.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
        Locator dialog = page.locator("dialog[open]");
        expect(dialog).isVisible();
        screenshot("conversations-delete");
        dialog.getByText("Keep it").click();
        expect(row).isVisible();
        row.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
        page.locator("dialog[open]").getByText("Delete for good").click();
        expect(row).hasCount(0);
        assertThat(status("/api/v1/conversations/" + hostileId)).isEqualTo(404);
        assertThat(pageErrors).isEmpty();
    }

    private static LocatorAssertions expect(Locator locator) {
        return PlaywrightAssertions.assertThat(locator);
    }

    private int minRenderedOrdinal() {
        return ordinals().stream().mapToInt(Integer::intValue).min().orElseThrow();
    }

    private int maxRenderedOrdinal() {
        return ordinals().stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    private List<Integer> ordinals() {
        List<Integer> ordinals = new ArrayList<>();
        for (String s : page.locator(".messages [data-ordinal]")
                .evaluateAll("els => els.map(e => e.dataset.ordinal)")
                .toString()
                .replaceAll("[\\[\\]\\s]", "")
                .split(",")) {
            if (!s.isEmpty()) {
                ordinals.add(Integer.parseInt(s));
            }
        }
        return ordinals;
    }

    private static long number(Locator locator) {
        return Long.parseLong(DIGITS.matcher(locator.textContent()).replaceAll(""));
    }

    private static String conversationIdOf(Locator card) {
        String href = card.locator(".outcome a").getAttribute("href");
        return href.substring(href.lastIndexOf('/') + 1);
    }

    private void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int status(String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
