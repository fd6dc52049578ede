package dev.parley.server.enrichment.links;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlExtractorTests {

    @Test
    void extract_givenChatText_findsUrlsWithoutTrailingPunctuation() {
        assertThat(UrlExtractor.extract("see https://example.org/plan. and (http://a.io/x) ok?"))
                .containsExactly("https://example.org/plan", "http://a.io/x");
    }

    @Test
    void extract_givenBalancedParentheses_keepsThem() {
        assertThat(UrlExtractor.extract("https://en.wikipedia.org/wiki/Foo_(bar)"))
                .containsExactly("https://en.wikipedia.org/wiki/Foo_(bar)");
    }

    @Test
    void extract_givenRepeatsAndOtherSchemes_keepsDistinctHttpUrlsOnly() {
        assertThat(UrlExtractor.extract("ftp://x.org https://a.io https://a.io HTTPS://B.IO/y"))
                .containsExactly("https://a.io", "HTTPS://B.IO/y");
        assertThat(UrlExtractor.extract("no links here")).isEmpty();
    }

    @Test
    void extract_givenManyUrls_keepsTheFirstTen() {
        String text = String.join(
                " ",
                java.util.stream.IntStream.range(0, 30)
                        .mapToObj(i -> "https://x.org/" + i)
                        .toList());
        assertThat(UrlExtractor.extract(text))
                .hasSize(UrlExtractor.MAX_URLS)
                .first()
                .isEqualTo("https://x.org/0");
    }
}
