package org.sfcrime.consumer;

import java.time.Duration;

/** A point in (monotonic) time after which a bounded operation gives up. */
final class Deadline {

    private final long startNanos;
    private final long deadlineNanos;

    private Deadline(long startNanos, long budgetNanos) {
        this.startNanos = startNanos;
        this.deadlineNanos = startNanos + budgetNanos;
    }

    static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime(), budget.toNanos());
    }

    boolean expired() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    /** Time left, never negative. */
    Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** The smaller of the time left and {@code cap}: one bounded wait inside the overall budget. */
    Duration remainingAtMost(Duration cap) {
        Duration remaining = remaining();
        return remaining.compareTo(cap) < 0 ? remaining : cap;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    Duration budget() {
        return Duration.ofNanos(deadlineNanos - startNanos);
    }
}
