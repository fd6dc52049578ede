package dev.parley.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** Builds plain maps, lists and scalars from the tokens of one JSON value, fed token by token. */
final class JsonTree {

    private final long line;
    private final ArrayDeque<Object> containers = new ArrayDeque<>();
    private final ArrayDeque<String> names = new ArrayDeque<>();
    private @Nullable String name;
    private @Nullable Object root;

    JsonTree(long line) {
        this.line = line;
    }

    long line() {
        return line;
    }

    @Nullable
    Object root() {
        return root;
    }

    /** Adds a token; true when the value is complete. */
    boolean add(JsonToken token, JsonParser parser) {
        switch (token) {
            case START_OBJECT, START_ARRAY -> {
                names.push(name == null ? "" : name);
                name = null;
                containers.push(
                        token == JsonToken.START_OBJECT ? new LinkedHashMap<String, Object>() : new ArrayList<>());
                return false;
            }
            case END_OBJECT, END_ARRAY -> {
                Object done = containers.pop();
                String outer = names.pop();
                name = outer.isEmpty() ? null : outer;
                return put(done);
            }
            case PROPERTY_NAME -> {
                name = parser.currentName();
                return false;
            }
            case VALUE_STRING -> {
                return put(parser.getString());
            }
            case VALUE_NUMBER_INT -> {
                return put(parser.getNumberValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return put(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return put(token == JsonToken.VALUE_TRUE);
            }
            default -> {
                return put(null);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private boolean put(@Nullable Object value) {
        Object container = containers.peek();
        if (container == null) {
            root = value;
            return true;
        }
        if (container instanceof Map<?, ?> map) {
            ((Map<String, @Nullable Object>) map).put(name == null ? "" : name, value);
            name = null;
        } else {
            ((List<@Nullable Object>) container).add(value);
        }
        return false;
    }
}
