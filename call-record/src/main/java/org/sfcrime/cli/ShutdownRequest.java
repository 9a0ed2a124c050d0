package org.sfcrime.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGINT/SIGTERM into a request to stop. The JVM runs shutdown hooks on those signals and
 * exits once they return (with 130 or 143); the hook here records the request, runs the given
 * action (waking a blocked Kafka consumer, say), then waits for the command to finish its work and
 * print its summary, at most the grace period: bounded, like every wait.
 *
 * <p>Close it after the output is flushed and the client closed: the JVM halts as soon as the
 * hook returns.
 */
public final class ShutdownRequest implements AutoCloseable {

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private ShutdownRequest(String threadName, Duration grace, Runnable onSignal) {
        hook = new Thread(() -> {
            requested = true;
            onSignal.run();
            try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threadName);
    }

    /**
     * @param onSignal run on the hook's thread when a signal arrives, before waiting for the command
     */
    public static ShutdownRequest install(String threadName, Duration grace, Runnable onSignal) {
        ShutdownRequest request = new ShutdownRequest(threadName, grace, onSignal);
        Runtime.getRuntime().addShutdownHook(request.hook);
        return request;
    }

    /** True once the JVM is shutting down because of a signal: the run was interrupted. */
    public boolean requested() {
        return requested;
    }

    /** The command has ended and its summary is printed: a running hook may return, the JVM may exit. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that `finished` is counted down
        }
    }
}
