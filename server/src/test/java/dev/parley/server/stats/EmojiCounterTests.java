package dev.parley.server.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.stats.ConversationStats.Ranked;
import org.junit.jupiter.api.Test;

class EmojiCounterTests {

    @Test
    void add_countsGraphemeClusters_skinTonesZwjFamiliesFlagsAndKeycaps() {
        var counter = new EmojiCounter();
        counter.add("hi 👋🏽 and 👋🏽 again 👋");
        counter.add("family 👨‍👩‍👧‍👦 flags 🇩🇪🇫🇷🇩🇪 keycap 1️⃣ heart ❤️");
        counter.add("plain ascii 123 # * :)");
        counter.add("© ® ünïcödé");

        // ties in code-unit order of the cluster
        assertThat(counter.top(10))
                .containsExactly(
                        new Ranked("\uD83C\uDDE9\uD83C\uDDEA", 2),
                        new Ranked("\uD83D\uDC4B\uD83C\uDFFD", 2),
                        new Ranked("1\uFE0F\u20E3", 1),
                        new Ranked("\u2764\uFE0F", 1),
                        new Ranked("\uD83C\uDDEB\uD83C\uDDF7", 1),
                        new Ranked("\uD83D\uDC4B", 1),
                        new Ranked("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66", 1));
    }

    @Test
    void top_limitsTheRanking() {
        var counter = new EmojiCounter();
        counter.add("😀😀😀 😂😂 🙂");
        assertThat(counter.top(2)).extracting(Ranked::value).containsExactly("😀", "😂");
    }
}
