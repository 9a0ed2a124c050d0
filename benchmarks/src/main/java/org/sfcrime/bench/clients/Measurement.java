package org.sfcrime.bench.clients;

/**
 * One measured run of one client.
 *
 * @param client       which client and configuration ran, e.g. "ours", "perf-tool", "naive"
 * @param round        1-based round of the alternation
 * @param timed        records moved (checked against the data set), the client's own timing that the
 *                     ratios use (JVM start-up excluded), and a second timing that puts it into
 *                     perspective (see {@link BenchmarkResult#altLabel()}), NaN when none
 * @param wallSeconds  the child process from start to exit, JVM start-up included
 * @param peakRssBytes the child's peak resident size (VmHWM), 0 when unknown
 */
record Measurement(String client, int round, ToolOutput.Timed timed, double wallSeconds, long peakRssBytes) {

    long records() {
        return timed.records();
    }

    double timedSeconds() {
        return timed.seconds();
    }

    double altSeconds() {
        return timed.altSeconds();
    }

    double recordsPerSecond() {
        return records() / timedSeconds();
    }

    double altRecordsPerSecond() {
        return records() / altSeconds();
    }

    double wallRecordsPerSecond() {
        return records() / wallSeconds;
    }

    double peakRssMegabytes() {
        return peakRssBytes / 1e6;
    }
}
