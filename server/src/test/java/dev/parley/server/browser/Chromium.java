package dev.parley.server.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The machine's headless Chromium driven by Playwright, one per test JVM: each {@link Playwright#create} unpacks
 * its ~126 MB driver, and Playwright downloads no browser of its own here.
 */
final class Chromium {

    static final Path EXECUTABLE = Path.of(System.getProperty("parley.chromium", "/usr/bin/chromium"));

    private static final List<String> ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run");

    private static Browser browser;

    private Chromium() {}

    /** The shared browser; fails (never skips) when Chromium is missing. */
    static synchronized Browser browser() {
        if (browser == null) {
            if (!Files.isExecutable(EXECUTABLE)) {
                throw new IllegalStateException("Chromium not found at " + EXECUTABLE
                        + ": the browser tests need Debian's chromium (apt-get install -y chromium, as .ci/run does),"
                        + " or -Dparley.chromium=/path/to/chromium");
            }
            Playwright playwright = Playwright.create(
                    new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(EXECUTABLE)
                            .setHeadless(true)
                            .setArgs(ARGS));
            Runtime.getRuntime().addShutdownHook(new Thread(playwright::close, "playwright-close"));
        }
        return browser;
    }
}
