package dev.parley.server.support;

import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * A reactive loop the application runs in the background (a Kafka consumer, a periodic sweep): subscribed when the
 * context starts, disposed when it stops. Its phase (0) stops it after the web server has drained and before the
 * dev services; disposing a Kafka receiver closes its consumer, which leaves the group at once.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

    private volatile @Nullable Disposable subscription;

    /** The loop; it handles its own errors (retry or resume), so it only ends when disposed. */
    protected abstract Flux<?> loop();

    /** Whether this instance runs the loop at all. */
    protected boolean enabled() {
        return true;
    }

    @Override
    public synchronized void start() {
        if (enabled() && subscription == null) {
            subscription = loop().subscribe();
        }
    }

    @Override
    public synchronized void stop() {
        Disposable current = subscription;
        if (current != null) {
            current.dispose();
            subscription = null;
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
