package org.sfcrime.producer;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;

/**
 * Counts how sends ended. Kafka calls each send's callback on its I/O thread, hence the atomics. A
 * failure is counted and remembered, never thrown.
 */
final class DeliveryTracker {

    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final Function<Exception, String> describe;

    /** @param describe the one-line reason of a failed send, for the summary */
    DeliveryTracker(Function<Exception, String> describe) {
        this.describe = describe;
    }

    /**
     * The callback of one send, which counts its outcome once. A send can both throw and, later,
     * complete its callback: a producer in a fatal state (refused its producer id, say) appends the
     * record, then throws, and fails the record's batch when it aborts. Counted twice, more records
     * failed than were sent.
     */
    Callback forSend() {
        AtomicBoolean completed = new AtomicBoolean();
        return (metadata, exception) -> {
            if (completed.compareAndSet(false, true)) {
                complete(exception);
            }
        };
    }

    private void complete(Exception exception) {
        if (exception == null) {
            acknowledged.incrementAndGet();
        } else {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, describe.apply(exception));
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

    /** The first failure's reason, or null when none failed. */
    String firstFailure() {
        return firstFailure.get();
    }

    /** "ExceptionType: message": the reason of a failure nothing explains better. */
    static String plainReason(Exception exception) {
        String message = exception.getMessage();
        return exception.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip());
    }
}
