package dev.parley.server.search;

import dev.parley.server.messages.MessageFilter;
import io.r2dbc.spi.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The {@code $n} parameters of one statement, handed out by name in first-use order while it is written, then used
 * to bind each execution. A name used again gets its number again: PostgreSQL allows repeating {@code $n}, and so
 * sees one parameter of one type, as with Spring's named parameters. Not thread-safe while writing; read-only after.
 */
final class Placeholders {

    private final Map<String, Integer> numbers = new LinkedHashMap<>();
    private int next = 1;
    /** The filter's first number, 0 until its conditions are written. */
    private int filterFirst;

    /** The placeholders of {@code names}, separated by commas. */
    String of(String... names) {
        StringJoiner placeholders = new StringJoiner(", ");
        for (String name : names) {
            placeholders.add("$" + numbers.computeIfAbsent(name, unused -> next++));
        }
        return placeholders.toString();
    }

    /**
     * The filter's conditions on the table aliased {@code alias}. Its parameters are numbered together where first
     * written, since {@link MessageFilter} binds them as a block.
     */
    String filter(MessageFilter filter, String alias) {
        if (filterFirst == 0) {
            filterFirst = next;
            next += Integer.bitCount(filter.shape());
        }
        return filter.positionalSql(alias, filterFirst);
    }

    /** Binds every name to its value in {@code values}, and {@code filter}, of the shape this was written for. */
    void bind(Statement statement, Function<String, Object> values, MessageFilter filter) {
        numbers.forEach((name, number) -> statement.bind(number - 1, values.apply(name)));
        if (filterFirst != 0) {
            filter.bind(statement, filterFirst);
        }
    }
}
