package dev.parley.ingest;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * The one JSON shape of a {@link ChatMessage}, shared by the command line, the HTTP API and the Kafka events.
 *
 * <pre>{@code
 * {"ordinal":0,"localTime":"2024-12-31T23:59:00","sentAt":"2024-12-31T22:59:00Z","sender":"Alice",
 *  "kind":"MEDIA","text":"caption or null","attachment":{"fileName":"IMG-1.jpg","mediaType":"IMAGE","present":true},
 *  "edited":false}
 * }</pre>
 *
 * The eight shared fields are always written, {@code attachment} as null for kinds without one. {@code sourceId}
 * and {@code replyToId} appear when set; {@code poll} ({@code {"options":[{"text","votes"}]}}), {@code location}
 * ({@code {"latitude","longitude"}}), {@code contact} ({@code {"name"}}) and {@code call} ({@code {"video",
 * "missed","durationSeconds"}}) appear for their kind. Readers ignore fields they do not know. Thread-safe.
 */
public final class MessageCodec {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private MessageCodec() {}

    /** UTF-8 JSON of one message, without a trailing newline. */
    public static byte[] toJson(ChatMessage message) {
        var out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            write(message, generator);
        }
        return out.toByteArray();
    }

    /**
     * Reads what {@link #toJson} wrote.
     *
     * @throws IllegalArgumentException when the bytes are not a message object
     */
    public static ChatMessage fromJson(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("Message JSON must be an object");
            }
            return read(parser);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Malformed message JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The text of {@code sentAt} in the message JSON: what {@link Instant#toString()} writes (ISO-8601 in UTC), in
     * about half its time for years 0000–9999.
     */
    public static String sentAtText(Instant sentAt) {
        return InstantText.of(sentAt);
    }

    /** Writes one message as a JSON object at the generator's current position (inside an array, say). */
    public static void write(ChatMessage m, JsonGenerator g) {
        g.writeStartObject();
        g.writeNumberProperty("ordinal", m.ordinal());
        g.writeStringProperty("localTime", m.localTime().toString());
        g.writeStringProperty("sentAt", sentAtText(m.sentAt()));
        g.writeStringProperty("sender", m.sender());
        g.writeStringProperty("kind", m.kind().name());
        g.writeStringProperty("text", m.text());
        g.writeName("attachment");
        writeAttachment(m.attachment(), g);
        g.writeBooleanProperty("edited", m.edited());
        if (m.sourceId() != null) {
            g.writeNumberProperty("sourceId", m.sourceId());
        }
        if (m.replyToId() != null) {
            g.writeNumberProperty("replyToId", m.replyToId());
        }
        switch (m) {
            case PollMessage poll -> {
                g.writeName("poll");
                g.writeStartObject();
                g.writeName("options");
                g.writeStartArray();
                for (PollOption option : poll.options()) {
                    g.writeStartObject();
                    g.writeStringProperty("text", option.text());
                    g.writeNumberProperty("votes", option.votes());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            case LocationMessage location -> {
                g.writeName("location");
                g.writeStartObject();
                g.writeNumberProperty("latitude", location.latitude());
                g.writeNumberProperty("longitude", location.longitude());
                g.writeEndObject();
            }
            case ContactMessage contact -> {
                g.writeName("contact");
                g.writeStartObject();
                g.writeStringProperty("name", contact.contactName());
                g.writeEndObject();
            }
            case CallMessage call -> {
                g.writeName("call");
                g.writeStartObject();
                g.writeBooleanProperty("video", call.video());
                g.writeBooleanProperty("missed", call.missed());
                if (call.durationSeconds() != null) {
                    g.writeNumberProperty("durationSeconds", call.durationSeconds());
                }
                g.writeEndObject();
            }
            case TextMessage t -> {}
            case MediaMessage media -> {}
            case SystemMessage system -> {}
            case DeletedMessage deleted -> {}
        }
        g.writeEndObject();
    }

    private static void writeAttachment(@Nullable Attachment attachment, JsonGenerator g) {
        if (attachment == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringProperty("fileName", attachment.fileName());
        g.writeStringProperty("mediaType", attachment.mediaType().name());
        g.writeBooleanProperty("present", attachment.present());
        g.writeEndObject();
    }

    private static ChatMessage read(JsonParser p) {
        long ordinal = -1;
        LocalDateTime localTime = null;
        Instant sentAt = null;
        String sender = null;
        MessageKind kind = null;
        String text = null;
        Attachment attachment = null;
        boolean edited = false;
        Long sourceId = null;
        Long replyToId = null;
        List<PollOption> options = List.of();
        double latitude = Double.NaN;
        double longitude = Double.NaN;
        String contactName = null;
        boolean video = false;
        boolean missed = false;
        Integer duration = null;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken token = p.nextToken();
            boolean isNull = token == JsonToken.VALUE_NULL;
            switch (name) {
                case "ordinal" -> ordinal = p.getLongValue();
                case "localTime" -> localTime = LocalDateTime.parse(p.getString());
                case "sentAt" -> sentAt = Instant.parse(p.getString());
                case "sender" -> sender = isNull ? null : p.getString();
                case "kind" -> kind = MessageKind.valueOf(p.getString());
                case "text" -> text = isNull ? null : p.getString();
                case "attachment" -> attachment = isNull ? null : readAttachment(p);
                case "edited" -> edited = p.getBooleanValue();
                case "sourceId" -> sourceId = isNull ? null : p.getLongValue();
                case "replyToId" -> replyToId = isNull ? null : p.getLongValue();
                case "poll" -> options = readPoll(p);
                case "location" -> {
                    for (String field = p.nextName(); field != null; field = p.nextName()) {
                        p.nextToken();
                        switch (field) {
                            case "latitude" -> latitude = p.getDoubleValue();
                            case "longitude" -> longitude = p.getDoubleValue();
                            default -> p.skipChildren();
                        }
                    }
                }
                case "contact" -> {
                    for (String field = p.nextName(); field != null; field = p.nextName()) {
                        JsonToken value = p.nextToken();
                        if (field.equals("name") && value != JsonToken.VALUE_NULL) {
                            contactName = p.getString();
                        } else {
                            p.skipChildren();
                        }
                    }
                }
                case "call" -> {
                    for (String field = p.nextName(); field != null; field = p.nextName()) {
                        JsonToken value = p.nextToken();
                        switch (field) {
                            case "video" -> video = p.getBooleanValue();
                            case "missed" -> missed = p.getBooleanValue();
                            case "durationSeconds" -> duration = value == JsonToken.VALUE_NULL ? null : p.getIntValue();
                            default -> p.skipChildren();
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (ordinal < 0 || localTime == null || sentAt == null || kind == null) {
            throw new IllegalArgumentException("Message JSON lacks ordinal, localTime, sentAt or kind");
        }
        return switch (kind) {
            case TEXT ->
                new TextMessage(ordinal, localTime, sentAt, sender, require(text, "text"), edited, sourceId, replyToId);
            case SYSTEM ->
                new SystemMessage(
                        ordinal, localTime, sentAt, sender, require(text, "text"), edited, sourceId, replyToId);
            case DELETED -> new DeletedMessage(ordinal, localTime, sentAt, sender, text, edited, sourceId, replyToId);
            case MEDIA ->
                new MediaMessage(
                        ordinal,
                        localTime,
                        sentAt,
                        sender,
                        text,
                        edited,
                        sourceId,
                        replyToId,
                        require(attachment, "attachment"));
            case POLL ->
                new PollMessage(
                        ordinal,
                        localTime,
                        sentAt,
                        sender,
                        require(text, "text"),
                        edited,
                        sourceId,
                        replyToId,
                        options);
            case LOCATION ->
                new LocationMessage(
                        ordinal, localTime, sentAt, sender, text, edited, sourceId, replyToId, latitude, longitude);
            case CONTACT ->
                new ContactMessage(
                        ordinal, localTime, sentAt, sender, text, edited, sourceId, replyToId, contactName, attachment);
            case CALL ->
                new CallMessage(
                        ordinal, localTime, sentAt, sender, text, edited, sourceId, replyToId, video, missed, duration);
        };
    }

    private static Attachment readAttachment(JsonParser p) {
        String fileName = null;
        MediaType mediaType = MediaType.UNKNOWN;
        boolean present = false;
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            JsonToken value = p.nextToken();
            switch (field) {
                case "fileName" -> fileName = value == JsonToken.VALUE_NULL ? null : p.getString();
                case "mediaType" -> mediaType = MediaType.valueOf(p.getString());
                case "present" -> present = p.getBooleanValue();
                default -> p.skipChildren();
            }
        }
        return new Attachment(fileName, mediaType, present);
    }

    private static List<PollOption> readPoll(JsonParser p) {
        List<PollOption> options = new ArrayList<>();
        for (String field = p.nextName(); field != null; field = p.nextName()) {
            p.nextToken();
            if (!field.equals("options")) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String optionText = "";
                int votes = 0;
                for (String f = p.nextName(); f != null; f = p.nextName()) {
                    p.nextToken();
                    switch (f) {
                        case "text" -> optionText = p.getString();
                        case "votes" -> votes = p.getIntValue();
                        default -> p.skipChildren();
                    }
                }
                options.add(new PollOption(optionText, votes));
            }
        }
        return options;
    }

    private static <T> T require(@Nullable T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("Message JSON lacks " + field);
        }
        return value;
    }
}
