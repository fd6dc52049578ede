package dev.parley.ingest;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Parses a chat export arriving as a stream of byte chunks into {@link ParseEvent}s, in constant memory.
 *
 * <p><b>Cardinality.</b> {@link #parse} emits zero or more {@link ChatMessage}s in export order, then exactly one
 * {@link ParseReport} as the last element and completes; or it fails with a {@link ParseException} (after the
 * messages that were complete before the problem). Chunks may be of any size and split anywhere, even inside a
 * UTF-8 sequence or a line: the events do not depend on the chunking.
 *
 * <p><b>Backpressure.</b> Upstream chunks are requested one at a time and only when the messages of the previous
 * chunk have been requested downstream, so at most about one chunk's worth of messages is buffered (text is
 * parsed a slice of a chunk at a time as its messages are requested). Each chunk is read without changing its
 * position; for plain text and JSON it is not referenced after the messages it completed were handed over.
 *
 * <p><b>Threading.</b> Instances are immutable and thread-safe; each {@link #parse} subscription is independent.
 * Text and JSON are parsed on the thread that delivers the chunks or the one that requests the messages, and
 * never block. ZIP archives need random access: their bytes are written to a temporary file (deleted on
 * completion, error or cancellation) and read from it, all on {@link Schedulers#boundedElastic()}; messages of a
 * ZIP export arrive once the upload is complete.
 */
public final class ChatParser {

    private final ParseOptions options;

    private ChatParser(ParseOptions options) {
        this.options = options;
    }

    public static ChatParser create(ParseOptions options) {
        return new ChatParser(Objects.requireNonNull(options, "options"));
    }

    public ParseOptions options() {
        return options;
    }

    /**
     * Emits {@link ChatMessage} events in export order, then exactly one {@link ParseReport} as the last element;
     * errors as {@link ParseException}. Honours demand. Cold: nothing is read until subscription.
     */
    public Flux<ParseEvent> parse(Flux<ByteBuffer> chunks) {
        Objects.requireNonNull(chunks, "chunks");
        return Flux.using(
                () -> new ParseSession(options),
                session -> chunks.concatMap(chunk -> feed(session, chunk), 1)
                        .concatMapIterable(Function.identity(), 1)
                        .concatWith(Flux.defer(() -> finish(session))),
                ParseSession::close);
    }

    private static Mono<Iterable<ParseEvent>> feed(ParseSession session, ByteBuffer chunk) {
        Mono<Iterable<ParseEvent>> batch = Mono.fromCallable(() -> session.feed(chunk));
        return session.spooling() ? batch.subscribeOn(Schedulers.boundedElastic()) : batch;
    }

    private static Flux<ParseEvent> finish(ParseSession session) {
        if (session.spooling()) {
            return Flux.defer(session::finish).subscribeOn(Schedulers.boundedElastic());
        }
        return session.finish();
    }
}
