package dev.parley.server.enrichment.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * VADER (Hutto &amp; Gilbert, ICWSM 2014) on its published lexicon ({@code vader_lexicon.txt}, MIT licence, see
 * docs/operations.md): valence of lexicon words, shifted by the rules of VADER 3.3 — booster and dampener words,
 * negation in the three preceding words, "no", "least", "never so", idioms, ALL-CAPS emphasis when the rest is not
 * capitalised, contrastive "but", and exclamation and question-mark emphasis; emoji are scored through their Unicode
 * names, as VADER does. One Parley addition for chat text: an elongated word ("goooood") that is not in the
 * lexicon is scored as its squeezed form, emphasised like a booster.
 *
 * <p>Stateless and thread-safe; allocation is a token list per text, so it runs at several 100k short messages per
 * second on one core.
 */
final class Vader {

    static final double B_INCR = 0.293;
    static final double B_DECR = -0.293;
    static final double C_INCR = 0.733;
    static final double N_SCALAR = -0.74;

    private static final Map<String, Double> LEXICON = loadLexicon();

    private static final Set<String> NEGATE = Set.of(
            "aint",
            "arent",
            "cannot",
            "cant",
            "couldnt",
            "darent",
            "didnt",
            "doesnt",
            "ain't",
            "aren't",
            "can't",
            "couldn't",
            "daren't",
            "didn't",
            "doesn't",
            "dont",
            "hadnt",
            "hasnt",
            "havent",
            "isnt",
            "mightnt",
            "mustnt",
            "neither",
            "don't",
            "hadn't",
            "hasn't",
            "haven't",
            "isn't",
            "mightn't",
            "mustn't",
            "neednt",
            "needn't",
            "never",
            "none",
            "nope",
            "nor",
            "not",
            "nothing",
            "nowhere",
            "oughtnt",
            "shant",
            "shouldnt",
            "uhuh",
            "wasnt",
            "werent",
            "oughtn't",
            "shan't",
            "shouldn't",
            "uh-uh",
            "wasn't",
            "weren't",
            "without",
            "wont",
            "wouldnt",
            "won't",
            "wouldn't",
            "rarely",
            "seldom",
            "despite");

    private static final Map<String, Double> BOOSTERS = boosters();

    private static final Map<String, Double> IDIOMS = Map.of(
            "the shit", 3.0,
            "the bomb", 3.0,
            "bad ass", 1.5,
            "badass", 1.5,
            "yeah right", -2.0,
            "kiss of death", -1.5,
            "to die for", 3.0,
            "beating heart", 3.1,
            "broken heart", -2.9,
            "hand to mouth", -2.0);

    private Vader() {}

    /**
     * Loads the lexicon now. Called where blocking is allowed (bean creation at startup), so the first message,
     * scored on an event loop, does not read a resource file there.
     */
    static int lexiconSize() {
        return LEXICON.size();
    }

    /** The compound score in [-1, 1] of {@code text}; 0 when nothing in it carries sentiment. */
    static double compound(String text) {
        String expanded = Emoji.describe(text);
        List<String> words = tokens(expanded);
        if (words.isEmpty()) {
            return 0;
        }
        int n = words.size();
        String[] lower = new String[n];
        for (int i = 0; i < n; i++) {
            lower[i] = words.get(i).toLowerCase(java.util.Locale.ROOT);
        }
        boolean capDifferential = capDifferential(words);
        double[] sentiments = new double[n];
        for (int i = 0; i < n; i++) {
            String item = lower[i];
            if (BOOSTERS.containsKey(item) || (i < n - 1 && item.equals("kind") && lower[i + 1].equals("of"))) {
                continue;
            }
            sentiments[i] = valence(words, lower, i, capDifferential);
        }
        butCheck(lower, sentiments);
        double sum = 0;
        for (double s : sentiments) {
            sum += s;
        }
        if (sum == 0) {
            return 0;
        }
        double emphasis = punctuationEmphasis(expanded);
        sum += sum > 0 ? emphasis : -emphasis;
        return normalize(sum);
    }

    private static double valence(List<String> words, String[] lower, int i, boolean capDifferential) {
        String item = lower[i];
        Double lexical = LEXICON.get(item);
        double elongationBoost = 0;
        if (lexical == null) {
            String squeezed = squeeze(item);
            if (squeezed == null || (lexical = lookupSqueezed(squeezed)) == null) {
                return 0;
            }
            elongationBoost = B_INCR;
        }
        double valence = lexical;
        int n = lower.length;
        if (item.equals("no") && i != n - 1 && LEXICON.containsKey(lower[i + 1])) {
            valence = 0;
        }
        if ((i > 0 && lower[i - 1].equals("no"))
                || (i > 1 && lower[i - 2].equals("no"))
                || (i > 2 && lower[i - 3].equals("no") && (lower[i - 1].equals("or") || lower[i - 1].equals("nor")))) {
            valence = lexical * N_SCALAR;
        }
        if (elongationBoost != 0) {
            valence += valence > 0 ? elongationBoost : -elongationBoost;
        }
        if (capDifferential && isUpper(words.get(i))) {
            valence += valence > 0 ? C_INCR : -C_INCR;
        }
        for (int start = 0; start < 3; start++) {
            int j = i - (start + 1);
            if (j >= 0 && !LEXICON.containsKey(lower[j])) {
                double s = scalar(words.get(j), lower[j], valence, capDifferential);
                if (start == 1 && s != 0) {
                    s *= 0.95;
                } else if (start == 2 && s != 0) {
                    s *= 0.9;
                }
                valence += s;
                valence = negationCheck(valence, lower, start, i);
                if (start == 2) {
                    valence = idiomsCheck(valence, lower, i);
                }
            }
        }
        return leastCheck(valence, lower, i);
    }

