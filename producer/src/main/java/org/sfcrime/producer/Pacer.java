package org.sfcrime.producer;

import java.util.function.BooleanSupplier;

/**
 * Decides when each record may be sent. Due times are absolute, counted from the first record,
 * so a late wake-up is made up by the next records instead of adding up: the rate stays steady
 * over any long interval however coarse the sleeps are.
 *
 * <p>A long stall (a send blocked while the broker restarts) is made up by a burst of at most
 * {@link #MAX_CATCH_UP_NANOS}; the rest of the schedule moves later, as a token bucket of one
 * second's capacity would.
 */
abstract class Pacer {

    /** Longest single sleep, so a stop request is noticed quickly even during long gaps. */
    private static final long MAX_SLEEP_NANOS = 100_000_000;

    /** The most time a stall is made up for by sending faster than paced. */
    static final long MAX_CATCH_UP_NANOS = 1_000_000_000;

    private final NanoClock clock;
    private long startNanos;
    private boolean started;

    private Pacer(NanoClock clock) {
        this.clock = clock;
    }

    /** Sends as fast as the producer takes records. */
    static Pacer unpaced() {
        return new Pacer(NanoClock.SYSTEM) {
            @Override
            boolean awaitTurn(long eventTimeMillis, BooleanSupplier stopRequested) {
                return true;
            }

            @Override
            long dueNanos(long eventTimeMillis) {
                return 0;
            }
        };
    }

    /** Record n (from 0) is due n / recordsPerSecond seconds after the first. */
    static Pacer atRate(double recordsPerSecond, NanoClock clock) {
        double nanosPerRecord = 1e9 / recordsPerSecond;
        return new Pacer(clock) {
            private long records;

            @Override
            long dueNanos(long eventTimeMillis) {
                return Math.round(records++ * nanosPerRecord);
            }
        };
    }

    /** A record is due (its call time - the first call time) / speedup after the first. */
    static Pacer bySpeedup(double speedup, NanoClock clock) {
        return new Pacer(clock) {
            private long firstEventTimeMillis;
            private boolean first = true;

            @Override
            long dueNanos(long eventTimeMillis) {
                if (first) {
                    first = false;
                    firstEventTimeMillis = eventTimeMillis;
                }
                return Math.round((eventTimeMillis - firstEventTimeMillis) * 1e6 / speedup);
            }
        };
    }

    static Pacer forOptions(ReplayOptions options, NanoClock clock) {
        if (options.rateRecordsPerSecond > 0) {
            return atRate(options.rateRecordsPerSecond, clock);
        }
        if (options.speedup > 0) {
            return bySpeedup(options.speedup, clock);
        }
        return unpaced();
    }

    /** Nanoseconds after the first record at which this record is due. */
    abstract long dueNanos(long eventTimeMillis);

    /**
     * Waits until the record is due.
     *
     * @return false when a stop was requested while waiting (the record is then not sent)
     */
    boolean awaitTurn(long eventTimeMillis, BooleanSupplier stopRequested) {
        long due = dueNanos(eventTimeMillis);
        if (!started) {
            started = true;
            startNanos = clock.nanoTime();
        }
        long lateNanos = clock.nanoTime() - (startNanos + due);
        if (lateNanos > MAX_CATCH_UP_NANOS) {
            startNanos += lateNanos - MAX_CATCH_UP_NANOS;
        }
        for (long wait = startNanos + due - clock.nanoTime(); wait > 0; wait = startNanos + due - clock.nanoTime()) {
            if (stopRequested.getAsBoolean()) {
                return false;
            }
            clock.sleepNanos(Math.min(wait, MAX_SLEEP_NANOS));
        }
        return true;
    }
}
