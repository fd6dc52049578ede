package dev.parley.server.enrichment.links;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.enrichment.EnrichmentProperties;
import dev.parley.server.enrichment.ScriptedServer;
import dev.parley.server.enrichment.ScriptedServer.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Link previews against a real local HTTP server; 127.0.0.1 is allow-listed only where a test says so. */
class LinkPreviewFetcherTests {

    private static final String PAGE = """
            <html><head><title>Plain title</title>
            <meta property="og:title" content="Parley release notes">
            <meta property="og:description" content="What changed in 0.1">
            <meta property="og:site_name" content="Parley">
            <meta property="og:image" content="/img/card.png">
            </head><body>hello</body></html>
            """;

    private ScriptedServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static EnrichmentProperties.Links settings(double perHostRps, List<String> allowed) {
        return new EnrichmentProperties.Links(
                true,
                perHostRps,
                // the scripted server shares this JVM and a loaded 2-core machine: its arrival stamps jitter
                Duration.ofMillis(250),
                8,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                DataSize.ofKilobytes(512),
                3,
                allowed,
                Duration.ofSeconds(1),
                32,
                "ParleyTest");
    }

    @Test
    void fetch_givenHtmlWithOpenGraph_parsesTitleDescriptionSiteNameAndAbsoluteImage() {
        server = ScriptedServer.start(r -> Response.html(PAGE));
        var fetcher = new LinkPreviewFetcher(settings(100, List.of("127.0.0.1")));
        String url = server.url() + "/notes";

        fetcher.fetch(url)
                .as(StepVerifier::create)
                .expectNext(new LinkPreview(
                        url,
                        "OK",
                        "Parley release notes",
                        "What changed in 0.1",
                        "Parley",
                        server.url() + "/img/card.png",
                        200,
                        null))
                .verifyComplete();
        // fetched at most once: the second ask is answered from the cache
        fetcher.fetch(url).as(StepVerifier::create).expectNextCount(1).verifyComplete();
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().getFirst().headers()).containsEntry("user-agent", "ParleyTest");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:%d/",
                "http://10.0.0.1:%d/",
                "http://169.254.169.254:%d/latest/meta-data/",
                "http://100.64.0.1:%d/",
                "http://0.0.0.0:%d/",
                "http://[::1]:%d/",
                "http://[::ffff:127.0.0.1]:%d/",
                "http://[::ffff:8.8.8.8]:%d/",
                "http://[fd00::1]:%d/",
                "http://224.0.0.1:%d/",
                "http://localhost:%d/"
            })
    void fetch_givenNonPublicAddress_refusesWithoutConnecting(String template) {
        server = ScriptedServer.start(r -> Response.html(PAGE));
        var fetcher = new LinkPreviewFetcher(settings(100, List.of()));

        fetcher.fetch(template.formatted(server.port()))
                .as(StepVerifier::create)
                .assertNext(preview -> {
                    assertThat(preview.status()).isEqualTo("REFUSED");
                    assertThat(preview.title()).isNull();
                })
                .verifyComplete();
        assertThat(server.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.org/file", "file:///etc/passwd", "gopher://x/", "javascript:alert(1)"})
    void fetch_givenOtherScheme_refuses(String url) {
        var fetcher = new LinkPreviewFetcher(settings(100, List.of()));
        fetcher.fetch(url)
                .as(StepVerifier::create)
                .assertNext(preview -> assertThat(preview.status()).isIn("REFUSED", "FAILED"))
                .verifyComplete();
    }

    @Test
    void fetch_givenRedirectToPrivateAddress_refusesThatHop() {
        server = ScriptedServer.start(r -> Response.status(302, Map.of("Location", "http://10.0.0.1/admin")));
        var fetcher = new LinkPreviewFetcher(settings(100, List.of("127.0.0.1")));

        fetcher.fetch(server.url() + "/go")
                .as(StepVerifier::create)
                .assertNext(preview -> assertThat(preview.status()).isEqualTo("REFUSED"))
                .verifyComplete();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void fetch_givenRedirectToNameResolvingToLoopback_refusesThatHop() {
        server = ScriptedServer.start(r -> Response.status(
                301,
                Map.of("Location", "http://localhost:" + r.headers().get("host").split(":")[1] + "/")));
        var fetcher = new LinkPreviewFetcher(settings(100, List.of("127.0.0.1")));

        fetcher.fetch(server.url() + "/go")
                .as(StepVerifier::create)
                .assertNext(preview -> assertThat(preview.status()).isEqualTo("REFUSED"))
                .verifyComplete();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void fetch_givenRedirects_followsAtMostThreeHops() {
        server = ScriptedServer.start(r -> {
            int hop = Integer.parseInt(r.path().substring(1));
            return hop < 10 ? Response.status(302, Map.of("Location", "/" + (hop + 1))) : Response.html(PAGE);
        });
        var fetcher = new LinkPreviewFetcher(settings(100, List.of("127.0.0.1")));

        fetcher.fetch(server.url() + "/8")
                .as(StepVerifier::create)
                .assertNext(preview -> assertThat(preview.title()).isEqualTo("Parley release notes"))
                .verifyComplete();
        fetcher.fetch(server.url() + "/1")
                .as(StepVerifier::create)
                .assertNext(preview -> assertThat(preview.error()).isEqualTo("Too many redirects"))
                .verifyComplete();
        assertThat(server.requests()).hasSize(3 + 4);
    }

    @Test
    void fetch_givenNonHtml_isNotHtml() {
        server = ScriptedServer.start(r -> Response.json("{\"a\":1}"));
        var fetcher = new LinkPreviewFetcher(settings(100, List.of("127.0.0.1")));

        fetcher.fetch(server.url() + "/data.json")
                .as(StepVerifier::create)
                .assertNext(preview -> assertThat(preview.status()).isEqualTo("NOT_HTML"))
                .verifyComplete();
    }

    @Test
    void fetch_givenHugePage_readsOnlyTheCapAndStillParsesTheHead() {
        String huge = PAGE.replace("hello", "x".repeat(3 * 1024 * 1024));
        server = ScriptedServer.start(r -> Response.html(huge));
        var fetcher = new LinkPreviewFetcher(settings(100, List.of("127.0.0.1")));

        fetcher.fetch(server.url() + "/big")
                .as(StepVerifier::create)
                .assertNext(preview -> assertThat(preview.title()).isEqualTo("Parley release notes"))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void fetch_givenSeveralUrlsAndARedirectOnOneHost_neverSendsTwoRequestsInOneSecond() {
        server = ScriptedServer.start(r -> r.path().equals("/moved")
                ? Response.status(302, Map.of("Location", "/page-after-redirect"))
                : Response.html(PAGE));
        var fetcher = new LinkPreviewFetcher(settings(1, List.of("127.0.0.1")));

        Flux.just("/moved", "/page1", "/page2")
                .flatMap(path -> fetcher.fetch(server.url() + path), 3)
                .as(StepVerifier::create)
                .expectNextCount(3)
                .expectComplete()
                .verify(Duration.ofSeconds(15));
        List<ScriptedServer.Request> requests = server.requests();
        assertThat(requests).hasSize(4);
        // every request is counted, the redirect hop too, in sliding windows of a whole second
        assertThat(server.maxRequestsPerWindow("/", Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(Duration.ofNanos(
                        requests.getLast().arrivedNanos() - requests.getFirst().arrivedNanos()))
                .as("four requests 1.25 s apart are not held back further")
                .isLessThan(Duration.ofMillis(5500));
    }
}
