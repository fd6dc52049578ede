package dev.parley.server.enrichment.links;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds http(s) URLs in message text, as people paste them into chats. Thread-safe. */
public final class UrlExtractor {

    /** URLs kept per message; a message with hundreds of links is a paste, not a conversation. */
    public static final int MAX_URLS = 10;

    static final int MAX_LENGTH = 2048;

    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"'`]+");

    private UrlExtractor() {}

    /** The distinct URLs of {@code text} in order of appearance, trailing sentence punctuation removed. */
    public static List<String> extract(String text) {
        if (text.indexOf("://") < 0) {
            return List.of();
        }
        Set<String> urls = new LinkedHashSet<>();
        Matcher matcher = URL.matcher(text);
        while (matcher.find() && urls.size() < MAX_URLS) {
            String url = trimTrailing(matcher.group());
            if (url.length() <= MAX_LENGTH && url.indexOf("://") + 3 < url.length()) {
                urls.add(url);
            }
        }
        return new ArrayList<>(urls);
    }

    private static String trimTrailing(String url) {
        int end = url.length();
        while (end > 0) {
            char c = url.charAt(end - 1);
            if (".,;:!?'\"".indexOf(c) >= 0) {
                end--;
            } else if (c == ')' && count(url, '(', end) < count(url, ')', end)) {
                end--; // "(see https://x.org/a)" but keep "https://en.wikipedia.org/wiki/Foo_(bar)"
            } else if ((c == ']' || c == '}' || c == '>') && end > 0) {
                end--;
            } else {
                break;
            }
        }
        return url.substring(0, end);
    }

    private static int count(String s, char c, int end) {
        int n = 0;
        for (int k = 0; k < end; k++) {
            if (s.charAt(k) == c) {
                n++;
            }
        }
        return n;
    }
}
