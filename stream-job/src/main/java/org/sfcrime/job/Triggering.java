package org.sfcrime.job;

import java.time.Duration;
import org.apache.spark.sql.streaming.Trigger;

/**
 * When the queries run a micro-batch.
 *
 * @param bounded  drain what the topic holds now, then stop (Trigger.AvailableNow)
 * @param interval processing-time trigger interval, 0 = back to back; unused when {@code bounded}
 */
public record Triggering(boolean bounded, Duration interval) {

    Trigger toSpark() {
        return bounded ? Trigger.AvailableNow() : Trigger.ProcessingTime(interval.toMillis());
    }

    /** One line for the summary printed at start. */
    String describe() {
        return bounded ? "bounded (available now)" : "every " + SparkInterval.toSpark(interval);
    }
}
