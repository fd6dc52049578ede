package dev.parley.server.enrichment.links;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of fetching one URL; every status but {@code OK} keeps the fields null.
 *
 * @param status OK, REFUSED (scheme or SSRF guard), NOT_HTML, HTTP_ERROR, FAILED (timeout, I/O, too many
 *     redirects)
 */
public record LinkPreview(
        String url,
        String status,
        @Nullable String title,
        @Nullable String description,
        @Nullable String siteName,
        @Nullable String imageUrl,
        @Nullable Integer httpStatus,
        @Nullable String error) {

    static LinkPreview failed(String url, String status, @Nullable Integer httpStatus, String error) {
        return new LinkPreview(url, status, null, null, null, null, httpStatus, error);
    }
}
