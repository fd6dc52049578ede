package dev.parley.server.enrichment.links;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/** Title, description, site name and image of an HTML page: OpenGraph first, then Twitter cards, then plain HTML. */
final class HtmlPreviewParser {

    private static final int MAX_TEXT = 500;

    private HtmlPreviewParser() {}

    static LinkPreview parse(String url, String html, int httpStatus) {
        Document document = Jsoup.parse(html, url);
        String title = first(meta(document, "og:title"), meta(document, "twitter:title"), document.title());
        String description = first(
                meta(document, "og:description"), meta(document, "twitter:description"), meta(document, "description"));
        String siteName = first(meta(document, "og:site_name"));
        String image = first(absolute(document, "og:image"), absolute(document, "twitter:image"));
        return new LinkPreview(url, "OK", title, description, siteName, image, httpStatus, null);
    }

    private static @Nullable String meta(Document document, String key) {
        Element element = document.selectFirst("meta[property=" + key + "], meta[name=" + key + "]");
        return element == null ? null : element.attr("content");
    }

    private static @Nullable String absolute(Document document, String key) {
        Element element = document.selectFirst("meta[property=" + key + "], meta[name=" + key + "]");
        if (element == null) {
            return null;
        }
        String value = element.absUrl("content");
        return value.startsWith("http://") || value.startsWith("https://") ? value : null;
    }

    private static @Nullable String first(@Nullable String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                String text = candidate.strip().replaceAll("\\s+", " ");
                return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
            }
        }
        return null;
    }
}
