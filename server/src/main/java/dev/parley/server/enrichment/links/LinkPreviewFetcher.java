package dev.parley.server.enrichment.links;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.server.enrichment.EnrichmentProperties;
import dev.parley.server.enrichment.RequestPacer;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Fetches the preview of one URL, defended against SSRF: http and https only; every host, the first and each
 * redirect target (at most {@code maxRedirects}), is resolved once and refused unless all its addresses are
 * public, and the connection goes to that vetted address; at most {@code maxBytes} of a {@code text/html} body
 * are read; one request per second per host (configurable); connect and overall timeouts. Results are kept in a
 * Caffeine cache so a URL is never fetched twice by this instance, whatever the database says.
 *
 * <p>Per host, a resilience4j RateLimiter admits fetches (a fetch that cannot be admitted soon is handed back to
 * the worker for a later sweep, before its timeout starts), and a {@link RequestPacer} writes each request, each
 * redirect hop included, so that the host never sees more than its limit in any sliding second.
 */
public final class LinkPreviewFetcher {

    private final WebClient client;
    private final AddressGuard guard;
    private final EnrichmentProperties.Links settings;
    private final Cache<String, HostLimit> hostLimits;
    private final Cache<String, LinkPreview> fetched;

    public LinkPreviewFetcher(EnrichmentProperties.Links settings) {
        this.settings = settings;
        this.guard = new AddressGuard(settings.allowedAddresses());
        // Loads reactor-netty's default TLS setup (trust store, native SSL) here, on the startup thread; otherwise
        // the first https link does it on an event loop, where that file and library I/O blocks.
        HttpClient.create().secure();
        HttpClient http = HttpClient.create(ConnectionProvider.builder("parley-link-previews")
                        .maxConnections(settings.maxConcurrent())
                        .pendingAcquireMaxCount(1024)
                        .build())
                .resolver(new VettingAddressResolverGroup(guard))
                .noProxy()
                .followRedirect(false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        settings.connectTimeout().toMillis())
                .responseTimeout(settings.readTimeout());
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .defaultHeader(HttpHeaders.USER_AGENT, settings.userAgent())
                .defaultHeader(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml;q=0.9")
                .build();
        this.hostLimits = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
        this.fetched = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(Duration.ofHours(24))
                .build();
    }

    private record HostLimit(RateLimiter admission, RequestPacer pacer) {}

    /** The preview of {@code url}; never an error except {@link RequestNotPermitted} when its host is busy. */
    public Mono<LinkPreview> fetch(String url) {
        LinkPreview known = fetched.getIfPresent(url);
        if (known != null) {
            return Mono.just(known);
        }
        Mono<LinkPreview> fetch = Mono.defer(() -> hop(url, url, 0))
                .timeout(settings.readTimeout())
                .onErrorResume(e -> Mono.just(failure(url, e)));
        String host = hostOf(url);
        return (host == null
                        ? fetch
                        : fetch.transformDeferred(
                                RateLimiterOperator.of(limitOf(host).admission())))
                .doOnNext(preview -> fetched.put(url, preview));
    }

    private Mono<LinkPreview> hop(String original, String current, int redirects) {
        URI uri;
        try {
            uri = new URI(current);
        } catch (URISyntaxException e) {
            return Mono.just(LinkPreview.failed(original, "FAILED", null, "Malformed URL"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!scheme.equals("http") && !scheme.equals("https") || host == null) {
            return Mono.just(LinkPreview.failed(original, "REFUSED", null, "Only http and https URLs"));
        }
        String literalRefusal = literalRefusal(host);
        if (literalRefusal != null) {
            return Mono.just(LinkPreview.failed(original, "REFUSED", null, "Refused " + literalRefusal + " address"));
        }
        return client.method(HttpMethod.GET)
                .uri(uri)
                .body(limitOf(host).pacer().pace(BodyInserters.empty(), () -> {}))
                .exchangeToMono(response -> answer(original, uri, redirects, response));
    }

    private Mono<LinkPreview> answer(String original, URI uri, int redirects, ClientResponse response) {
        int status = response.statusCode().value();
        if (response.statusCode().is3xxRedirection()) {
            String location = response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION);
            return response.releaseBody().then(Mono.defer(() -> {
                if (location == null) {
                    return Mono.just(LinkPreview.failed(original, "HTTP_ERROR", status, "Redirect without Location"));
                }
                if (redirects >= settings.maxRedirects()) {
                    return Mono.just(LinkPreview.failed(original, "FAILED", status, "Too many redirects"));
                }
                return hop(original, uri.resolve(location).toString(), redirects + 1);
            }));
        }
        if (!response.statusCode().is2xxSuccessful()) {
            return response.releaseBody()
                    .thenReturn(LinkPreview.failed(original, "HTTP_ERROR", status, "HTTP " + status));
        }
        MediaType type = response.headers().contentType().orElse(null);
        if (type == null
                || !(type.isCompatibleWith(MediaType.TEXT_HTML)
                        || type.isCompatibleWith(MediaType.APPLICATION_XHTML_XML))) {
            return response.releaseBody()
                    .thenReturn(LinkPreview.failed(original, "NOT_HTML", status, "Content-Type " + type));
        }
        Charset charset = type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
        // the head of a page holds its title and meta tags: reading stops at the cap and the rest is cancelled
        return DataBufferUtils.join(DataBufferUtils.takeUntilByteCount(
                        response.body(BodyExtractors.toDataBuffers()),
                        settings.maxBytes().toBytes()))
                .map(buffer -> {
                    try {
                        return buffer.toString(charset);
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty("")
                .map(html -> HtmlPreviewParser.parse(original, html, status));
    }

    private HostLimit limitOf(String host) {
        return hostLimits.get(host.toLowerCase(Locale.ROOT), this::limitFor);
    }

    private HostLimit limitFor(String host) {
        var pacer = new RequestPacer(settings.perHostRequestsPerSecond(), settings.perHostMargin());
        // one permit per send slot, waiting at most as long as a fetch may take: the worker retries a busy host later
        var admission = RateLimiter.of(
                "link-preview-" + host,
                RateLimiterConfig.custom()
                        .limitForPeriod(1)
                        .limitRefreshPeriod(pacer.spacing())
                        .timeoutDuration(settings.readTimeout())
                        .build());
        return new HostLimit(admission, pacer);
    }

    private static @Nullable String hostOf(String url) {
        try {
            return new URI(url).getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** IP literals are checked before any request is built (the resolver checks them again). */
    private String literalRefusal(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean literal = bare.contains(":") || bare.matches("[0-9.]+");
        if (!literal || guard.allowListed(host) || guard.allowListed(bare)) {
            return null;
        }
        try {
            return AddressGuard.literalRefusal(bare);
        } catch (java.net.UnknownHostException | IllegalArgumentException e) {
            return "malformed";
        }
    }

    private static LinkPreview failure(String url, Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof RefusedAddressException)) {
            cause = cause.getCause();
        }
        if (cause instanceof RefusedAddressException refused) {
            return LinkPreview.failed(url, "REFUSED", null, refused.getMessage());
        }
        String error =
                e instanceof TimeoutException ? "Timed out" : e.getClass().getSimpleName();
        return LinkPreview.failed(url, "FAILED", null, error);
    }
}
