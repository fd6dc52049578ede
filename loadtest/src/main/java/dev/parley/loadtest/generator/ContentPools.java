package dev.parley.loadtest.generator;

import java.util.List;

/**
 * Fixed vocabularies the generator draws from. Mixed scripts on purpose: the parser must keep non-Latin
 * names and text verbatim, and emoji sequences (ZWJ families, skin tones, flags) must survive chunk splits.
 */
final class ContentPools {

    static final List<String> CONTACT_NAMES = List.of(
            "Alice Martin",
            "Bob",
            "Carlos García",
            "Dörte Müller",
            "Émilie Laurent",
            "Fatima Zahra",
            "Giovanni Rossi",
            "Hannah",
            "Ingrid Øster",
            "João Silva",
            "Kwame Mensah",
            "Lena",
            "Mom",
            "Dad 🧔",
            "Nguyễn Văn An",
            "O'Brien, Seán",
            "Priya 🌸",
            "Анна Иванова",
            "Дмитрий",
            "Сергей Петров",
            "محمد علي",
            "فاطمة",
            "ليلى حسن",
            "王伟",
            "李娜",
            "田中 太郎",
            "さくら",
            "김민준",
            "राहुल शर्मा",
            "प्रिया",
            "Ολυμπία",
            "יעל כהן");

    /** Senders who are not in the exporting phone's contacts: WhatsApp prefixes them with a tilde. */
    static final List<String> NON_CONTACT_NAMES =
            List.of("~ Max", "~ Jo 🎸", "~ Мария", "~ أحمد", "~ 小明", "~ Zoë", "~ अनिल");

    /** Unknown numbers appear as the phone number itself. */
    static final List<String> PHONE_NUMBERS =
            List.of("+44 7700 900123", "+49 151 23456789", "+1 (555) 010-4477", "+91 98765 43210", "+7 912 345-67-89");

    static final List<String> GROUP_NAMES =
            List.of("Family ❤️", "Climbing crew 🧗", "Flat 3B", "Школа 2008", "الأصدقاء", "大学の友達", "Project Atlas");

    static final List<String> WORDS = List.of(
            "ok",
            "yes",
            "no",
            "maybe",
            "tomorrow",
            "tonight",
            "later",
            "lunch",
            "dinner",
            "coffee",
            "train",
            "late",
            "home",
            "work",
            "meeting",
            "weekend",
            "beach",
            "rain",
            "sun",
            "photos",
            "party",
            "birthday",
            "cake",
            "call",
            "me",
            "you",
            "we",
            "they",
            "the",
            "a",
            "is",
            "are",
            "was",
            "going",
            "to",
            "at",
            "on",
            "in",
            "for",
            "with",
            "without",
            "really",
            "great",
            "sorry",
            "thanks",
            "thank",
            "love",
            "miss",
            "see",
            "soon",
            "what",
            "when",
            "where",
            "why",
            "how",
            "who",
            "haha",
            "lol",
            "omg",
            "sure",
            "fine",
            "busy",
            "ticket",
            "flight",
            "hotel",
            "kids",
            "school",
            "dog",
            "cat",
            "car",
            "bus",
            "ready",
            "done",
            "now",
            "heute",
            "morgen",
            "gerne",
            "vielleicht",
            "Bahn",
            "Straße",
            "mañana",
            "gracias",
            "vamos",
            "claro",
            "niño",
            "ça",
            "va",
            "très",
            "bien",
            "déjà",
            "obrigado",
            "saudade",
            "привет",
            "как",
            "дела",
            "хорошо",
            "завтра",
            "спасибо",
            "مرحبا",
            "شكرا",
            "غدا",
            "حبيبي",
            "你好",
            "谢谢",
            "明天",
            "好的",
            "ありがとう",
            "今日",
            "대박",
            "नमस्ते",
            "धन्यवाद",
            "कल",
            "γεια",
            "שלום");

    static final List<String> EMOJI = List.of(
            "😂",
            "❤️",
            "👍",
            "🙏",
            "😭",
            "🥳",
            "🔥",
            "😅",
            "🎉",
            "😍",
            "🤔",
            "👀",
            "✅",
            "☕",
            "🍕",
            // skin tones
            "👍🏽",
            "👋🏿",
            "🙌🏻",
            "💪🏾",
            "🤝🏼",
            // ZWJ sequences: families, professions, rainbow flag, heart on fire
            "👨‍👩‍👧‍👦",
            "👩‍👩‍👦",
            "👨‍👨‍👧",
            "🧑‍💻",
            "👩🏽‍🚀",
            "🏳️‍🌈",
            "❤️‍🔥",
            "🧔‍♂️",
            // regional-indicator flags and a tag-sequence flag
            "🇩🇪",
            "🇧🇷",
            "🇯🇵",
            "🇮🇳",
            "🇺🇦",
            "🇪🇸",
            "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
            // keycap
            "1️⃣");

    static final List<String> DOMAINS = List.of(
            "example.com",
            "www.youtube.com",
            "youtu.be",
            "maps.google.com",
            "en.wikipedia.org",
            "github.com",
            "news.ycombinator.com",
            "www.bbc.co.uk",
            "www.spiegel.de",
            "www.instagram.com",
            "open.spotify.com",
            "docs.google.com",
            "t.co",
            "bit.ly",
            "example.org",
            "пример.рф",
            "shop.example.co.jp");

    static final List<String> PATH_SEGMENTS =
            List.of("watch", "wiki", "article", "p", "share", "track", "2023", "news", "item", "d", "en", "x");

    static final List<String> POLL_QUESTIONS =
            List.of("Lunch?", "Which date works?", "Где встречаемся?", "Film tonight 🎬", "أي يوم؟", "どこに行く？");

    static final List<String> POLL_OPTIONS = List.of(
            "Pizza",
            "Sushi",
            "Saturday",
            "Sunday",
            "Friday evening",
            "У меня",
            "Центр",
            "Dune",
            "Barbie",
            "الجمعة",
            "京都",
            "Not sure 🤷");

    /** A continuation line that starts like a date but is not a header: must stay part of the message. */
    static final List<String> DATE_LIKE_CONTINUATIONS =
            List.of("3/4 of the pizza is left", "12/05 works for me", "24/7 open", "1/2 cup sugar, 2/3 cup flour");

    private ContentPools() {}
}
