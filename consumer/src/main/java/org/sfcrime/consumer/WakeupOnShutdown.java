package org.sfcrime.consumer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Turns Ctrl-C (SIGINT, or SIGTERM) into {@link Consumer#wakeup()}, so the loop polling the
 * consumer ends with a {@code WakeupException}, prints its count and closes the client before the
 * JVM exits (with status 130 for SIGINT). Upstream's ConsoleConsumer does the same.
 *
 * <p>Close it after the output is flushed and the consumer closed: the JVM halts as soon as the
 * hook returns.
 */
final class WakeupOnShutdown implements AutoCloseable {

    /** How long the hook lets the main thread finish once woken: bounded, like every wait. */
    private static final long FINISH_TIMEOUT_SECONDS = 10;

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean triggered;

    WakeupOnShutdown(Consumer<?, ?> consumer) {
        hook = new Thread(() -> {
            triggered = true;
            consumer.wakeup();
            try {
                finished.await(FINISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "consumer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** True when the JVM is shutting down because of a signal: the run was interrupted. */
    boolean triggered() {
        return triggered;
    }

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
