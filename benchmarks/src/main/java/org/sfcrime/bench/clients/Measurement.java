package org.sfcrime.bench.clients;

/**
 * One measured run of one client.
 *
 * @param client        which client and configuration ran, e.g. "ours", "perf-tool", "naive"
 * @param round         1-based round of the alternation
 * @param records       records the run moved (checked against the data set by the caller)
 * @param timedSeconds  the client's own timing, the one the ratios use (JVM start-up excluded)
 * @param altSeconds    a second timing that puts the first into perspective (what it is depends on
 *                      the benchmark, see {@link BenchmarkResult#altLabel()}), NaN when none
 * @param wallSeconds   the child process from start to exit, JVM start-up included
 * @param peakRssBytes  the child's peak resident size (VmHWM), 0 when unknown
 */
record Measurement(String client, int round, long records, double timedSeconds, double altSeconds,
                   double wallSeconds, long peakRssBytes) {

    double recordsPerSecond() {
        return records / timedSeconds;
    }

    double altRecordsPerSecond() {
        return records / altSeconds;
    }

    double wallRecordsPerSecond() {
        return records / wallSeconds;
    }

    double peakRssMegabytes() {
        return peakRssBytes / 1e6;
    }
}
