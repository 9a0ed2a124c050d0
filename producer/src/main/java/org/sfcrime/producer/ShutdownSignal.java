package org.sfcrime.producer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Turns SIGINT/SIGTERM into a stop request. The JVM runs shutdown hooks on those signals and
 * exits once they return (with 130 or 143); the hook here asks the replay to stop, then waits
 * for it to flush what is in flight and print its summary, at most the grace period.
 */
final class ShutdownSignal implements BooleanSupplier, AutoCloseable {

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean stopRequested;

    private ShutdownSignal(long graceMillis) {
        hook = new Thread(() -> {
            stopRequested = true;
            try {
                finished.await(graceMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "producer-shutdown");
    }

    static ShutdownSignal install(long graceMillis) {
        ShutdownSignal signal = new ShutdownSignal(graceMillis);
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    @Override
    public boolean getAsBoolean() {
        return stopRequested;
    }

    /** The replay has ended and its summary is printed: a running hook may return, the JVM may exit. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and returns now
        }
    }
}
