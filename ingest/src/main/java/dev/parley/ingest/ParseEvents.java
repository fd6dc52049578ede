package dev.parley.ingest;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A batch of the parse's output as {@link ParseEvent}s. The stages collect events and at most one
 * {@link ParseException}, always last; iterating throws it where it stands, and Reactor's iterable operators
 * turn that into the error signal — no extra operator per event to tell errors from events.
 */
final class ParseEvents implements Iterable<ParseEvent> {

    private final List<Object> batch;

    private ParseEvents(List<Object> batch) {
        this.batch = batch;
    }

    static ParseEvents of(List<Object> batch) {
        return new ParseEvents(batch);
    }

    @Override
    public Iterator<ParseEvent> iterator() {
        return new Iterator<>() {
            private int index;

            @Override
            public boolean hasNext() {
                return index < batch.size();
            }

            @Override
            public ParseEvent next() {
                if (index >= batch.size()) {
                    throw new NoSuchElementException();
                }
                return event(batch.get(index++));
            }
        };
    }

    /** The event, or the error thrown. */
    static ParseEvent event(Object item) {
        if (item instanceof ParseException error) {
            throw error;
        }
        return (ParseEvent) item;
    }
}
