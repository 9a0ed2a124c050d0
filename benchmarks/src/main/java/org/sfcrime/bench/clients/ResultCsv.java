package org.sfcrime.bench.clients;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sfcrime.bench.Csv;

/**
 * Writes a {@link BenchmarkResult} as two CSV files, NAME-TIMESTAMP-runs.csv (every run, then one
 * median row per client) and NAME-TIMESTAMP-checks.csv (ratios and peak memory against targets):
 * the same figures as the printed table.
 */
final class ResultCsv {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final List<String> RUN_COLUMNS = List.of("round", "client", "records", "timed_s", "records_per_s",
            "value_mb_per_s", "alt_s", "alt_records_per_s", "wall_s", "wall_records_per_s", "peak_rss_mb");
    private static final List<String> FIGURE_FORMATS = List.of("%.4f", "%.1f", "%.3f", "%.4f", "%.1f", "%.4f", "%.1f", "%.1f");
    private static final List<String> CHECK_COLUMNS = List.of("check", "value", "target", "met");

    private ResultCsv() {
    }

    /** @return the two files written */
    static List<Path> write(BenchmarkResult result, Path dir, String name) {
        String stem = name + "-" + LocalDateTime.now().format(STAMP);
        Path runsFile = dir.resolve(stem + "-runs.csv");
        Path checksFile = dir.resolve(stem + "-checks.csv");
        Csv.write(runsFile, RUN_COLUMNS, runRows(result));
        Csv.write(checksFile, CHECK_COLUMNS, result.checks().stream()
                .map(check -> List.of(check.name(), format("%.4f", check.value()), check.target(),
                        check.target().isEmpty() ? "" : Boolean.toString(check.met())))
                .toList());
        return List.of(runsFile, checksFile);
    }

    private static List<List<String>> runRows(BenchmarkResult result) {
        List<List<String>> rows = new ArrayList<>();
        for (Measurement run : result.runs()) {
            rows.add(row(Integer.toString(run.round()), run.client(), run.records(), run.timedSeconds(), run.recordsPerSecond(),
                    result.megabytesPerSecond(run.recordsPerSecond()), run.altSeconds(), run.altRecordsPerSecond(),
                    run.wallSeconds(), run.wallRecordsPerSecond(), run.peakRssMegabytes()));
        }
        for (String client : result.clients()) {
            double median = result.median(client, Measurement::recordsPerSecond);
            // The median row's peak RSS is the maximum over runs: the target is a ceiling.
            rows.add(row("median", client, result.runsOf(client).get(0).records(), result.median(client, Measurement::timedSeconds),
                    median, result.megabytesPerSecond(median), result.median(client, Measurement::altSeconds),
                    result.median(client, Measurement::altRecordsPerSecond), result.median(client, Measurement::wallSeconds),
                    result.median(client, Measurement::wallRecordsPerSecond), result.maxPeakRssMegabytes(client)));
        }
        return rows;
    }

    /** One row: the round, the client, the records, then the figures in the columns' order and precisions. */
    private static List<String> row(String round, String client, long records, double... figures) {
        List<String> row = new ArrayList<>(List.of(round, client, Long.toString(records)));
        for (int i = 0; i < figures.length; i++) {
            row.add(format(FIGURE_FORMATS.get(i), figures[i]));
        }
        return row;
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
