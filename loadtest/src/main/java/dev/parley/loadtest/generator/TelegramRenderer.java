package dev.parley.loadtest.generator;

import dev.parley.ingest.MessageKind;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes drafts as the {@code messages} array of a Telegram Desktop {@code result.json} ("Export chat
 * history", machine-readable JSON). Text with links uses the mixed array form; service entries become
 * {@code "type": "service"}. Dates are written as if the wall clock were UTC.
 */
final class TelegramRenderer {

    private final String chatName;
    private final List<String> senders;
    private long id;

    TelegramRenderer(String chatName, List<String> senders) {
        this.chatName = chatName;
        this.senders = senders;
    }

    String head() {
        StringBuilder out = new StringBuilder(128);
        out.append("{\n \"name\": ");
        string(chatName, out);
        out.append(",\n \"type\": \"private_group\",\n \"id\": 4242424242,\n \"messages\": [");
        return out.toString();
    }

    String tail() {
        return "\n ]\n}\n";
    }

    void render(MessageDraft draft, StringBuilder out) {
        id++;
        out.append(id == 1 ? "\n  {\n   \"id\": " : ",\n  {\n   \"id\": ").append(id);
        boolean service = draft.kind() == MessageKind.SYSTEM || draft.kind() == MessageKind.CALL;
        out.append(",\n   \"type\": \"").append(service ? "service" : "message").append('"');
        date(draft.time(), out);
        if (service) {
            service(draft, out);
        } else {
            message(draft, out);
        }
        out.append("\n  }");
    }

    private void service(MessageDraft draft, StringBuilder out) {
        String actor = draft.sender() == null ? senders.getFirst() : draft.sender();
        out.append(",\n   \"actor\": ");
        string(actor, out);
        out.append(",\n   \"actor_id\": \"user").append(userId(actor)).append('"');
        if (draft.kind() == MessageKind.CALL) {
            out.append(",\n   \"action\": \"phone_call\",\n   \"discard_reason\": \"missed\"");
        } else {
            out.append(",\n   \"action\": \"edit_group_title\",\n   \"title\": ");
            string(draft.text(), out);
        }
        out.append(",\n   \"text\": \"\",\n   \"text_entities\": []");
    }

    private void message(MessageDraft draft, StringBuilder out) {
        String from = draft.sender();
        out.append(",\n   \"from\": ");
        string(from, out);
        out.append(",\n   \"from_id\": \"user").append(userId(from)).append('"');
        if (draft.edited()) {
            out.append(",\n   \"edited\": ");
            isoDateTime(draft.time().plusMinutes(1), out);
        }
        if (id > 3 && id % 7 == 0) {
            out.append(",\n   \"reply_to_message_id\": ").append(id - 2);
        }
        switch (draft.kind()) {
            case TEXT -> text(draft.text(), out);
            case MEDIA -> {
                out.append(",\n   \"photo\": \"photos/photo_").append(id).append("@");
                out.append(draft.time().toLocalDate()).append(".jpg\",\n   \"width\": 1280,\n   \"height\": 960");
                text(draft.text() == null ? "" : draft.text(), out);
            }
            case POLL -> {
                out.append(",\n   \"poll\": {\n    \"question\": ");
                string(draft.text(), out);
                out.append(",\n    \"closed\": false,\n    \"answers\": [");
                int total = 0;
                for (int i = 0; i < draft.pollOptions().size(); i++) {
                    MessageDraft.PollOption option = draft.pollOptions().get(i);
                    out.append(i == 0 ? "\n     {\"text\": " : ",\n     {\"text\": ");
                    string(option.text(), out);
                    out.append(", \"voters\": ").append(option.votes()).append(", \"chosen\": false}");
                    total += option.votes();
                }
                out.append("\n    ],\n    \"total_voters\": ").append(total).append("\n   }");
                text("", out);
            }
            case LOCATION -> {
                out.append(",\n   \"location_information\": {\"latitude\": ").append(draft.latitude());
                out.append(", \"longitude\": ").append(draft.longitude()).append('}');
                text("", out);
            }
            case DELETED, CONTACT, SYSTEM, CALL -> text("", out);
        }
    }

    /** A plain string, or the mixed array Telegram writes when the text holds a link. */
    private static void text(String text, StringBuilder out) {
        int link = text.indexOf("http");
        if (link < 0) {
            out.append(",\n   \"text\": ");
            string(text, out);
            out.append(",\n   \"text_entities\": [{\"type\": \"plain\", \"text\": ");
            string(text, out);
            out.append("}]");
            return;
        }
        int end = text.indexOf(' ', link);
        String before = text.substring(0, link);
        String url = end < 0 ? text.substring(link) : text.substring(link, end);
        String after = end < 0 ? "" : text.substring(end);
        out.append(",\n   \"text\": [\n    ");
        string(before, out);
        out.append(",\n    {\"type\": \"link\", \"text\": ");
        string(url, out);
        out.append("}");
        if (!after.isEmpty()) {
            out.append(",\n    ");
            string(after, out);
        }
        out.append("\n   ],\n   \"text_entities\": [{\"type\": \"plain\", \"text\": ");
        string(before, out);
        out.append("}, {\"type\": \"link\", \"text\": ");
        string(url, out);
        out.append("}]");
    }

    private static void date(LocalDateTime time, StringBuilder out) {
        out.append(",\n   \"date\": ");
        isoDateTime(time, out);
        out.append(",\n   \"date_unixtime\": \"")
                .append(time.toEpochSecond(ZoneOffset.UTC))
                .append('"');
    }

    private static void isoDateTime(LocalDateTime time, StringBuilder out) {
        out.append('"').append(time.withNano(0));
        if (time.getSecond() == 0) {
            out.append(":00"); // LocalDateTime drops zero seconds; Telegram always writes them
        }
        out.append('"');
    }

    private static int userId(String name) {
        return 100000 + Math.floorMod(name.hashCode(), 900000);
    }

    static void string(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
