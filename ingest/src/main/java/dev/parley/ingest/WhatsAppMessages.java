package dev.parley.ingest;

import dev.parley.ingest.WhatsAppPlaceholders.Placeholder;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Turns one assembled WhatsApp message (header fields, author, text) into the right {@link ChatMessage}. */
final class WhatsAppMessages {

    private static final char LRM = '\u200E';

    private WhatsAppMessages() {}

    /**
     * @param system an author-less line
     * @param marked the text began with U+200E, which iOS uses for lines the app wrote (system lines and
     *     placeholders alike); unless a placeholder matches it is a system line
     * @param mayBeExact the raw first line passed {@link WhatsAppPlaceholders#mayBeExact}; when false it is no
     *     whole-line placeholder (unless an edit mark is stripped from it here)
     * @param multiLine the text spans more than one line of the export (a single line needs no search for '\n')
     */
    static ChatMessage build(
            long ordinal,
            LocalDateTime time,
            Instant at,
            @Nullable String sender,
            String text,
            boolean system,
            boolean marked,
            boolean mayBeExact,
            boolean multiLine,
            Predicate<String> present) {
        if (system || sender == null) {
            return new SystemMessage(ordinal, time, at, null, text, false, null, null);
        }
        boolean edited = false;
        int length = text.length();
        if (length > 0 && text.charAt(length - 1) == '>') {
            for (String mark : WhatsAppPlaceholders.EDITED) {
                int open = length - mark.length();
                // "<Media omitted>" ends with '>' too: look at the mark's '<' before comparing all of it
                if (open >= 0 && text.charAt(open) == '<' && text.startsWith(mark, open)) {
                    text = stripTrailingSpaceAndMarks(text.substring(0, open));
                    edited = true;
                    break;
                }
            }
        }
        int newline = multiLine ? text.indexOf('\n') : -1;
        String first = newline < 0 ? text : text.substring(0, newline);
        String rest = newline < 0 ? null : text.substring(newline + 1);
        if ((mayBeExact || edited) && first.length() <= WhatsAppPlaceholders.LONGEST_EXACT) {
            Placeholder placeholder = WhatsAppPlaceholders.exact(stripMarks(first));
            if (placeholder != null) {
                return switch (placeholder.kind()) {
                    case MEDIA ->
                        new MediaMessage(
                                ordinal,
                                time,
                                at,
                                sender,
                                rest,
                                edited,
                                null,
                                null,
                                new Attachment(null, placeholder.mediaType(), false));
                    case CONTACT -> new ContactMessage(ordinal, time, at, sender, rest, edited, null, null, null, null);
                    case DELETED -> new DeletedMessage(ordinal, time, at, sender, null, edited, null, null);
                    default ->
                        new CallMessage(
                                ordinal,
                                time,
                                at,
                                sender,
                                text,
                                edited,
                                null,
                                null,
                                placeholder.video(),
                                placeholder.missed(),
                                null);
                };
            }
        }
        char last = first.isEmpty() ? 0 : first.charAt(first.length() - 1);
        if (last == ')') {
            for (String suffix : WhatsAppPlaceholders.FILE_ATTACHED) {
                if (first.endsWith(suffix)) {
                    String name = stripMarks(first.substring(0, first.length() - suffix.length()));
                    return attachment(ordinal, time, at, sender, rest, edited, name, present);
                }
            }
        } else if (last == '>') {
            for (String prefix : WhatsAppPlaceholders.ATTACHED) {
                int index = first.indexOf(prefix);
                if (index >= 0) {
                    String name = first.substring(index + prefix.length(), first.length() - 1);
                    return attachment(ordinal, time, at, sender, rest, edited, name, present);
                }
            }
        } else if (last == 'd' && first.endsWith("document omitted")) {
            return new MediaMessage(
                    ordinal,
                    time,
                    at,
                    sender,
                    rest,
                    edited,
                    null,
                    null,
                    new Attachment(null, MediaType.DOCUMENT, false));
        }
        if (rest != null
                && !first.isEmpty()
                && Character.isUpperCase(stripMarks(first).charAt(0))) {
            PollMessage poll = poll(ordinal, time, at, sender, stripMarks(first), rest, edited);
            if (poll != null) {
                return poll;
            }
        }
        if (text.length() < 512 && first.contains(WhatsAppPlaceholders.MAPS)) {
            LocationMessage location = location(ordinal, time, at, sender, text, edited);
            if (location != null) {
                return location;
            }
        }
        if (marked) {
            return new SystemMessage(ordinal, time, at, null, text, false, null, null);
        }
        return new TextMessage(ordinal, time, at, sender, text, edited, null, null);
    }

