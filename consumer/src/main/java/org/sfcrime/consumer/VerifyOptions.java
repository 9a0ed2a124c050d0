package org.sfcrime.consumer;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options of verify mode: --verify FILE turns it on, and picocli rejects the others without it
 * or together with a console option.
 */
final class VerifyOptions {

    /** The overall deadline when --timeout-ms is not given: reading a whole topic takes a while. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(120_000);

    @Option(names = "--verify", paramLabel = "FILE", required = true, order = 30,
            description = "Verify mode: read every partition from its beginning to its end offset at start and "
                    + "compare with the valid calls of FILE ('-' for stdin) as multisets; print a report. "
                    + "Exit 0 only when the delivery is exact.")
    private String file;

    @Option(names = "--check-order", order = 31,
            description = "Also require call_date_time never to decrease within a partition.")
    private boolean checkOrder;

    @Option(names = "--report", paramLabel = "FORMAT", order = 32,
            description = "One of ${COMPLETION-CANDIDATES}: the report as aligned text or as one JSON "
                    + "document. Default: ${DEFAULT-VALUE}.")
    private ReportFormat reportFormat;

    /** @param timeoutMs --timeout-ms, or null for {@link #DEFAULT_TIMEOUT} */
    Verification verification(String topic, Long timeoutMs) {
        return new Verification(topic, file, checkOrder, reportFormat,
                timeoutMs == null ? DEFAULT_TIMEOUT : Duration.ofMillis(timeoutMs));
    }
}
