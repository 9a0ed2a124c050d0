package org.sfcrime.job;

import java.time.Duration;

/**
 * The event-time windows the calls are counted in.
 *
 * @param length    window length
 * @param slide     how far each window starts after the previous one; equal to {@code length} for tumbling windows
 * @param watermark how far behind the newest call time seen a call may arrive and still be counted; always &gt; 0
 */
public record Windowing(Duration length, Duration slide, Duration watermark) {

    /** One line for the summary printed at start. */
    String describe() {
        return SparkInterval.toSpark(length) + " sliding " + SparkInterval.toSpark(slide) + ", watermark "
                + SparkInterval.toSpark(watermark);
    }
}
