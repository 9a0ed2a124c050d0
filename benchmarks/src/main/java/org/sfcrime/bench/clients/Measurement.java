package org.sfcrime.bench.clients;

/**
 * One measured run of one client: the records it moved with its own timing (JVM start-up excluded) and a second one
 * that puts it into perspective; the whole process from start to exit; its peak resident size, 0 when unknown.
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
