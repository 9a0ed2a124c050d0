package org.sfcrime.bench.clients;

import org.sfcrime.bench.BenchFailure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link BenchmarkResult} as two CSV files, NAME-TIMESTAMP-runs.csv (every run, then one
 * median row per client) and NAME-TIMESTAMP-checks.csv (ratios and peak memory against targets):
 * the same figures as the printed table.
 */
final class ResultCsv {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private ResultCsv() {
    }

    /** @return the two files written */
    static List<Path> write(BenchmarkResult result, Path dir, String name) {
        String stem = name + "-" + LocalDateTime.now().format(STAMP);
        Path runsFile = dir.resolve(stem + "-runs.csv");
        Path checksFile = dir.resolve(stem + "-checks.csv");
        try {
            Files.createDirectories(dir);
            Files.write(runsFile, runLines(result));
            Files.write(checksFile, checkLines(result));
            return List.of(runsFile, checksFile);
        } catch (IOException e) {
            throw new BenchFailure("cannot write the CSV files under " + dir + ": " + e.getMessage());
        }
    }

    private static List<String> runLines(BenchmarkResult result) {
        List<String> lines = new ArrayList<>();
        lines.add("round,client,records,timed_s,records_per_s,value_mb_per_s,alt_s,alt_records_per_s,wall_s,"
                + "wall_records_per_s,peak_rss_mb");
        for (Measurement run : result.runs()) {
            lines.add(String.format(Locale.ROOT, "%d,%s,%d,%.4f,%.1f,%.3f,%.4f,%.1f,%.4f,%.1f,%.1f", run.round(),
                    run.client(), run.records(), run.timedSeconds(), run.recordsPerSecond(),
                    result.megabytesPerSecond(run.recordsPerSecond()), run.altSeconds(), run.altRecordsPerSecond(),
                    run.wallSeconds(), run.wallRecordsPerSecond(), run.peakRssMegabytes()));
        }
        for (String client : result.clients()) {
            double median = result.median(client, Measurement::recordsPerSecond);
            // The median row's peak RSS is the maximum over runs: the target is a ceiling.
            lines.add(String.format(Locale.ROOT, "median,%s,%d,%.4f,%.1f,%.3f,%.4f,%.1f,%.4f,%.1f,%.1f", client,
                    result.runsOf(client).get(0).records(), result.median(client, Measurement::timedSeconds), median,
                    result.megabytesPerSecond(median), result.median(client, Measurement::altSeconds),
                    result.median(client, Measurement::altRecordsPerSecond),
                    result.median(client, Measurement::wallSeconds),
                    result.median(client, Measurement::wallRecordsPerSecond), result.maxPeakRssMegabytes(client)));
        }
        return lines;
    }

    private static List<String> checkLines(BenchmarkResult result) {
        List<String> lines = new ArrayList<>();
        lines.add("check,value,target,met");
        for (BenchmarkResult.Check check : result.checks()) {
            lines.add(String.format(Locale.ROOT, "\"%s\",%.4f,\"%s\",%s", check.name(), check.value(), check.target(),
                    check.target().isEmpty() ? "" : Boolean.toString(check.met())));
        }
        return lines;
    }
}
