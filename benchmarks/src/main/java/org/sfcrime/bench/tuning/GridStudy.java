package org.sfcrime.bench.tuning;

import org.sfcrime.bench.MeasurementLock;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.sfcrime.bench.Stats;

/**
 * The bounded-drain grid: for each point, the stream job drains the loaded topic (--bounded,
 * kafka sink to a fresh topic, fresh checkpoint) and its metrics file gives the throughput:
 * all input rows over the sum of the batches' triggerExecution (batch processing time). Each
 * point runs several times, in a new random order per repetition, so drift on a shared machine
 * spreads over all points instead of biasing one; the summary keeps medians and the spread.
 */
final class GridStudy {

    static final String RUNS_CSV = "grid-runs.csv";
    static final String SUMMARY_CSV = "grid-summary.csv";

    static final List<String> RUN_COLUMNS = List.of("repeat", "position", "point", "factor", "level", "master", "shuffle_partitions",
            "max_offsets_per_trigger", "spark_conf", "exit_code", "error", "lock_wait_ms", "wall_s", "batches", "input_rows",
            "trigger_execution_ms", "add_batch_ms", "query_planning_ms", "get_batch_ms", "latest_offset_ms", "wal_commit_ms",
            "commit_offsets_ms", "median_batch_ms", "rows_per_s", "steady_rows_per_s");

    static final List<String> SUMMARY_COLUMNS = List.of("point", "factor", "level", "master", "shuffle_partitions",
            "max_offsets_per_trigger", "spark_conf", "runs_ok", "runs_failed", "rows_per_s_median", "rows_per_s_min", "rows_per_s_max",
            "spread", "wall_s_median", "batches_median", "speedup_vs_spark_defaults", "ratio_vs_shipped",
            "processing_s_median", "steady_rows_per_s_median");

    /** What the study needs from its caller. */
    record Setup(StudyContext context, String inputTopic, long inputRecords, List<GridPoint> points, int repeats, int warmupRuns,
                 long seed, Duration runTimeout, Path outputDir) {
    }

    /** One measured run. */
    record Run(int repeat, int position, GridPoint point, int exitCode, String error, long lockWaitMs, long wallMs, BatchLog batches) {
        boolean ok() {
            return error.isEmpty();
        }

        List<Object> row() {
            List<Object> row = new ArrayList<>(List.of(repeat, position, point.id(), point.factor(), point.level(), point.master(),
                    point.shufflePartitions(), point.maxOffsetsPerTrigger(), point.sparkConfText(), exitCode, error, lockWaitMs,
                    wallMs / 1000.0, batches.dataBatches(), batches.inputRows()));
            BatchLog.DURATION_PARTS.forEach(part -> row.add(batches.sumMs(part)));
            row.add(batches.medianBatchMs());
            row.add(batches.rowsPerSecond());
            row.add(batches.steadyRowsPerSecond());
            return row;
        }
    }

    private final Setup setup;
    private final PrintStream err;
    private int outputTopics;

    GridStudy(Setup setup, PrintStream err) {
        this.setup = setup;
        this.err = err;
    }

    /** Runs the grid; returns how many runs failed (each failure is in the CSV). */
    int run() {
        List<Run> runs = new ArrayList<>();
        int total = setup.points().size() * setup.repeats();
        for (int i = 0; i < setup.warmupRuns(); i++) {
            // the first Spark run after a build or a pause pays for cold caches: measured, not kept
            Run warmup = runPoint(0, 0, setup.points().get(0));
            err.printf(Locale.ROOT, "grid warm-up run: %s%n", describe(warmup));
        }
        Random random = new Random(setup.seed());
        for (int repeat = 1; repeat <= setup.repeats(); repeat++) {
            List<GridPoint> order = new ArrayList<>(setup.points());
            Collections.shuffle(order, random);
            for (int position = 1; position <= order.size(); position++) {
                Run run = runPoint(repeat, position, order.get(position - 1));
                runs.add(run);
                err.printf(Locale.ROOT, "grid %d/%d repeat %d: %-34s %s%n", runs.size(), total, repeat, run.point().id(), describe(run));
                writeCsv(runs);
            }
        }
        printVerdict(runs);
        return (int) runs.stream().filter(run -> !run.ok()).count();
    }

