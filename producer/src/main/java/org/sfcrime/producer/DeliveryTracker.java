package org.sfcrime.producer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Counts how sends ended. One instance is the callback of every send; Kafka calls it on its I/O
 * thread, hence the atomics. A failure is counted and remembered, never thrown.
 */
final class DeliveryTracker implements Callback {

    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception == null) {
            acknowledged.incrementAndGet();
        } else {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, describe(exception));
        }
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long failed() {
        return failed.get();
    }

    boolean anyFailed() {
        return failed.get() > 0;
    }

    /** The first failure as "ExceptionType: message", or null when none failed. */
    String firstFailure() {
        return firstFailure.get();
    }

    private static String describe(Exception exception) {
        String message = exception.getMessage();
        return exception.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip());
    }
}
