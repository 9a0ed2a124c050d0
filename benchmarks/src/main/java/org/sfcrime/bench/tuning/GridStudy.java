package org.sfcrime.bench.tuning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sfcrime.bench.BenchFailure;
import org.sfcrime.bench.Csv;
import org.sfcrime.bench.Stats;
import org.sfcrime.testing.CommandResult;
import org.sfcrime.testing.Commands;

/**
 * The bounded-drain grid: for each point, the stream job drains the loaded topic (--bounded, kafka sink to a fresh
 * topic, fresh checkpoint) and its metrics file gives the throughput: all input rows over the sum of the batches'
 * triggerExecution (batch processing time). The summary keeps the medians of the repeats and their spread.
 */
final class GridStudy {

    static final String RUNS_CSV = "grid-runs.csv";
    static final String SUMMARY_CSV = "grid-summary.csv";
    private static final String INPUT_TOPIC = "tuning-calls";

    private static final List<String> RUN_COLUMNS = List.of("repeat", "position", "point", "factor", "level", "master",
            "shuffle_partitions", "max_offsets_per_trigger", "spark_conf", "exit_code", "error", "lock_wait_ms", "wall_s", "batches",
            "input_rows", "trigger_execution_ms", "add_batch_ms", "query_planning_ms", "get_batch_ms", "latest_offset_ms",
            "wal_commit_ms", "commit_offsets_ms", "median_batch_ms", "rows_per_s", "steady_rows_per_s");

    private static final List<String> SUMMARY_COLUMNS = List.of("point", "factor", "level", "master", "shuffle_partitions",
            "max_offsets_per_trigger", "spark_conf", "runs_ok", "runs_failed", "rows_per_s_median", "rows_per_s_min", "rows_per_s_max",
            "spread", "wall_s_median", "batches_median", "speedup_vs_spark_defaults", "ratio_vs_shipped",
            "processing_s_median", "steady_rows_per_s_median");

    /** One measured run; error is empty when it succeeded. */
    record Run(int repeat, int position, GridPoint point, int exitCode, String error, double wallSeconds, BatchLog batches) {
        boolean ok() {
            return error.isEmpty();
        }

        /** Its row of grid-runs.csv; lock_wait_ms is 0: the script holds the lock for the whole study, before the first run. */
        List<Object> row() {
            List<Object> row = new ArrayList<>(List.of(repeat, position, point.id(), point.factor(), point.level(), point.master(),
                    point.shufflePartitions(), point.maxOffsetsPerTrigger(), point.sparkConf(), exitCode, error, 0, wallSeconds,
                    batches.dataBatches(), batches.inputRows()));
            BatchLog.DURATION_PARTS.forEach(part -> row.add(batches.sumMs(part)));
            row.addAll(List.of(batches.medianBatchMs(), batches.rowsPerSecond(), batches.steadyRowsPerSecond()));
            return row;
        }
    }

    private final TuningStudy study;
    private final List<GridPoint> points;
    private int outputTopics;

    GridStudy(TuningStudy study) {
        this.study = study;
        this.points = GridPoint.plan(study.shipped, study.quick, study.factors);
    }

    /** Loads the calls, runs the grid over them; returns how many runs failed (each failure is in the CSV). */
    int run() {
        study.err.printf(Locale.ROOT, "grid: %d points x %d repeats (+%d warm-up): %s%n", points.size(), study.repeats,
                study.warmupRuns, String.join(", ", points.stream().map(GridPoint::id).toList()));
        study.broker.create(INPUT_TOPIC, 3);
        study.err.println("loading them into " + INPUT_TOPIC + " (3 partitions)");
        // as fast as the broker takes them, in event-time order
        CommandResult load = Commands.runBounded(Duration.ofMinutes(10), study.producer(INPUT_TOPIC));
        if (!load.failure().isEmpty()) {
            throw new BenchFailure("loading the calls failed: " + load.failure());
        }
        for (int i = 0; i < study.warmupRuns; i++) {
            // the first Spark run after a build or a pause pays for cold caches: measured, not kept
            study.err.printf(Locale.ROOT, "grid warm-up run: %s%n", describe(runPoint(0, 0, points.get(0))));
        }
        List<Run> runs = TuningStudy.shuffledRepeats(points, study.repeats, study.seed, this::runPoint, (run, done) -> {
            study.err.printf(Locale.ROOT, "grid %d/%d repeat %d: %-34s %s%n", done.size(),
                    points.size() * study.repeats, run.repeat(), run.point().id(), describe(run));
            Csv.write(study.outputDirectory().resolve(RUNS_CSV), RUN_COLUMNS, done.stream().map(Run::row).toList());
            Csv.write(study.outputDirectory().resolve(SUMMARY_CSV), SUMMARY_COLUMNS, summary(done));
        });
        printVerdict(runs);
        return (int) runs.stream().filter(run -> !run.ok()).count();
    }

