package org.sfcrime.bench.clients;

/**
 * One measured run of one client.
 *
 * @param client        which client and configuration ran, e.g. "ours", "perf-tool", "naive"
 * @param round         1-based round of the alternation
 * @param timed         records moved (checked against the data set), the client's own timing that the
 *                      ratios use (JVM start-up excluded), and a second timing that puts it into
 *                      perspective, NaN when none
 * @param wallSeconds   the child process from start to exit, JVM start-up included
 * @param peakRssBytes  the child's peak resident size (VmHWM), 0 when unknown
 */
record Measurement(String client, int round, ToolOutput.Timed timed, double wallSeconds, long peakRssBytes) {

    double recordsPerSecond() {
        return timed.records() / timed.seconds();
    }

    double altRecordsPerSecond() {
        return timed.records() / timed.altSeconds();
    }

    double wallRecordsPerSecond() {
        return timed.records() / wallSeconds;
    }
}
