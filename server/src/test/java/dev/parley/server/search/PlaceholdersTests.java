package dev.parley.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.messages.MessageFilter;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

class PlaceholdersTests {

    private static final Instant FROM = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2024-06-01T00:00:00Z");
    private static final MessageFilter WINDOW = new MessageFilter(FROM, TO, null, List.of());

    @Test
    void of_givenNameUsedAgain_givesItsNumberAgain() {
        Placeholders p = new Placeholders();

        assertThat(p.of("q") + " " + p.of("limit") + " " + p.of("q", "at")).isEqualTo("$1 $2 $1, $3");
    }

    @Test
    void filter_numbersItsParametersTogetherWhereFirstWritten() {
        Placeholders p = new Placeholders();

        String sql = p.of("q") + p.filter(WINDOW, "s") + " " + p.of("limit") + p.filter(WINDOW, "t");

        assertThat(sql)
                .isEqualTo("$1 AND s.sent_at >= $2 AND s.sent_at < $3 $4 AND t.sent_at >= $2 AND t.sent_at < $3");
    }

    @Test
    void bind_bindsEachNumberOnceWithItsValue() {
        Placeholders p = new Placeholders();
        p.of("q");
        p.filter(WINDOW, "s");
        p.of("limit", "q");
        RecordingStatement statement = new RecordingStatement();

        p.bind(statement, Map.<String, Object>of("q", "word", "limit", 51)::get, WINDOW);

        assertThat(statement.binds).containsExactlyInAnyOrder("0=word", "1=" + FROM, "2=" + TO, "3=51");
    }

    /** Records {@code index=value} of every bind. */
    private static final class RecordingStatement implements Statement {

        final List<String> binds = new ArrayList<>();

        @Override
        public Statement bind(int index, Object value) {
            binds.add(index + "=" + value);
            return this;
        }

        @Override
        public Statement bind(String name, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Statement bindNull(int index, Class<?> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Statement bindNull(String name, Class<?> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Statement add() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Publisher<? extends Result> execute() {
            throw new UnsupportedOperationException();
        }
    }
}
