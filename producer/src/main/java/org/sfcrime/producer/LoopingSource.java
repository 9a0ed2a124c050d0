package org.sfcrime.producer;

import java.io.IOException;
import java.time.Duration;

/**
 * Replays sorted calls pass after pass. Pass n is shifted forward by (n - 1) times the file's
 * time span (last call time - first call time + 1 minute), so event time keeps moving forward
 * and the next pass starts one minute after the previous one ended.
 */
final class LoopingSource implements CallSource {

    private static final long ONE_MINUTE_MILLIS = 60_000;

    private final EventTimeOrderSource sorted;
    private final TimestampShifter shifter = new TimestampShifter();
    private int pass = 1;
    private long spanMillis;

    LoopingSource(EventTimeOrderSource sorted) {
        this.sorted = sorted;
    }

    @Override
    public ReplayCall next() throws IOException {
        ReplayCall call = sorted.next();
        if (call == null) {
            if (sorted.callsPerPass() <= 0) {
                return null;
            }
            if (pass == 1) {
                spanMillis = sorted.lastEventTimeMillis() - sorted.firstEventTimeMillis() + ONE_MINUTE_MILLIS;
            }
            pass++;
            sorted.rewind();
            call = sorted.next();
        }
        return pass == 1 ? call : shifter.shift(call, Duration.ofMillis(spanMillis * (pass - 1)));
    }

    @Override
    public long invalidCount() {
        return sorted.invalidCount();
    }

    @Override
    public long callsPerPass() {
        return sorted.callsPerPass();
    }

    @Override
    public int pass() {
        return pass;
    }

    /** Zero until the first pass has ended (the span is known only then). */
    @Override
    public Duration shiftPerPass() {
        return Duration.ofMillis(spanMillis);
    }

    @Override
    public void close() throws IOException {
        sorted.close();
    }
}
