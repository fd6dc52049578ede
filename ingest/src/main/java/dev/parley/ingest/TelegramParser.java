package dev.parley.ingest;

import dev.parley.ingest.ParseException.Reason;
import dev.parley.ingest.ParseReport.DateOrderSource;
import dev.parley.ingest.ParseReport.SkipReason;
import dev.parley.ingest.ParseReport.Variant;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.core.json.JsonFactory;

/**
 * Telegram Desktop {@code result.json} (one chat, or a full export with {@code chats.list[].messages}) through
 * Jackson's non-blocking parser, fed the same chunks as everything else. Every element of any {@code "messages"}
 * array becomes one message; only that one message is held as a small tree while it is open.
 */
final class TelegramParser implements ByteSink {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final ParseContext context;
    private final ZoneId zone;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private int depth;
    private int messagesDepth = -1;
    private boolean nextIsMessages;
    private boolean sawMessages;
    private @Nullable JsonTree message;

    TelegramParser(ParseContext context) {
        this.context = context;
        this.zone = context.options.zone();
        this.parser = JSON.createNonBlockingByteArrayParser(ObjectReadContext.empty());
        this.feeder = (ByteArrayFeeder) parser.nonBlockingInputFeeder();
        context.format = ChatFormat.TELEGRAM;
        context.variant = Variant.TELEGRAM_DESKTOP;
        context.dateOrder = DateOrder.YMD;
        context.dateOrderSource = DateOrderSource.NOT_APPLICABLE;
    }

    @Override
    public void accept(byte[] bytes, int offset, int length) {
        try {
            feeder.feedInput(bytes, offset, offset + length);
            drain();
        } catch (JacksonException e) {
            throw malformed(e);
        }
    }

    @Override
    public void end() {
        try {
            feeder.endOfInput();
            drain();
        } catch (JacksonException e) {
            throw malformed(e);
        }
        if (depth != 0 || message != null) {
            throw new ParseException(
                    Reason.MALFORMED_JSON, "This JSON file ends in the middle of the document; it is truncated.");
        }
        if (!sawMessages) {
            throw new ParseException(
                    Reason.NOT_A_CHAT_EXPORT,
                    "This JSON file is not a Telegram Desktop chat export: it has no \"messages\" list.");
        }
    }

    private void drain() {
        for (JsonToken token = parser.nextToken();
                token != null && token != JsonToken.NOT_AVAILABLE;
                token = parser.nextToken()) {
            JsonTree open = message;
            if (open != null) {
                if (open.add(token, parser)) {
                    message = null;
                    convert(open);
                }
                continue;
            }
            switch (token) {
                case START_OBJECT -> {
                    if (depth > 0 && depth == messagesDepth) {
                        JsonTree tree = new JsonTree(parser.currentLocation().getLineNr());
                        tree.add(token, parser);
                        message = tree;
                    } else {
                        depth++;
                    }
                    nextIsMessages = false;
                }
                case START_ARRAY -> {
                    if (depth == 0) {
                        throw new ParseException(
                                Reason.NOT_A_CHAT_EXPORT,
                                "This JSON file is not a Telegram Desktop chat export: it is a list, not an object.");
                    }
                    depth++;
                    if (nextIsMessages && messagesDepth < 0) {
                        messagesDepth = depth;
                        sawMessages = true;
                    }
                    nextIsMessages = false;
                }
                case END_ARRAY -> {
                    if (depth == messagesDepth) {
                        messagesDepth = -1;
                    }
                    depth--;
                }
                case END_OBJECT -> depth--;
                case PROPERTY_NAME -> nextIsMessages = "messages".equals(parser.currentName());
                default -> nextIsMessages = false;
            }
        }
    }

