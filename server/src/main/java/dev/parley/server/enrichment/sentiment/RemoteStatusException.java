package dev.parley.server.enrichment.sentiment;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The remote sentiment service answered with an error status. */
final class RemoteStatusException extends RuntimeException {

    private final int status;
    private final @Nullable Duration retryAfter;

    RemoteStatusException(int status, @Nullable Duration retryAfter) {
        super("Remote sentiment service answered " + status
                + (retryAfter == null ? "" : " (Retry-After " + retryAfter.toMillis() + " ms)"));
        this.status = status;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    @Nullable
    Duration retryAfter() {
        return retryAfter;
    }

    /** 429 and 5xx may succeed later; every other 4xx will fail the same way again. */
    boolean retryable() {
        return status == 429 || status >= 500;
    }

    /** Counted by the circuit breaker: the service is failing, not refusing one request. */
    boolean serverFailure() {
        return status >= 500;
    }
}
