package dev.parley.server.enrichment.sentiment;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Single-thread throughput of the built-in analyzer (language detection + VADER) on chat-like messages. Not a
 * test: run by hand, see docs/performance.md. JMH lives in loadtest, which does not depend on the server module.
 *
 * <pre>java -cp CLASSPATH dev.parley.server.enrichment.sentiment.BuiltInSentimentThroughput [seconds]</pre>
 */
public final class BuiltInSentimentThroughput {

    private static final List<String> TEMPLATES = List.of(
            "ok",
            "haha 😂😂",
            "see you at %d",
            "I love this so much!!!",
            "not bad at all",
            "that was sooo good, thank you %d times",
            "ugh, the train is late again 😭",
            "Can you send me the link? https://example.org/p/%d",
            "The food was great but the service was horrible",
            "lol no way",
            "Happy birthday!! ❤️🎉",
            "I'm not sure that's a good idea tbh",
            "Das ist wirklich gut, danke dir",
            "¿Dónde estás? Te espero en la plaza",
            "Привет! Как дела?",
            "WOW that is AMAZING news",
            "meh",
            "We should meet on Friday at %d, if that works for everyone in the group",
            "sorry I missed your call, I was driving",
            "👍");

    private BuiltInSentimentThroughput() {}

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String[] corpus = new String[100_000];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < corpus.length; i++) {
            String template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
            corpus[i] = template.contains("%d") ? template.formatted(random.nextInt(1000)) : template;
        }
        BuiltInSentimentAnalyzer analyzer = new BuiltInSentimentAnalyzer();
        run(analyzer, corpus, 3); // warm-up
        long start = System.nanoTime();
        long count = run(analyzer, corpus, seconds);
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("messages=%d seconds=%.2f throughput=%.0f messages/s%n", count, elapsed, count / elapsed);
    }

    private static long run(BuiltInSentimentAnalyzer analyzer, String[] corpus, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long count = 0;
        int scored = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 10_000; i++) {
                if (analyzer.analyze(corpus[(int) (count % corpus.length)]) instanceof SentimentResult.Scored) {
                    scored++;
                }
                count++;
            }
        }
        if (scored < 0) {
            System.out.println(scored); // keeps the results alive
        }
        return count;
    }
}