    private String describe(Run run) {
        if (!run.ok()) {
            return "FAILED: " + run.error();
        }
        return String.format(Locale.ROOT, "%5.1f s processing, %,9.0f rows/s (steady %s), %3d batches, wall %5.1f s%s",
                run.batches().processingSeconds(), run.batches().rowsPerSecond(), rate(run.batches().steadyRowsPerSecond()),
                run.batches().dataBatches(), run.wallMs() / 1000.0,
                run.lockWaitMs() > 1000 ? String.format(Locale.ROOT, " (waited %.0f s for the lock)", run.lockWaitMs() / 1000.0) : "");
    }

    private Run runPoint(int repeat, int position, GridPoint point) {
        StudyContext context = setup.context();
        int n = ++outputTopics;
        String outputTopic = "tuning-grid-out-" + n;
        context.topics().create(outputTopic, 1);
        Path metrics = context.workDir().resolve("grid-" + n + ".metrics.jsonl");
        Path log = context.workDir().resolve("grid-" + n + ".log");
        List<String> jobOptions = List.of("--bootstrap-server", context.bootstrapServers(), "--topic", setup.inputTopic(), "--bounded",
                "--sinks", "kafka", "--output-topic", outputTopic, "--ui-port", "0", "--metrics-file", metrics.toString(),
                "--max-offsets-per-trigger", Long.toString(point.maxOffsetsPerTrigger()),
                "--shuffle-partitions", Integer.toString(point.shufflePartitions()),
                "--min-partitions", Integer.toString(context.shipped().minPartitions()));
        List<String> command = ChildProcess.sparkSubmit(point.submitOptions(), context.jobJar(), jobOptions);
        int exitCode;
        long wallMs;
        long lockWaitMs;
        String error = "";
        try (MeasurementLock lock = MeasurementLock.acquire(context.lockFile(), context.lockWait(), err);
             ChildProcess job = context.track(ChildProcess.start(command, log))) {
            lockWaitMs = lock.waitedMs();
            exitCode = job.waitFor(setup.runTimeout());
            wallMs = job.elapsedMs();
            if (exitCode == -1) {
                error = "timed out after " + setup.runTimeout().toSeconds() + " s";
            } else if (exitCode != 0) {
                error = "exit " + exitCode + ": " + job.lastError();
            }
        } finally {
            context.untrack();
        }
        BatchLog batches = BatchLog.read(metrics, BatchLog.KAFKA_QUERY);
        if (error.isEmpty() && batches.inputRows() != setup.inputRecords()) {
            error = "read " + batches.inputRows() + " of " + setup.inputRecords() + " records";
        }
        return new Run(repeat, position, point, exitCode, error, lockWaitMs, wallMs, batches);
    }

    private void writeCsv(List<Run> runs) {
        Csv.write(setup.outputDir().resolve(RUNS_CSV), RUN_COLUMNS, runs.stream().map(Run::row).toList());
        Csv.write(setup.outputDir().resolve(SUMMARY_CSV), SUMMARY_COLUMNS, summary(runs));
    }

