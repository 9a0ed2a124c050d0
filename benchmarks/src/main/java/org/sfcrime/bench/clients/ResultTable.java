package org.sfcrime.bench.clients;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints a {@link BenchmarkResult} as aligned text: what the reader should know about this
 * machine's noise, every run, the medians, then the checks against targets.
 */
final class ResultTable {

    private static final String ROW = "%-7s %-10s %11s %7s %8s %12s %7s %11s %8s%n";

    private ResultTable() {
    }

    static void print(BenchmarkResult result, Path lockFile, PrintStream out) {
        out.println(String.format("Noise: %d cores, load average %s. Each measured run held %s, so no two measurements "
                + "overlapped, but the broker shares the cores with the client under test and unlocked work of "
                + "others still runs; compare medians, and distrust differences smaller than the spreads.",
                Runtime.getRuntime().availableProcessors(), loadAverage(), lockFile));
        out.println();
        out.println("== " + result.legend().title() + " ==");
        out.printf(Locale.ROOT, ROW, "round", "client", "records/s", "MB/s", "timed s", "alt rec/s", "wall s",
                "wall rec/s", "RSS MB");
        for (Measurement run : result.runs()) {
            out.printf(Locale.ROOT, ROW, run.round(), run.client(), rate(run.recordsPerSecond()),
                    decimal(result.megabytesPerSecond(run.recordsPerSecond()), 2), decimal(run.timedSeconds(), 3),
                    rate(run.altRecordsPerSecond()), decimal(run.wallSeconds(), 2), rate(run.wallRecordsPerSecond()),
                    decimal(run.peakRssMegabytes(), 0));
        }
        for (String client : result.clients()) {
            double median = result.median(client, Measurement::recordsPerSecond);
            out.printf(Locale.ROOT, ROW, "median", client, rate(median), decimal(result.megabytesPerSecond(median), 2),
                    decimal(result.median(client, Measurement::timedSeconds), 3),
                    rate(result.median(client, Measurement::altRecordsPerSecond)),
                    decimal(result.median(client, Measurement::wallSeconds), 2),
                    rate(result.median(client, Measurement::wallRecordsPerSecond)),
                    decimal(result.maxPeakRssMegabytes(client), 0) + "*");
        }
        out.println();
        for (String client : result.clients()) {
            out.printf(Locale.ROOT, "spread of records/s over the runs of %s, (max - min) / median: %.0f%%%n",
                    client, 100 * result.spread(client, Measurement::recordsPerSecond));
        }
        out.println("records/s, timed s: " + result.legend().timedLabel());
        out.println("alt rec/s:          " + result.legend().altLabel());
        out.println("wall:               the child process from start to exit, JVM start-up included");
        out.printf(Locale.ROOT, "MB/s:               records/s x the mean value size (%.0f B), 10^6 B; the same for every client%n",
                result.legend().meanValueBytes());
        out.println("RSS MB:             peak resident set size (VmHWM) of the child's processes; * = max over runs");
        out.println();
        out.printf("%-66s %8s %9s  %s%n", "check", "value", "target", "result");
        for (BenchmarkResult.Check check : result.checks()) {
            out.printf(Locale.ROOT, "%-66s %8s %9s  %s%n", check.name(), decimal(check.value(), 2), check.target(),
                    check.target().isEmpty() ? "(no target)" : check.met() ? "met" : "MISSED");
        }
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" without /proc. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String rate(double recordsPerSecond) {
        return Double.isFinite(recordsPerSecond) ? String.format(Locale.ROOT, "%,.0f", recordsPerSecond) : "-";
    }

    private static String decimal(double value, int places) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + places + "f", value) : "-";
    }
}