    private static String describe(Run run) {
        return !run.ok() ? "FAILED: " + run.error() : String.format(Locale.ROOT,
                "%5.1f s processing, %,9.0f rows/s (steady %s), %3d batches, wall %5.1f s", run.batches().processingSeconds(),
                run.batches().rowsPerSecond(), rate(run.batches().steadyRowsPerSecond()), run.batches().dataBatches(), run.wallSeconds());
    }

    private Run runPoint(int repeat, int position, GridPoint point) {
        int n = ++outputTopics;
        String outputTopic = "tuning-grid-out-" + n;
        study.broker.create(outputTopic, 1);
        Path metrics = study.workDir.resolve("grid-" + n + ".metrics.jsonl");
        List<String> command = study.sparkSubmit(point.submitOptions(), List.of("--bootstrap-server", study.broker.bootstrapServers(),
                "--topic", INPUT_TOPIC, "--bounded", "--sinks", "kafka", "--output-topic", outputTopic, "--ui-port", "0",
                "--metrics-file", metrics.toString(), "--max-offsets-per-trigger", Long.toString(point.maxOffsetsPerTrigger()),
                "--shuffle-partitions", Integer.toString(point.shufflePartitions()),
                "--min-partitions", Integer.toString(study.shipped.minPartitions())));
        CommandResult job = Commands.runBounded(Duration.ofSeconds(study.runTimeoutSeconds), command);
        BatchLog batches = BatchLog.read(metrics, BatchLog.KAFKA_QUERY);
        String error = !job.failure().isEmpty() ? job.failure()
                : batches.inputRows() != study.records ? "read " + batches.inputRows() + " of " + study.records + " records"
                : "";
        return new Run(repeat, position, point, job.exitCode(), error, Math.round(job.wallSeconds() * 1000) / 1000.0, batches);
    }

    private List<List<Object>> summary(List<Run> runs) {
        double shipped = Stats.median(okRuns(runs, GridPoint.SHIPPED), run -> run.batches().rowsPerSecond());
        double sparkDefaults =
                Stats.median(okRuns(runs, GridPoint.SPARK_DEFAULTS), run -> run.batches().rowsPerSecond());
        return points.stream().map(point -> {
            List<Run> ok = okRuns(runs, point.id());
            long failed = runs.stream().filter(run -> !run.ok() && run.point().id().equals(point.id())).count();
            List<Double> rates = ok.stream().map(run -> run.batches().rowsPerSecond()).toList();
            double median = Stats.median(rates);
            return List.<Object>of(point.id(), point.factor(), point.level(), point.master(), point.shufflePartitions(),
                    point.maxOffsetsPerTrigger(), point.sparkConf(), ok.size(), failed, median,
                    rates.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    rates.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), Stats.spread(rates),
                    Stats.median(ok, Run::wallSeconds), Stats.median(ok, run -> run.batches().dataBatches()),
                    median / sparkDefaults,
                    median / shipped, Stats.median(ok, run -> run.batches().processingSeconds()),
                    Stats.median(ok, run -> run.batches().steadyRowsPerSecond()));
        }).toList();
    }

    /** The shipped defaults against Spark's plain defaults, as the stream job's targets put it; the rest is in the CSV files. */
    private void printVerdict(List<Run> runs) {
        double shipped = Stats.median(okRuns(runs, GridPoint.SHIPPED), run -> run.batches().rowsPerSecond());
        double plain = Stats.median(okRuns(runs, GridPoint.SPARK_DEFAULTS), run -> run.batches().rowsPerSecond());
        if (!Double.isNaN(shipped) && !Double.isNaN(plain)) {
            study.err.printf(Locale.ROOT, "grid result: shipped %,.0f rows/s, Spark's plain defaults %,.0f rows/s (medians): %.2fx%n",
                    shipped, plain, shipped / plain);
        }
    }

    private static List<Run> okRuns(List<Run> runs, String pointId) {
        return runs.stream().filter(run -> run.ok() && run.point().id().equals(pointId)).toList();
    }

    private static String rate(double rowsPerSecond) {
        return Double.isNaN(rowsPerSecond) ? "n/a" : String.format(Locale.ROOT, "%,.0f", rowsPerSecond);
    }
}