    private List<List<Object>> summary(List<Run> runs) {
        Map<String, List<Run>> byPoint = new LinkedHashMap<>();
        setup.points().forEach(point -> byPoint.put(point.id(), new ArrayList<>()));
        runs.forEach(run -> byPoint.get(run.point().id()).add(run));
        Double shipped = medianRate(byPoint.get(GridPoint.SHIPPED));
        Double sparkDefaults = medianRate(byPoint.get(GridPoint.SPARK_DEFAULTS));
        List<List<Object>> rows = new ArrayList<>();
        for (GridPoint point : setup.points()) {
            List<Run> pointRuns = byPoint.get(point.id());
            List<Run> ok = pointRuns.stream().filter(Run::ok).toList();
            List<Double> rates = ok.stream().map(run -> run.batches().rowsPerSecond()).toList();
            Double median = rates.isEmpty() ? null : Stats.median(rates);
            rows.add(List.of(point.id(), point.factor(), point.level(), point.master(), point.shufflePartitions(),
                    point.maxOffsetsPerTrigger(), point.sparkConfText(), ok.size(), pointRuns.size() - ok.size(),
                    orNaN(median), rates.isEmpty() ? Double.NaN : Collections.min(rates),
                    rates.isEmpty() ? Double.NaN : Collections.max(rates), rates.isEmpty() ? Double.NaN : Stats.spread(rates),
                    ok.isEmpty() ? Double.NaN : Stats.median(ok.stream().map(run -> run.wallMs() / 1000.0).toList()),
                    ok.isEmpty() ? Double.NaN : Stats.median(ok.stream().map(run -> (double) run.batches().dataBatches()).toList()),
                    ratio(median, sparkDefaults), ratio(median, shipped),
                    medianOf(ok, run -> run.batches().processingSeconds()),
                    medianOf(ok, run -> run.batches().steadyRowsPerSecond())));
        }
        return rows;
    }

    /** The shipped defaults against Spark's plain defaults, as the stream job's targets put it. */
    private void printVerdict(List<Run> runs) {
        List<Run> shipped = okRuns(runs, GridPoint.SHIPPED);
        List<Run> plain = okRuns(runs, GridPoint.SPARK_DEFAULTS);
        if (shipped.isEmpty() || plain.isEmpty()) {
            return;
        }
        double shippedSeconds = medianOf(shipped, run -> run.batches().processingSeconds());
        double plainSeconds = medianOf(plain, run -> run.batches().processingSeconds());
        for (List<Run> point : List.of(shipped, plain)) {
            err.printf(Locale.ROOT, "grid result: %-14s %5.1f s processing, %,9.0f rows/s, steady %s rows/s (medians of %d runs)%n",
                    point.get(0).point().id(), medianOf(point, run -> run.batches().processingSeconds()),
                    medianOf(point, run -> run.batches().rowsPerSecond()),
                    rate(medianOf(point, run -> run.batches().steadyRowsPerSecond())), point.size());
        }
        double speedup = ratio(medianRate(shipped), medianRate(plain));
        err.printf(Locale.ROOT, "grid result: shipped processing %.1f s (target <= 5 s: %s); %.2fx Spark's plain defaults' "
                        + "rows/s (%.1f s; target >= 8x: %s)%n", shippedSeconds, shippedSeconds <= 5 ? "met" : "MISSED",
                speedup, plainSeconds, speedup >= 8 ? "met" : "MISSED");
    }

    private static List<Run> okRuns(List<Run> runs, String pointId) {
        return runs.stream().filter(run -> run.ok() && run.point().id().equals(pointId)).toList();
    }

    /** The median of the figures that exist (a one-batch run has no steady rate), NaN when none does. */
    private static double medianOf(List<Run> runs, ToDoubleFunction<Run> figure) {
        List<Double> values = runs.stream().map(run -> figure.applyAsDouble(run)).filter(value -> !value.isNaN()).toList();
        return values.isEmpty() ? Double.NaN : Stats.median(values);
    }

    private static String rate(double rowsPerSecond) {
        return Double.isNaN(rowsPerSecond) ? "n/a" : String.format(Locale.ROOT, "%,.0f", rowsPerSecond);
    }

    private static Double medianRate(List<Run> runs) {
        if (runs == null) {
            return null;
        }
        List<Double> rates = runs.stream().filter(Run::ok).map(run -> run.batches().rowsPerSecond()).toList();
        return rates.isEmpty() ? null : Stats.median(rates);
    }

    private static double ratio(Double value, Double reference) {
        return value == null || reference == null || reference == 0 ? Double.NaN : value / reference;
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
