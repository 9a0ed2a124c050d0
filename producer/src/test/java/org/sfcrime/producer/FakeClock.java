package org.sfcrime.producer;

/** A clock that only moves when slept on: pacing becomes exact and instant to test. */
final class FakeClock implements NanoClock {

    private long nowNanos = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    @Override
    public void sleepNanos(long nanos) {
        nowNanos += nanos;
    }
}
