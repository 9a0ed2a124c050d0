package org.sfcrime.consumer;

import java.time.Duration;

/**
 * What verify mode checks and how it reports; validated.
 *
 * @param topic        topic whose every partition is read to its end offset at start
 * @param file         the calls file that was replayed ("-" for stdin)
 * @param checkOrder   also require call_date_time never to decrease within a partition
 * @param reportFormat how the report is written to stdout
 * @param timeout      overall deadline of the run; expiry is a failure, never a partial success
 */
public record Verification(String topic, String file, boolean checkOrder, ReportFormat reportFormat,
                           Duration timeout) {
}