    private static Double lookupSqueezed(String squeezed) {
        Double value = LEXICON.get(squeezed);
        if (value != null) {
            return value;
        }
        // "soooo goood": runs squeezed to two letters first ("good"), then to one ("god" is not wanted, but "so" is)
        String single = squeezeTo(squeezed, 1);
        return single.equals(squeezed) ? null : LEXICON.get(single);
    }

    /** The word with runs of three or more equal letters cut to two, or null when it has no such run. */
    static String squeeze(String word) {
        String result = squeezeTo(word, 2);
        return result.length() == word.length() ? null : result;
    }

    private static String squeezeTo(String word, int max) {
        StringBuilder out = new StringBuilder(word.length());
        int run = 0;
        char previous = 0;
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            run = c == previous ? run + 1 : 1;
            previous = c;
            if (run <= max) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static double scalar(String word, String lower, double valence, boolean capDifferential) {
        Double booster = BOOSTERS.get(lower);
        if (booster == null) {
            return 0;
        }
        double scalar = valence < 0 ? -booster : booster;
        if (capDifferential && isUpper(word)) {
            scalar += valence > 0 ? C_INCR : -C_INCR;
        }
        return scalar;
    }

    private static double negationCheck(double valence, String[] lower, int start, int i) {
        if (start == 0) {
            return negated(lower[i - 1]) ? valence * N_SCALAR : valence;
        }
        if (start == 1) {
            if (lower[i - 2].equals("never") && (lower[i - 1].equals("so") || lower[i - 1].equals("this"))) {
                return valence * 1.25;
            }
            if (lower[i - 2].equals("without") && lower[i - 1].equals("doubt")) {
                return valence;
            }
            return negated(lower[i - 2]) ? valence * N_SCALAR : valence;
        }
        if ((lower[i - 3].equals("never") && (lower[i - 2].equals("so") || lower[i - 2].equals("this")))
                || lower[i - 1].equals("so")
                || lower[i - 1].equals("this")) {
            return valence * 1.25;
        }
        if (lower[i - 3].equals("without") && (lower[i - 2].equals("doubt") || lower[i - 1].equals("doubt"))) {
            return valence;
        }
        return negated(lower[i - 3]) ? valence * N_SCALAR : valence;
    }

    static boolean negated(String lowerWord) {
        return NEGATE.contains(lowerWord) || lowerWord.contains("n't");
    }

    private static double idiomsCheck(double valence, String[] lower, int i) {
        String oneZero = lower[i - 1] + " " + lower[i];
        String twoOneZero = lower[i - 2] + " " + oneZero;
        String twoOne = lower[i - 2] + " " + lower[i - 1];
        String threeTwoOne = lower[i - 3] + " " + twoOne;
        String threeTwo = lower[i - 3] + " " + lower[i - 2];
        for (String sequence : new String[] {oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo}) {
            Double idiom = IDIOMS.get(sequence);
            if (idiom != null) {
                valence = idiom;
                break;
            }
        }
        if (lower.length - 1 > i) {
            Double idiom = IDIOMS.get(lower[i] + " " + lower[i + 1]);
            if (idiom != null) {
                valence = idiom;
            }
        }
        if (lower.length - 1 > i + 1) {
            Double idiom = IDIOMS.get(lower[i] + " " + lower[i + 1] + " " + lower[i + 2]);
            if (idiom != null) {
                valence = idiom;
            }
        }
        if (BOOSTERS.containsKey(threeTwo) || BOOSTERS.containsKey(twoOne)) {
            valence += B_DECR;
        }
        return valence;
    }

    private static double leastCheck(double valence, String[] lower, int i) {
        if (i > 1 && lower[i - 1].equals("least") && !LEXICON.containsKey("least")) {
            if (!lower[i - 2].equals("at") && !lower[i - 2].equals("very")) {
                return valence * N_SCALAR;
            }
        } else if (i > 0 && lower[i - 1].equals("least") && !LEXICON.containsKey("least")) {
            return valence * N_SCALAR;
        }
        return valence;
    }

    private static void butCheck(String[] lower, double[] sentiments) {
        int but = -1;
        for (int i = 0; i < lower.length; i++) {
            if (lower[i].equals("but")) {
                but = i;
                break;
            }
        }
        if (but < 0) {
            return;
        }
        for (int i = 0; i < sentiments.length; i++) {
            if (i < but) {
                sentiments[i] *= 0.5;
            } else if (i > but) {
                sentiments[i] *= 1.5;
            }
        }
    }

    private static double punctuationEmphasis(String text) {
        int exclamations = 0;
        int questions = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '!') {
                exclamations++;
            } else if (c == '?') {
                questions++;
            }
        }
        double emphasis = Math.min(exclamations, 4) * 0.292;
        if (questions > 1) {
            emphasis += questions <= 3 ? questions * 0.18 : 0.96;
        }
        return emphasis;
    }

    static double normalize(double score) {
        double normalized = score / Math.sqrt(score * score + 15);
        return Math.max(-1, Math.min(1, normalized));
    }

    /** VADER's tokens: whitespace-separated, with surrounding punctuation stripped unless that leaves ≤ 2 chars. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int length = text.length();
        int k = 0;
        while (k < length) {
            while (k < length && Character.isWhitespace(text.charAt(k))) {
                k++;
            }
            int start = k;
            while (k < length && !Character.isWhitespace(text.charAt(k))) {
                k++;
            }
            if (k > start) {
                tokens.add(stripPunctuationIfWord(text, start, k));
            }
        }
        return tokens;
    }

    private static String stripPunctuationIfWord(String text, int start, int end) {
        int s = start;
        int e = end;
        while (s < e && isAsciiPunctuation(text.charAt(s))) {
            s++;
        }
        while (e > s && isAsciiPunctuation(text.charAt(e - 1))) {
            e--;
        }
        return e - s <= 2 ? text.substring(start, end) : text.substring(s, e);
    }

    private static boolean isAsciiPunctuation(char c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }

    private static boolean capDifferential(List<String> words) {
        int upper = 0;
        for (String word : words) {
            if (isUpper(word)) {
                upper++;
            }
        }
        int differential = words.size() - upper;
        return differential > 0 && differential < words.size();
    }

    /** Python's {@code str.isupper()}: at least one cased letter and no lower-case one. */
    static boolean isUpper(String word) {
        boolean cased = false;
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            if (Character.isLowerCase(c)) {
                return false;
            }
            if (Character.isUpperCase(c)) {
                cased = true;
            }
        }
        return cased;
    }

    static boolean inLexicon(String lowerWord) {
        return LEXICON.containsKey(lowerWord);
    }

    private static Map<String, Double> boosters() {
        Map<String, Double> map = new HashMap<>();
        for (String word : List.of(
                "absolutely",
                "amazingly",
                "awfully",
                "completely",
                "considerable",
                "considerably",
                "decidedly",
                "deeply",
                "effing",
                "enormous",
                "enormously",
                "entirely",
                "especially",
                "exceptional",
                "exceptionally",
                "extreme",
                "extremely",
                "fabulously",
                "flipping",
                "flippin",
                "frackin",
                "fracking",
                "fricking",
                "frickin",
                "frigging",
                "friggin",
                "fully",
                "fuckin",
                "fucking",
                "fuggin",
                "fugging",
                "greatly",
                "hella",
                "highly",
                "hugely",
                "incredible",
                "incredibly",
                "intensely",
                "major",
                "majorly",
                "more",
                "most",
                "particularly",
                "purely",
                "quite",
                "really",
                "remarkably",
                "so",
                "substantially",
                "thoroughly",
                "total",
                "totally",
                "tremendous",
                "tremendously",
                "uber",
                "unbelievably",
                "unusually",
                "utter",
                "utterly",
                "very",
                "super",
                "soo",
                "sooo")) {
            map.put(word, B_INCR);
        }
        for (String word : List.of(
                "almost",
                "barely",
                "hardly",
                "just enough",
                "kind of",
                "kinda",
                "kindof",
                "kind-of",
                "less",
                "little",
                "marginal",
                "marginally",
                "occasional",
                "occasionally",
                "partly",
                "scarce",
                "scarcely",
                "slight",
                "slightly",
                "somewhat",
                "sort of",
                "sorta",
                "sortof",
                "sort-of")) {
            map.put(word, B_DECR);
        }
        return Map.copyOf(map);
    }

    private static Map<String, Double> loadLexicon() {
        InputStream in = Objects.requireNonNull(
                Vader.class.getResourceAsStream("vader_lexicon.txt"), "vader_lexicon.txt on the classpath");
        Map<String, Double> lexicon = new HashMap<>(16_384);
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (tab <= 0) {
                    continue;
                }
                int next = line.indexOf('\t', tab + 1);
                String value = next < 0 ? line.substring(tab + 1) : line.substring(tab + 1, next);
                lexicon.put(line.substring(0, tab), Double.parseDouble(value.trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the VADER lexicon", e);
        }
        return Map.copyOf(lexicon);
    }
}
