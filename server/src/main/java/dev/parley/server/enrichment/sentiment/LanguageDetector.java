package dev.parley.server.enrichment.sentiment;

import java.util.Locale;
import java.util.Set;

/**
 * A small, fast guess of a chat message's language, good enough to keep non-English text away from an English
 * lexicon: the script of its letters first (Cyrillic, Greek, Arabic, Hebrew, CJK, ... are never English), then,
 * for Latin script, counts of the most frequent function words of English and six other European languages.
 * A message with no function word is English when it has a word of the English lexicon ("lol", "great!") or holds
 * only emoji and emoticons; otherwise it is undetermined. Thread-safe. Public for the search indexer, which picks
 * each message's text search configuration with the same guess.
 */
public final class LanguageDetector {

    /** Undetermined: not enough evidence for any language. */
    static final String UNDETERMINED = "und";

    private static final String[] LANGUAGES = {"en", "es", "fr", "de", "it", "pt", "nl"};

    private static final Set<String>[] STOPWORDS = stopwords();

    private LanguageDetector() {}

    /** An ISO 639-1 code, {@code und-Xxxx} for a non-Latin script, or {@link #UNDETERMINED}. */
    public static String detect(String text) {
        int latin = 0;
        int other = 0;
        Character.UnicodeScript otherScript = null;
        for (int k = 0; k < text.length(); ) {
            int cp = text.codePointAt(k);
            k += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.LATIN) {
                latin++;
            } else {
                other++;
                otherScript = script;
            }
        }
        if (other > latin) {
            return "und-" + scriptCode(otherScript);
        }
        if (latin == 0) {
            return "en"; // emoji, emoticons and punctuation only: the lexicon covers those for every language
        }
        int[] hits = new int[LANGUAGES.length];
        boolean lexiconWord = false;
        for (String token : Vader.tokens(text)) {
            String word = token.toLowerCase(Locale.ROOT);
            for (int l = 0; l < LANGUAGES.length; l++) {
                if (STOPWORDS[l].contains(word)) {
                    hits[l]++;
                }
            }
            lexiconWord |= Vader.inLexicon(word);
        }
        int best = 0;
        for (int l = 1; l < LANGUAGES.length; l++) {
            if (hits[l] > hits[best]) {
                best = l;
            }
        }
        if (hits[best] == 0) {
            return lexiconWord ? "en" : UNDETERMINED;
        }
        // ties go to English: the shared words ("a", "no", "me") are English as often as not in an English chat
        return hits[best] > hits[0] ? LANGUAGES[best] : "en";
    }

    private static String scriptCode(Character.UnicodeScript script) {
        String name = script == null ? "Zyyy" : script.name();
        return name.charAt(0) + name.substring(1, Math.min(4, name.length())).toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private static Set<String>[] stopwords() {
        return new Set[] {
            Set.of(
                    "the", "and", "is", "are", "was", "were", "you", "i", "it", "to", "of", "in", "that", "this",
                    "have", "has", "for", "with", "my", "your", "we", "they", "be", "will", "what", "at", "on", "but",
                    "not", "do", "so", "just", "me", "im", "i'm", "can", "all", "there", "if", "about", "a", "no", "he",
                    "she", "him", "her", "our", "would", "from", "an", "it's", "don't", "yes"),
            Set.of(
                    "el", "la", "los", "las", "que", "y", "es", "en", "de", "un", "una", "por", "para", "con", "no",
                    "se", "lo", "pero", "muy", "yo", "tu", "mi", "te", "como", "más", "esta", "está", "estoy", "eso",
                    "del", "al", "sí", "hola", "gracias", "hasta", "también", "porque", "qué"),
            Set.of(
                    "le", "la", "les", "et", "est", "je", "tu", "il", "elle", "nous", "vous", "des", "un", "une", "du",
                    "de", "pas", "que", "qui", "pour", "avec", "sur", "dans", "mais", "c'est", "suis", "très", "ce",
                    "ça", "oui", "merci", "bonjour", "moi", "toi", "ne", "au", "aux"),
            Set.of(
                    "der", "die", "das", "und", "ist", "ich", "du", "nicht", "ein", "eine", "zu", "mit", "auf", "für",
                    "es", "sie", "wir", "ihr", "aber", "sehr", "auch", "ja", "nein", "danke", "mir", "dich", "mich",
                    "bin", "hast", "habe", "den", "dem", "noch", "schon", "wie", "was"),
            Set.of(
                    "il", "lo", "la", "gli", "le", "e", "è", "che", "di", "un", "una", "non", "per", "con", "sono",
                    "io", "tu", "ma", "molto", "anche", "come", "sì", "grazie", "ciao", "questo", "perché", "della",
                    "del", "mi", "ti", "ho", "hai", "cosa"),
            Set.of(
                    "o",
                    "a",
                    "os",
                    "as",
                    "e",
                    "é",
                    "que",
                    "de",
                    "um",
                    "uma",
                    "não",
                    "para",
                    "com",
                    "eu",
                    "você",
                    "mas",
                    "muito",
                    "também",
                    "como",
                    "sim",
                    "obrigado",
                    "obrigada",
                    "olá",
                    "tudo",
                    "bem",
                    "isso",
                    "está",
                    "do",
                    "da",
                    "no",
                    "na",
                    "meu",
                    "minha"),
            Set.of(
                    "de", "het", "een", "en", "is", "ik", "je", "niet", "dat", "van", "op", "te", "met", "voor", "maar",
                    "zijn", "wij", "jij", "ook", "heel", "dank", "ja", "nee", "wat", "hoe", "er", "mijn")
        };
    }
}