    private void convert(JsonTree tree) {
        if (!(tree.root() instanceof Map<?, ?> m)) {
            context.skip(tree.line(), SkipReason.MALFORMED_MESSAGE, 1);
            return;
        }
        Instant at;
        LocalDateTime local;
        try {
            String unix = string(m.get("date_unixtime"));
            String date = string(m.get("date"));
            if (unix != null) {
                at = Instant.ofEpochSecond(Long.parseLong(unix));
                local = LocalDateTime.ofInstant(at, zone);
            } else if (date != null) {
                local = LocalDateTime.parse(date);
                at = local.atZone(zone).toInstant();
            } else {
                context.skip(tree.line(), SkipReason.MALFORMED_MESSAGE, 1);
                return;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            context.skip(tree.line(), SkipReason.MALFORMED_MESSAGE, 1);
            return;
        }
        Long id = number(m.get("id"));
        Long replyTo = number(m.get("reply_to_message_id"));
        boolean edited = m.containsKey("edited") || m.containsKey("edited_unixtime");
        String text = text(m.get("text"));
        String caption = text.isEmpty() ? null : text;
        String from = string(m.get("from"));
        long ordinal = context.nextOrdinal();
        ChatMessage result;
        if ("service".equals(m.get("type"))) {
            String action = string(m.get("action"));
            String actor = string(m.get("actor"));
            if ("phone_call".equals(action) || "group_call".equals(action)) {
                Long duration = number(m.get("duration_seconds"));
                result = new CallMessage(
                        ordinal,
                        local,
                        at,
                        actor,
                        caption,
                        edited,
                        id,
                        replyTo,
                        false,
                        "missed".equals(m.get("discard_reason")),
                        duration == null ? null : duration.intValue());
            } else {
                String description = caption != null ? caption : describe(action, actor, m.get("members"));
                result = new SystemMessage(ordinal, local, at, null, description, edited, id, replyTo);
            }
        } else if (m.get("poll") instanceof Map<?, ?> poll) {
            List<PollOption> options = new ArrayList<>();
            if (poll.get("answers") instanceof List<?> answers) {
                for (Object answer : answers) {
                    if (answer instanceof Map<?, ?> a) {
                        Long voters = number(a.get("voters"));
                        options.add(new PollOption(text(a.get("text")), voters == null ? 0 : voters.intValue()));
                    }
                }
            }
            String question = text(poll.get("question"));
            result = new PollMessage(ordinal, local, at, from, question, edited, id, replyTo, options);
        } else if (m.get("location_information") instanceof Map<?, ?> location
                && location.get("latitude") instanceof Number latitude
                && location.get("longitude") instanceof Number longitude) {
            result = new LocationMessage(
                    ordinal,
                    local,
                    at,
                    from,
                    caption,
                    edited,
                    id,
                    replyTo,
                    latitude.doubleValue(),
                    longitude.doubleValue());
        } else if (m.get("contact_information") instanceof Map<?, ?> contact) {
            String name = (text(contact.get("first_name")) + " " + text(contact.get("last_name"))).strip();
            String vcard = fileName(m.get("contact_vcard"));
            Attachment card = vcard == null && !m.containsKey("contact_vcard")
                    ? null
                    : new Attachment(vcard, MediaType.CONTACT, vcard != null && context.attachmentPresent.test(vcard));
            result = new ContactMessage(
                    ordinal, local, at, from, caption, edited, id, replyTo, name.isEmpty() ? null : name, card);
        } else if (m.containsKey("photo")) {
            result = media(ordinal, local, at, from, caption, edited, id, replyTo, m.get("photo"), MediaType.IMAGE);
        } else if (m.containsKey("file")) {
            MediaType type = switch (String.valueOf(m.get("media_type"))) {
                case "sticker" -> MediaType.STICKER;
                case "animation" -> MediaType.GIF;
                case "video_file", "video_message" -> MediaType.VIDEO;
                case "voice_message" -> MediaType.VOICE;
                case "audio_file" -> MediaType.AUDIO;
                default -> MediaType.DOCUMENT;
            };
            result = media(ordinal, local, at, from, caption, edited, id, replyTo, m.get("file"), type);
        } else {
            result = new TextMessage(ordinal, local, at, from, text, edited, id, replyTo);
        }
        context.emit(result);
    }

    private MediaMessage media(
            long ordinal,
            LocalDateTime local,
            Instant at,
            @Nullable String from,
            @Nullable String caption,
            boolean edited,
            @Nullable Long id,
            @Nullable Long replyTo,
            @Nullable Object file,
            MediaType type) {
        String name = fileName(file);
        boolean present = name != null && context.attachmentPresent.test(name);
        return new MediaMessage(
                ordinal, local, at, from, caption, edited, id, replyTo, new Attachment(name, type, present));
    }

    /** Telegram writes "(File not included. …)" instead of a path when media was not exported. */
    private static @Nullable String fileName(@Nullable Object value) {
        String name = string(value);
        return name == null || name.isEmpty() || name.startsWith("(") ? null : name;
    }

    private static String describe(@Nullable String action, @Nullable String actor, @Nullable Object members) {
        StringBuilder s = new StringBuilder();
        if (actor != null) {
            s.append(actor).append(": ");
        }
        s.append(action == null ? "service message" : action.replace('_', ' '));
        if (members instanceof List<?> list && !list.isEmpty()) {
            s.append(' ');
            for (int i = 0; i < list.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(list.get(i));
            }
        }
        return s.toString();
    }

    /** A Telegram text: a string, or an array of strings and entity objects whose texts are concatenated. */
    private static String text(@Nullable Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof List<?> parts) {
            StringBuilder s = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof String p) {
                    s.append(p);
                } else if (part instanceof Map<?, ?> entity && entity.get("text") instanceof String t) {
                    s.append(t);
                }
            }
            return s.toString();
        }
        return "";
    }

    private static @Nullable String string(@Nullable Object value) {
        return value instanceof String s ? s : value == null ? null : String.valueOf(value);
    }

    private static @Nullable Long number(@Nullable Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static ParseException malformed(JacksonException e) {
        var location = e.getLocation();
        String where =
                location == null ? "" : " near line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new ParseException(
                Reason.MALFORMED_JSON, "This JSON file is not well-formed" + where + ", so it cannot be read.", e);
    }
}
