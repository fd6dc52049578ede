package dev.parley.server.search;

import dev.parley.server.enrichment.sentiment.LanguageDetector;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The PostgreSQL text search configuration of a message: the stemmer and stop words of its language where the
 * language detector recognises one PostgreSQL ships, {@code simple} (lower-cased words, no stemming, no stop words)
 * otherwise — short messages, names, other scripts. The indexer stores it per row; {@link #OWN_QUERY} checks each
 * row with the query parsed in that row's configuration.
 */
final class TextSearchConfigs {

    static final String SIMPLE = "simple";

    private static final Map<String, String> BY_LANGUAGE = Map.of(
            "en", "english",
            "es", "spanish",
            "fr", "french",
            "de", "german",
            "it", "italian",
            "pt", "portuguese",
            "nl", "dutch");

    /** {@code simple} first, then the languages, in a fixed order. */
    static final List<String> ALL = Stream.concat(
                    Stream.of(SIMPLE), BY_LANGUAGE.values().stream().sorted())
            .toList();

    /**
     * The query in the configuration of row {@code s} of {@code message_search}, looked up in the arrays of
     * {@link #queries} ({@code simple} for a configuration no longer in {@link #ALL}). Short, because the driver
     * tokenises a statement's whole text again on every execution, and a search statement writes this ten times:
     * written as a {@code CASE} over the configurations, it was 28% of the text of search by rank, whose tokenising
     * took 86 µs and 269 KB per search (a third of what the server allocated for one), 70 µs and 216 KB without.
     */
    static final String OWN_QUERY = "coalesce(q.queries[array_position(q.configs, s.config)], q.simple)";

    private TextSearchConfigs() {}

    /**
     * Whether row {@code s} of {@code message_search} holds the query of {@link #queries}: it matches the disjunction,
     * which the GIN index and the newest-first scan filter with, and the query in its own configuration unless every
     * configuration parsed the query alike ({@code q.uniform}: most words, which no stemmer changes; then the first
     * check is the second).
     */
    static final String MATCH = "s.tsv @@ q.anyconfig AND (q.uniform OR s.tsv @@ " + OWN_QUERY + ")";

    /**
     * The lexemes of the query in every configuration, as an array from {@link #queries}: the words whose messages
     * {@code search_terms} and {@code search_term_months} count.
     */
    static final String LEXEMES = "CAST((SELECT q.lexemes FROM q) AS text[])";

    /**
     * The common table expression {@code q}: one row with the query (the parameter {@code query} places) parsed once
     * per configuration ({@code q.simple}, {@code q.english}, ...) and, for {@link #OWN_QUERY}, as {@code q.queries}
     * in the order of {@code q.configs}; {@code q.anyconfig}, their disjunction with each distinct query once;
     * {@code q.uniform}, whether all are the same; and {@code q.lexemes} ({@link #LEXEMES}), each lexeme of the query in
     * any configuration once (the statement looks them up in up to five places, and parsed the text eight times for
     * each). A row that matches its own configuration's query matches {@code anyconfig}, so the GIN index and the
     * newest-first scan filter with that value.
     *
     * <p>The disjunction of the eight queries as parsed held a word eight times, and each row that does not hold it was
     * looked up eight times; with the second check of {@link #MATCH} skipped too, search by rank of a word in a fifth of
     * 5M messages, which checks 2,500 rows for its 500 candidates, ran 1,131 times a second on 4 clients instead of 840.
     * Each distinct query is written as text and parsed back ({@code tsquery}'s output is its input), once per
     * statement; a query of stop words only is left out, as {@code ||} leaves it out.
     *
     * <p>Materialized, so it is computed once per execution: statements are prepared, and after five executions
     * PostgreSQL plans them generically; inlined, the generic plan parsed the eight queries from the parameter again
     * for every row it checked (a rare word: 12 ms instead of 2 ms). Written once per statement, not in each of its
     * branches: the driver reads the whole SQL text again on every execution (a fifth of the server's CPU in a search
     * by rank, when each branch held its own copy).
     */
    static String queries(String query) {
        String each = ALL.stream().map(config -> "q." + config).collect(Collectors.joining(", "));
        return "q AS MATERIALIZED (SELECT q.*, coalesce((SELECT string_agg(DISTINCT '(' || c::text || ')', ' | ')"
                + "::tsquery FROM unnest(ARRAY[" + each + "]) c WHERE numnode(c) > 0), q.simple) AS anyconfig, "
                + ALL.stream()
                        .skip(1)
                        .map(config -> "q." + SIMPLE + " = q." + config)
                        .collect(Collectors.joining(" AND "))
                + " AS uniform, ARRAY[" + each + "] AS queries, ARRAY(SELECT DISTINCT unnest(tsvector_to_array("
                + "to_tsvector(c, " + query + "))) FROM unnest(q.configs) c) AS lexemes FROM (SELECT CAST(ARRAY["
                + ALL.stream().map(config -> "'" + config + "'").collect(Collectors.joining(", "))
                + "] AS regconfig[]) AS configs, "
                + ALL.stream()
                        .map(config -> "websearch_to_tsquery('" + config + "', " + query + ") AS " + config)
                        .collect(Collectors.joining(", "))
                + ") q)";
    }

    /** The configuration to index {@code text} with. */
    static String of(String text) {
        return BY_LANGUAGE.getOrDefault(LanguageDetector.detect(text), SIMPLE);
    }
}
