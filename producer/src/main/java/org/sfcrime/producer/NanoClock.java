package org.sfcrime.producer;

import java.util.concurrent.locks.LockSupport;

/** A monotonic clock that can wait: {@link #SYSTEM} in use, a fake one in tests of pacing. */
public interface NanoClock {

    NanoClock SYSTEM = new NanoClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) {
            LockSupport.parkNanos(nanos);
        }
    };

    /** Nanoseconds from an arbitrary origin, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Waits about this long; may return early. */
    void sleepNanos(long nanos);
}
