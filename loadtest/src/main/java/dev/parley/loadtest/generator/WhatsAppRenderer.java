package dev.parley.loadtest.generator;

import dev.parley.ingest.MessageKind;
import java.time.LocalDateTime;

/**
 * Writes drafts as lines of a WhatsApp chat text export in one {@link ExportStyle}, with the placeholders,
 * direction marks and markers that the real Android and iOS apps write.
 */
final class WhatsAppRenderer {

    static final char LRM = '\u200E';
    static final char NARROW_NBSP = '\u202F';

    private final ExportStyle style;
    private final String groupName;
    private final String newline;

    WhatsAppRenderer(ExportStyle style, String groupName, boolean crlf) {
        this.style = style;
        this.groupName = groupName;
        this.newline = crlf ? "\r\n" : "\n";
    }

    /** Appends the entry, every line of it terminated. */
    void render(MessageDraft draft, StringBuilder out) {
        if (style == ExportStyle.IOS) {
            renderIos(draft, out);
        } else {
            renderAndroid(draft, out);
        }
        out.append(newline);
    }

    private void renderAndroid(MessageDraft draft, StringBuilder out) {
        header(draft.time(), out);
        out.append(" - ");
        if (draft.sender() == null) {
            out.append(draft.text()); // Android system lines have no author
            return;
        }
        out.append(draft.sender()).append(": ");
        switch (draft.kind()) {
            case TEXT -> {
                lines(draft.text(), out);
                if (draft.edited()) {
                    out.append(" <This message was edited>");
                }
            }
            case MEDIA -> {
                if (draft.attachmentName() == null) {
                    out.append("<Media omitted>");
                } else {
                    out.append(draft.attachmentName()).append(" (file attached)");
                    if (draft.text() != null) {
                        out.append(newline).append(draft.text());
                    }
                }
            }
            case CONTACT -> out.append(draft.attachmentName()).append(" (file attached)");
            case DELETED -> out.append(draft.byMe() ? "You deleted this message" : "This message was deleted");
            case POLL -> poll(draft, out);
            case LOCATION -> location(draft, out, "location: ");
            case CALL -> out.append(draft.text());
            case SYSTEM -> out.append(draft.text());
        }
    }

    private void renderIos(MessageDraft draft, StringBuilder out) {
        boolean marked = draft.kind() != MessageKind.TEXT && draft.kind() != MessageKind.POLL;
        if (marked) {
            out.append(LRM);
        }
        header(draft.time(), out);
        out.append(' ');
        if (draft.sender() == null) {
            // iOS attributes system lines to the group and marks the text with an LRM
            out.append(groupName).append(": ").append(LRM).append(draft.text());
            return;
        }
        out.append(draft.sender()).append(": ");
        switch (draft.kind()) {
            case TEXT -> {
                lines(draft.text(), out);
                if (draft.edited()) {
                    out.append(' ').append(LRM).append("<This message was edited>");
                }
            }
            case MEDIA -> {
                out.append(LRM);
                if (draft.attachmentName() == null) {
                    out.append(draft.media().iosOmitted);
                } else {
                    out.append("<attached: ").append(draft.attachmentName()).append('>');
                }
            }
            case CONTACT ->
                out.append(LRM)
                        .append("<attached: ")
                        .append(draft.attachmentName())
                        .append('>');
            case DELETED ->
                out.append(LRM).append(draft.byMe() ? "You deleted this message." : "This message was deleted.");
            case POLL -> poll(draft, out);
            case LOCATION -> {
                out.append(LRM);
                location(draft, out, "Location: ");
            }
            case CALL, SYSTEM -> out.append(LRM).append(draft.text());
        }
    }

    private void lines(String text, StringBuilder out) {
        if (newline.length() == 1) {
            out.append(text);
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append(newline);
            } else {
                out.append(c);
            }
        }
    }

    private void poll(MessageDraft draft, StringBuilder out) {
        out.append("POLL:").append(newline).append(draft.text());
        for (MessageDraft.PollOption option : draft.pollOptions()) {
            out.append(newline)
                    .append("OPTION: ")
                    .append(option.text())
                    .append(" (")
                    .append(option.votes());
            out.append(option.votes() == 1 ? " vote)" : " votes)");
        }
    }

    private static void location(MessageDraft draft, StringBuilder out, String label) {
        out.append(label).append("https://maps.google.com/?q=");
        coordinate(draft.latitude(), out);
        out.append(',');
        coordinate(draft.longitude(), out);
    }

    /** Six decimals, written without String.format so generation stays fast. */
    private static void coordinate(double value, StringBuilder out) {
        long micro = Math.round(value * 1_000_000);
        if (micro < 0) {
            out.append('-');
            micro = -micro;
        }
        out.append(micro / 1_000_000).append('.');
        String fraction = Long.toString(micro % 1_000_000);
        out.repeat('0', 6 - fraction.length()).append(fraction);
    }

    private void header(LocalDateTime time, StringBuilder out) {
        int day = time.getDayOfMonth();
        int month = time.getMonthValue();
        int year = time.getYear();
        switch (style) {
            case ANDROID_24H -> {
                out.append(day).append('/').append(month).append('/');
                twoDigits(year % 100, out).append(", ");
                twoDigits(time.getHour(), out).append(':');
                twoDigits(time.getMinute(), out);
            }
            case US_12H -> {
                out.append(month).append('/').append(day).append('/');
                twoDigits(year % 100, out).append(", ");
                int hour = time.getHour() % 12;
                out.append(hour == 0 ? 12 : hour).append(':');
                twoDigits(time.getMinute(), out).append(NARROW_NBSP).append(time.getHour() < 12 ? "AM" : "PM");
            }
            case IOS -> {
                out.append('[');
                twoDigits(day, out).append('/');
                twoDigits(month, out).append('/').append(year).append(", ");
                twoDigits(time.getHour(), out).append(':');
                twoDigits(time.getMinute(), out).append(':');
                twoDigits(time.getSecond(), out).append(']');
            }
        }
    }

    private static StringBuilder twoDigits(int value, StringBuilder out) {
        if (value < 10) {
            out.append('0');
        }
        return out.append(value);
    }
}
