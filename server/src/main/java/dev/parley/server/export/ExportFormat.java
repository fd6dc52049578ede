package dev.parley.server.export;

import dev.parley.ingest.MessageCodec;
import dev.parley.server.messages.MessageJson;
import dev.parley.server.messages.MessageRow;
import dev.parley.server.problem.Problems;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

/** The export formats: what goes before the rows, each row, and after the rows. */
enum ExportFormat {
    NDJSON("ndjson", MediaType.parseMediaType("application/x-ndjson")) {
        @Override
        byte[] row(MessageRow row, boolean first) {
            return withNewline(MessageJson.toBytes(MessageJson.toJson(row)));
        }
    },
    JSON("json", MediaType.APPLICATION_JSON) {
        @Override
        byte[] header() {
            return bytes("[\n");
        }

        @Override
        byte[] row(MessageRow row, boolean first) {
            byte[] json = MessageJson.toBytes(MessageJson.toJson(row));
            if (first) {
                return json;
            }
            byte[] out = new byte[json.length + 2];
            out[0] = ',';
            out[1] = '\n';
            System.arraycopy(json, 0, out, 2, json.length);
            return out;
        }

        @Override
        byte[] footer() {
            return bytes("\n]\n");
        }
    },
    CSV("csv", MediaType.parseMediaType("text/csv;charset=UTF-8")) {
        @Override
        byte[] header() {
            return bytes("ordinal,localTime,sentAt,sender,kind,text,edited,extra\r\n");
        }

        @Override
        byte[] row(MessageRow row, boolean first) {
            StringBuilder line = new StringBuilder(128)
                    .append(row.ordinal())
                    .append(',')
                    .append(row.localTime())
                    .append(',')
                    .append(MessageCodec.sentAtText(row.sentAt()))
                    .append(',');
            quote(line, row.sender()).append(',').append(row.kind()).append(',');
            quote(line, row.body()).append(',').append(row.edited()).append(',');
            return bytes(quote(line, row.extra()).append("\r\n").toString());
        }
    },
    TXT("txt", MediaType.parseMediaType("text/plain;charset=UTF-8")) {
        @Override
        byte[] row(MessageRow row, boolean first) {
            return bytes(WhatsAppText.line(MessageJson.toChatMessage(row)));
        }
    };

    private final String extension;
    private final MediaType mediaType;

    ExportFormat(String extension, MediaType mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    static ExportFormat of(@Nullable String format) {
        if (format == null || format.isEmpty()) {
            return NDJSON;
        }
        try {
            return valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("invalid-format", "format must be one of ndjson, csv, json, txt.");
        }
    }

    String extension() {
        return extension;
    }

    MediaType mediaType() {
        return mediaType;
    }

    byte[] header() {
        return new byte[0];
    }

    abstract byte[] row(MessageRow row, boolean first);

    byte[] footer() {
        return new byte[0];
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withNewline(byte[] json) {
        byte[] out = new byte[json.length + 1];
        System.arraycopy(json, 0, out, 0, json.length);
        out[json.length] = '\n';
        return out;
    }

    /** RFC 4180 quoting; values are written as stored (no formula escaping), null as an empty cell. */
    private static StringBuilder quote(StringBuilder line, @Nullable String value) {
        if (value == null) {
            return line;
        }
        return line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