    private static ChatMessage attachment(
            long ordinal,
            LocalDateTime time,
            Instant at,
            String sender,
            @Nullable String caption,
            boolean edited,
            String name,
            Predicate<String> present) {
        MediaType type = WhatsAppPlaceholders.mediaTypeOf(name);
        var attachment = new Attachment(name, type, present.test(name));
        if (type == MediaType.CONTACT) {
            String contact = name.length() > 4 ? name.substring(0, name.length() - 4) : name;
            return new ContactMessage(ordinal, time, at, sender, caption, edited, null, null, contact, attachment);
        }
        return new MediaMessage(ordinal, time, at, sender, caption, edited, null, null, attachment);
    }

    private static @Nullable PollMessage poll(
            long ordinal, LocalDateTime time, Instant at, String sender, String first, String rest, boolean edited) {
        for (int p = 0; p < WhatsAppPlaceholders.POLL.size(); p++) {
            if (!first.equals(WhatsAppPlaceholders.POLL.get(p))) {
                continue;
            }
            String optionPrefix = WhatsAppPlaceholders.OPTION.get(p);
            String[] lines = rest.split("\n", -1);
            String question = stripMarks(lines[0]);
            List<PollOption> options = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String line = stripMarks(lines[i]);
                if (!line.startsWith(optionPrefix)) {
                    continue;
                }
                String option = line.substring(optionPrefix.length());
                int votes = 0;
                int open = option.lastIndexOf(" (");
                if (open >= 0 && option.endsWith(")")) {
                    int digitsEnd = open + 2;
                    while (digitsEnd < option.length() && Character.isDigit(option.charAt(digitsEnd))) {
                        digitsEnd++;
                    }
                    if (digitsEnd > open + 2 && digitsEnd - open - 2 < 10) {
                        votes = Integer.parseInt(option.substring(open + 2, digitsEnd));
                        option = option.substring(0, open);
                    }
                }
                options.add(new PollOption(option, votes));
            }
            return new PollMessage(ordinal, time, at, sender, question, edited, null, null, options);
        }
        return null;
    }

    private static @Nullable LocationMessage location(
            long ordinal, LocalDateTime time, Instant at, String sender, String text, boolean edited) {
        int q = text.indexOf(WhatsAppPlaceholders.MAPS) + WhatsAppPlaceholders.MAPS.length();
        int comma = text.indexOf(',', q);
        if (comma < 0) {
            return null;
        }
        int end = comma + 1;
        while (end < text.length() && "-+.0123456789".indexOf(text.charAt(end)) >= 0) {
            end++;
        }
        try {
            double latitude = Double.parseDouble(text.substring(q, comma));
            double longitude = Double.parseDouble(text.substring(comma + 1, end));
            if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
                return null;
            }
            return new LocationMessage(ordinal, time, at, sender, text, edited, null, null, latitude, longitude);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Removes the direction marks WhatsApp puts around placeholders and names. */
    static String stripMarks(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isMark(s.charAt(start))) {
            start++;
        }
        while (end > start && isMark(s.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    private static String stripTrailingSpaceAndMarks(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\u00A0' || isMark(s.charAt(end - 1)))) {
            end--;
        }
        return s.substring(0, end);
    }

    static boolean isMark(char c) {
        return c == LRM || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
