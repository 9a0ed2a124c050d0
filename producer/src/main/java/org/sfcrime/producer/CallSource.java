package org.sfcrime.producer;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import org.sfcrime.record.CallFileReader;

/**
 * The valid calls of a file in replay order. Invalid records are handed to a {@link RejectLog}
 * as they are read.
 */
public interface CallSource extends Closeable {

    /**
     * Returns the next call, or null at the end.
     *
     * @throws org.sfcrime.record.MalformedCallFileException after every call before the break was returned
     * @throws StrictModeViolation                           at the first invalid record in strict mode
     */
    ReplayCall next() throws IOException;

    /** Invalid records read so far. */
    long invalidCount();

    /** Calls in one pass when known before sending (a sorted file), otherwise -1. */
    default long callsPerPass() {
        return -1;
    }

    /** The pass being replayed, from 1. */
    default int pass() {
        return 1;
    }

    /** How far each pass is shifted forward in event time relative to the previous one. */
    default Duration shiftPerPass() {
        return Duration.ZERO;
    }

    /** The source the options ask for: streamed in file order, sorted by event time, or looping. */
    static CallSource open(CallFileReader reader, ReplayOptions options, RejectLog rejects) {
        if (options.order == ReplayOrder.FILE) {
            return new FileOrderSource(reader, rejects);
        }
        EventTimeOrderSource sorted = new EventTimeOrderSource(reader, rejects);
        return options.loop ? new LoopingSource(sorted) : sorted;
    }
}
